import { describe, expect, it } from "vitest";
import type { ActivityEvent, FillEvent } from "./agentActivity.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { readLog } from "./logReading.ts";
import { createStopLossWideningDetector } from "./stopLossWidening.ts";
import { activityScript, fx } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

describe("executionTracker", () => {
  it("pairs fills with intents and follows round trips through adds, reductions and a reversal", () => {
    const s = activityScript();
    s.order(0, "ETH", "2", "100"); // open long 2: opening notional 200
    s.order(1, "ETH", "1", "90"); // add 1 at 90: gross entry 200 + 90 = 290, average (200 + 90) / 3 = 96.66666667
    s.order(2, "ETH", "-1", "100"); // reduce: (100 − 96.66666667) × 1 = 3.33333333
    s.riskClose(3, "ETH", "95"); // stop hit: (95 − 96.66666667) × 2 = −3.33333334
    s.order(4, "ETH", "-3", "95"); // open short 3
    s.order(5, "ETH", "5", "94"); // reverse: closes short 3 (+3), opens long 2 at 94
    const { executions } = readLog(s.events);
    const fills = executions.filter((e) => e !== undefined);
    expect(fills.map((e) => [e.change, e.intent?.orderId ?? null, e.notionalAfter])).toEqual([
      ["open", "o1", fx("200")],
      ["add", "o2", fx("270")], // 3 × 90
      ["reduce", "o3", fx("200")], // 2 × 100
      ["close", null, 0n], // the risk engine's fill has no intent
      ["open", "o5", fx("285")],
      ["reverse", "o6", fx("188")], // 2 × 94
    ]);
    const closed = fills.flatMap((e) => (e.closed === undefined ? [] : [e.closed]));
    expect(closed).toEqual([
      {
        symbol: "ETH",
        side: "long",
        openRound: 0,
        openOrderId: "o1",
        openingNotional: fx("200"),
        grossEntryNotional: fx("290"),
        realizedPnl: fx("3.33333333") + fx("-3.33333334"),
        closeRound: 3,
        closeOrderId: "risk4",
      },
      {
        symbol: "ETH",
        side: "short",
        openRound: 4,
        openOrderId: "o5",
        openingNotional: fx("285"),
        grossEntryNotional: fx("285"),
        realizedPnl: fx("3"), // (94 − 95) × −3
        closeRound: 5,
        closeOrderId: "o6",
      },
    ]);
  });

  it("rejects events out of order, and keeps rejecting them on the next call", () => {
    const s = activityScript();
    s.decision(2, "hold");
    s.decision(1, "hold");
    const detector = createStopLossWideningDetector();
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = thrownBy(() => detector.scan(s.activity));
      expect(error).toBeInstanceOf(InvalidConductInputError);
      expect((error as InvalidConductInputError).problems).toEqual([
        "event 1 (decision, round 1, time 1735693200) comes before event 0 (decision, round 2, time 1735696800)",
      ]);
    }
  });

  it("rejects a fill or an intent that does not follow from the earlier fills", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "100");
    const skipped: FillEvent = { ...(s.events[1] as FillEvent), orderId: "x", round: 1, positionAfter: fx("3") };
    const events: ActivityEvent[] = [...s.events, skipped];
    expect((thrownBy(() => readLog(events)) as InvalidConductInputError).problems).toEqual([
      "fill x (round 1, BTC) implies a position of 200000000 before it (positionAfter − quantity), but the earlier fills leave 100000000",
    ]);
    const stale = s.intent(1, "BTC", "1", "100");
    const wrong = { ...stale, position: { ...stale.position, quantity: 0n } };
    expect((thrownBy(() => readLog([...s.events, wrong])) as InvalidConductInputError).problems).toEqual([
      "intent o2 (round 1, BTC) says the position is 0, but the earlier fills leave 100000000",
    ]);
  });
});
