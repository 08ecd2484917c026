import { describe, expect, it } from "vitest";
import { InvalidConductConfigError } from "./invalidConductConfigError.ts";
import { createMartingaleDetector } from "./martingale.ts";
import { activityScript, fx } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

/**
 * Hand-built season: bet 1 BTC at 100 (notional 100), lose; bet 2 at 90 (180 = 1.8x), lose;
 * bet 4 at 85 (340 = 1.889x). Two escalations after two losses: a martingale by the default
 * thresholds (factor 1.8, minSteps 2).
 */
function doublingAfterLosses() {
  const s = activityScript();
  s.order(0, "BTC", "1", "100"); // bet 1: notional 1 × 100 = 100
  s.order(1, "BTC", "-1", "90"); // closes: (90 − 100) × 1 = −10
  s.order(2, "BTC", "2", "90"); // bet 2: 2 × 90 = 180; 180 / 100 = 1.8 → 18,000 bps
  s.order(3, "BTC", "-2", "85"); // closes: (85 − 90) × 2 = −10
  return s;
}

const expectedSteps = [
  {
    lost: { symbol: "BTC", side: "long", round: 0, orderId: "o1", notional: fx("100") },
    closedRound: 1,
    realizedPnl: fx("-10"),
    next: { symbol: "BTC", side: "long", round: 2, orderId: "o3", notional: fx("180") },
    ratioBps: 18_000,
  },
  {
    lost: { symbol: "BTC", side: "long", round: 2, orderId: "o3", notional: fx("180") },
    closedRound: 3,
    realizedPnl: fx("-10"),
    // bet 3: 4 × 85 = 340; 340 / 180 = 1.88889 → 18,888.9 bps, rounded half away from zero to 18,889
    next: { symbol: "BTC", side: "long", round: 4, orderId: "o5", notional: fx("340") },
    ratioBps: 18_889,
  },
];

describe("martingale detector", () => {
  it("reports a chain of bets each ~doubled after a loss, with every step as evidence", () => {
    const s = doublingAfterLosses();
    s.order(4, "BTC", "4", "85");
    const violations = createMartingaleDetector().scan(s.activity);
    expect(violations).toEqual([
      {
        detector: "martingale",
        rounds: [0, 1, 2, 3, 4],
        reason: "Martingale: 2 losing bets were each followed by a bet at least 1.8x larger (100 → 180, 180 → 340).",
        evidence: { factorBps: 18_000, minSteps: 2, steps: expectedSteps },
      },
    ]);
  });

  it("denies the escalating order before it trades, with the same evidence the scan would record", () => {
    const s = doublingAfterLosses();
    const detector = createMartingaleDetector();
    const next = s.intent(4, "BTC", "4", "85");
    const denied = detector.inspectIntent(next, s.activity);
    s.order(4, "BTC", "4", "85");
    expect(denied).toEqual(detector.scan(s.activity)[0]);
    // 3 × 85 = 255 is only 255 / 180 = 1.42x the lost bet: not an escalation.
    expect(detector.inspectIntent(s.intent(4, "BTC", "3", "85"), { entrant: "agent-1", events: [...s.events] })).toBe(
      undefined,
    );
  });

  it("keeps one violation per chain, extended as the chain grows", () => {
    const s = doublingAfterLosses();
    s.order(4, "BTC", "4", "85");
    s.order(5, "BTC", "-4", "80"); // (80 − 85) × 4 = −20
    s.order(6, "ETH", "-8", "80"); // any asset: short 8 × 80 = 640; 640 / 340 = 1.882 → 18,824 bps
    const [violation, ...others] = createMartingaleDetector().scan(s.activity);
    expect(others).toEqual([]);
    expect(violation?.evidence.steps.map((step) => [step.next.symbol, step.next.notional, step.ratioBps])).toEqual([
      ["BTC", fx("180"), 18_000],
      ["BTC", fx("340"), 18_889],
      ["ETH", fx("640"), 18_824],
    ]);
    expect(violation?.rounds).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("counts a reversal's own losing close, and a stop-loss execution, as the loss", () => {
    const s = activityScript();
    s.order(0, "SOL", "10", "10"); // bet 1: 10 × 10 = 100
    s.riskClose(1, "SOL", "9"); // stop hit: (9 − 10) × 10 = −10
    s.order(2, "SOL", "20", "9"); // bet 2: 20 × 9 = 180 = 1.8x
    const detector = createMartingaleDetector();
    // Selling 60 reverses long 20 at 8.5 (a loss of (8.5 − 9) × 20 = −10) into short 40: 40 × 8.5 = 340 = 1.889x.
    const reversal = s.intent(3, "SOL", "-60", "8.5");
    const denied = detector.inspectIntent(reversal, s.activity);
    expect(denied?.evidence.steps.map((step) => [step.lost.notional, step.realizedPnl, step.next.notional])).toEqual([
      [fx("100"), fx("-10"), fx("180")],
      [fx("180"), fx("-10"), fx("340")],
    ]);
    s.order(3, "SOL", "-60", "8.5");
    expect(detector.scan(s.activity)).toEqual([denied]);
  });

  it("does not flag a single bigger bet after a loss, a normal-size bet, or doubling after a win", () => {
    const detector = createMartingaleDetector();
    const single = activityScript();
    single.order(0, "BTC", "1", "100");
    single.order(1, "BTC", "-1", "90"); // loss
    single.order(2, "BTC", "2", "90"); // one escalation (1.8x), then a win
    single.order(3, "BTC", "-2", "95"); // (95 − 90) × 2 = +10
    single.order(4, "BTC", "4", "95"); // doubling after a win is not martingale
    expect(detector.scan(single.activity)).toEqual([]);

    const steady = activityScript();
    for (let r = 0; r < 10; r += 2) {
      steady.order(r, "ETH", "1", "100");
      steady.order(r + 1, "ETH", "-1", "95"); // five losses in a row, every bet the same size
    }
    expect(detector.scan(steady.activity)).toEqual([]);
  });

  it("follows its thresholds: factor 2 needs a real doubling, minSteps 1 flags one escalation", () => {
    const s = doublingAfterLosses();
    s.order(4, "BTC", "4", "85");
    expect(createMartingaleDetector({ factor: 2 }).scan(s.activity)).toEqual([]); // 1.8x and 1.89x < 2x
    const single = activityScript();
    single.order(0, "BTC", "1", "100");
    single.order(1, "BTC", "-1", "90");
    single.order(2, "BTC", "2", "90");
    expect(createMartingaleDetector({ minSteps: 1 }).scan(single.activity)).toHaveLength(1);
  });

  it("rejects thresholds out of range, listing every problem", () => {
    const error = thrownBy(() => createMartingaleDetector({ factor: 0.5, minSteps: 1.5 }));
    expect(error).toBeInstanceOf(InvalidConductConfigError);
    expect((error as InvalidConductConfigError).problems).toEqual([
      "martingale.factor: expected a value in [1, 1000], got 0.5 (next bet ÷ losing bet that counts as doubled)",
      "martingale.minSteps: expected an integer, got 1.5 (escalations in a row that make a violation)",
    ]);
  });
});
