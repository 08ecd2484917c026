import { describe, expect, it } from "vitest";
import { createDoublingDownDetector } from "./doublingDown.ts";
import { activityScript, fx } from "./testing/activityScript.ts";

describe("doubling-down detector", () => {
  it("reports an add to a losing long that lowers its average entry, with the numbers", () => {
    const s = activityScript();
    s.order(0, "ETH", "2", "3000");
    s.order(3, "ETH", "2", "2700"); // position at (2700 − 3000) × 2 = −600 when adding
    expect(createDoublingDownDetector().scan(s.activity)).toEqual([
      {
        detector: "doubling-down",
        rounds: [3],
        // loss 600 ÷ cost basis 2 × 3000 = 6000 → 1,000 bps; new average (2 × 3000 + 2 × 2700) / 4 = 2850
        reason:
          "Doubling down: added 2 ETH at 2700 to a long position losing 600 (1000 bps), lowering the average entry from 3000 to 2850.",
        evidence: {
          symbol: "ETH",
          side: "long",
          round: 3,
          orderId: "o2",
          quantityBefore: fx("2"),
          averageEntryBefore: fx("3000"),
          unrealizedPnl: fx("-600"),
          lossBps: 1_000,
          minLossBps: 0,
          addedQuantity: fx("2"),
          addPrice: fx("2700"),
          averageEntryAfter: fx("2850"),
        },
      },
    ]);
  });

  it("reports a short sold more as the price rises against it, and denies it before it trades", () => {
    const s = activityScript();
    s.order(0, "SOL", "-10", "100");
    const add = s.intent(1, "SOL", "-5", "110"); // short at (110 − 100) × −10 = −100
    const detector = createDoublingDownDetector();
    const denied = detector.inspectIntent(add, s.activity);
    // cost basis 10 × 100 = 1000, loss 100 → 1,000 bps; average (10 × 100 + 5 × 110) / 15 = 103.33333333
    expect(denied?.evidence).toMatchObject({
      side: "short",
      lossBps: 1_000,
      addedQuantity: fx("-5"),
      averageEntryAfter: fx("103.33333333"),
    });
    s.order(1, "SOL", "-5", "110");
    expect(detector.scan(s.activity)).toEqual([denied]);
  });

  it("does not flag scaling into a winner, reducing a loser, or an add once a loss turned into a gain", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "60000");
    s.order(1, "BTC", "1", "61000"); // winner: (61000 − 60000) × 1 = +1000
    s.order(2, "BTC", "-1", "59000"); // cutting a loser is fine
    s.order(3, "ETH", "1", "3000");
    s.order(4, "ETH", "1", "2990", { fill: false }); // denied by another rule: never traded
    s.order(5, "ETH", "1", "3100"); // ETH back above entry
    expect(createDoublingDownDetector().scan(s.activity)).toEqual([]);
  });

  it("ignores losses below minLossBps", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "60000");
    s.order(1, "BTC", "1", "59970"); // loss 30 on 60,000 = 5 bps
    expect(createDoublingDownDetector({ minLossBps: 10 }).scan(s.activity)).toEqual([]);
    expect(createDoublingDownDetector({ minLossBps: 5 }).scan(s.activity)).toHaveLength(1);
  });
});
