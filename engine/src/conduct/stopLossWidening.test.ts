import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStopLossWideningDetector } from "./stopLossWidening.ts";
import { activityScript, fx } from "./testing/activityScript.ts";

describe("stop-loss widening detector", () => {
  it("reports a long's stop moved down, with the distances from entry", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "100", { stop: "95" });
    s.moveStop(2, "BTC", "92");
    expect(createStopLossWideningDetector().scan(s.activity)).toEqual([
      {
        detector: "stop-loss-widening",
        rounds: [2],
        // (100 − 95) / 100 = 500 bps → (100 − 92) / 100 = 800 bps
        reason:
          "Stop-loss widening: moved the stop from 95 to 92 (500 → 800 bps from entry 100 on the loss side) on the long BTC position; stops may only be tightened.",
        evidence: {
          symbol: "BTC",
          side: "long",
          round: 2,
          source: "stop-change",
          orderId: null,
          entryPrice: fx("100"),
          previousStop: fx("95"),
          newStop: fx("92"),
          previousDistanceBps: 500,
          newDistanceBps: 800,
        },
      },
    ]);
  });

  it("reports a short's stop moved up, a removed stop, and a trailed stop moved back", () => {
    const s = activityScript();
    s.order(0, "ETH", "-2", "2000", { stop: "2100" });
    s.moveStop(1, "ETH", "2150"); // (2150 − 2000) / 2000 = 750 bps, was 500
    s.order(2, "SOL", "10", "100", { stop: "94" });
    s.moveStop(3, "SOL", null);
    s.order(4, "BTC", "1", "100", { stop: "93" });
    s.moveStop(5, "BTC", "105"); // trailed into profit: −500 bps
    s.moveStop(6, "BTC", "103"); // closer to entry, but looser: −300 bps
    const found = createStopLossWideningDetector().scan(s.activity);
    expect(found.map((v) => [v.evidence.symbol, v.evidence.previousDistanceBps, v.evidence.newDistanceBps])).toEqual([
      ["ETH", 500, 750],
      ["SOL", 600, null],
      ["BTC", -500, -300],
    ]);
  });

  it("denies a loosening stop change or order before it applies", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "100", { stop: "95" });
    const detector = createStopLossWideningDetector();
    expect(detector.inspectIntent(s.stopChange(1, "BTC", "94"), s.activity)?.evidence.newDistanceBps).toBe(600);
    expect(detector.inspectIntent(s.stopChange(1, "BTC", "96"), s.activity)).toBe(undefined);
    const addWithLooserStop = s.intent(1, "BTC", "1", "98", { stop: "90" });
    expect(detector.inspectIntent(addWithLooserStop, s.activity)?.evidence).toMatchObject({
      source: "order",
      orderId: "o2",
      previousStop: fx("95"),
      newStop: fx("90"),
    });
  });

  it("does not flag placing, tightening, keeping a stop, or a new position's first stop after a reversal", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "100", { stop: "94" });
    s.moveStop(1, "BTC", "96");
    s.order(2, "BTC", "1", "101"); // an add keeping the stop
    s.order(3, "BTC", "-3", "99", { stop: "105" }); // reverses to short 1 with a first stop at 105
    s.moveStop(4, "BTC", "103");
    expect(createStopLossWideningDetector().scan(s.activity)).toEqual([]);
  });

  it("never reports a widening in a tightening-only stop history, by stop changes or orders (property)", () => {
    const step = fc.record({
      tighten: fc.integer({ min: 0, max: 300 }),
      via: fc.constantFrom("stop", "add", "reduce"),
    });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1_000, max: 100_000 }),
        fc.array(step, { maxLength: 30 }),
        (long, entry, steps) => {
          const s = activityScript();
          const detector = createStopLossWideningDetector();
          const sign = long ? 1 : -1;
          let stop = entry - sign * 800; // start 800 units on the loss side of entry
          s.order(0, "BTC", long ? "100" : "-100", String(entry), { stop: String(stop) });
          let inspectedClean = true;
          steps.forEach(({ tighten, via }, i) => {
            stop += sign * tighten; // only toward (and past) the price
            const round = i + 1;
            if (via === "stop") {
              inspectedClean &&=
                detector.inspectIntent(s.stopChange(round, "BTC", String(stop)), s.activity) === undefined;
              s.moveStop(round, "BTC", String(stop));
              return;
            }
            const quantity = (via === "add" ? sign : -sign).toString(); // ±1 of 100+: never flat
            const order = { stop: String(stop) };
            inspectedClean &&=
              detector.inspectIntent(s.intent(round, "BTC", quantity, String(entry), order), s.activity) === undefined;
            s.order(round, "BTC", quantity, String(entry), order);
          });
          return inspectedClean && detector.scan(s.activity).length === 0;
        },
      ),
    );
  });

  it("reports exactly one violation per loosening move (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 1, maxLength: 30 }), (moves) => {
        const s = activityScript();
        let stop = 90_000;
        s.order(0, "BTC", "1", "100000", { stop: String(stop) });
        let loosening = 0;
        moves.forEach((move, i) => {
          if (move === 0) return; // not a change: no event
          if (move < 0) loosening++;
          stop += move;
          s.moveStop(i + 1, "BTC", String(stop));
        });
        return createStopLossWideningDetector().scan(s.activity).length === loosening;
      }),
    );
  });
});
