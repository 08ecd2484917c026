import { describe, expect, it } from "vitest";
import { createRevengeTradingDetector } from "./revengeTrading.ts";
import { activityScript, fx } from "./testing/activityScript.ts";

/** Three earlier positions of 5 ETH × 2000 = 10,000 notional on 100,000 equity: 0.1x each; the last loses 500. */
function threeNormalPositions() {
  const s = activityScript();
  s.order(0, "ETH", "5", "2000"); // o1
  s.order(1, "ETH", "-5", "2050"); // o2: +250
  s.order(2, "ETH", "5", "2000"); // o3
  s.order(3, "ETH", "-5", "2010"); // o4: +50
  s.order(4, "ETH", "5", "2000"); // o5
  s.order(5, "ETH", "-5", "1900"); // o6: (1900 − 2000) × 5 = −500
  return s;
}

describe("revenge-trading detector", () => {
  it("reports an outsized position right after a realized loss, with the loss, the size and the median", () => {
    const s = threeNormalPositions();
    s.order(6, "BTC", "0.5", "60000"); // o7: 0.5 × 60000 = 30,000 notional on 100,000 equity = 0.3x
    expect(createRevengeTradingDetector().scan(s.activity)).toEqual([
      {
        detector: "revenge-trading",
        rounds: [5, 6],
        reason:
          "Revenge trading: 1 round(s) after realizing -500 on ETH, opened a long BTC position of 0.3x leverage, 3.00 times the median 0.1 of 3 earlier positions.",
        evidence: {
          loss: { symbol: "ETH", round: 5, orderId: "o6", realizedPnl: fx("-500") },
          roundsSinceLoss: 1,
          opening: {
            symbol: "BTC",
            side: "long",
            round: 6,
            orderId: "o7",
            notional: fx("30000"),
            equity: fx("100000"),
          },
          measure: "leverage",
          size: fx("0.3"),
          medianPriorSize: fx("0.1"),
          priorPositions: 3,
          ratioBps: 30_000, // 0.3 / 0.1 = 3
          factorBps: 20_000,
          windowRounds: 3,
        },
      },
    ]);
  });

  it("denies the aggressive order before it trades, agreeing with the scan", () => {
    const s = threeNormalPositions();
    const detector = createRevengeTradingDetector();
    const denied = detector.inspectIntent(s.intent(8, "SOL", "-150", "200"), s.activity); // 30,000 short = 0.3x, 3 rounds after
    expect(denied?.evidence.roundsSinceLoss).toBe(3);
    s.order(8, "SOL", "-150", "200");
    expect(detector.scan(s.activity)).toEqual([denied]);
  });

  it("counts a reversal's own losing close and a stop-loss execution as the loss", () => {
    const s = threeNormalPositions();
    s.order(6, "ETH", "5", "2000"); // o7: a fourth 0.1x position (median of 0.1, 0.1, 0.1, 0.1 is 0.1)
    // Sell 20: closes 5 at 1900 (−500) and opens short 15 × 1900 = 28,500 = 0.285x → 2.85 times the median.
    const detector = createRevengeTradingDetector();
    const denied = detector.inspectIntent(s.intent(7, "ETH", "-20", "1900"), s.activity);
    expect(denied?.evidence).toMatchObject({
      loss: { symbol: "ETH", round: 7, realizedPnl: fx("-500") },
      roundsSinceLoss: 0,
      size: fx("0.285"),
      ratioBps: 28_500,
    });
    s.order(7, "ETH", "-20", "1900");
    expect(detector.scan(s.activity)).toEqual([denied]);

    const stopped = threeNormalPositions();
    stopped.order(6, "SOL", "50", "200"); // 10,000 = 0.1x
    stopped.riskClose(7, "SOL", "190"); // stop hit: (190 − 200) × 50 = −500
    stopped.order(8, "SOL", "150", "200"); // 30,000 = 0.3x, median of four 0.1x = 0.1
    expect(detector.scan(stopped.activity).map((v) => [v.evidence.loss.orderId, v.evidence.ratioBps])).toEqual([
      ["risk8", 30_000], // o1–o7, then the risk engine's execution takes id 8,
    ]);
  });

  it("does not flag a normal-size position after a loss, a big one long after, or one without enough history", () => {
    const normal = threeNormalPositions();
    normal.order(6, "BTC", "0.25", "60000"); // 15,000 = 0.15x: 1.5 times the median
    normal.order(6, "ETH", "-5", "1900"); // and a 9,500 ETH short = 0.095x in the same round
    const late = threeNormalPositions();
    late.order(9, "BTC", "0.5", "60000"); // 0.3x but 4 rounds after the loss (window 3)
    const young = activityScript();
    young.order(0, "ETH", "5", "2000");
    young.order(1, "ETH", "-5", "1900"); // a loss with only one earlier position
    young.order(2, "BTC", "1", "60000"); // 0.6x: no median of 3 yet
    const detector = createRevengeTradingDetector();
    expect(detector.scan(normal.activity)).toEqual([]);
    expect(detector.scan(late.activity)).toEqual([]);
    expect(detector.scan(young.activity)).toEqual([]);
  });

  it("measures leverage by default, so a larger notional on proportionally larger equity is not aggressive", () => {
    const s = threeNormalPositions();
    s.order(6, "BTC", "0.5", "60000", { equity: "300000" }); // 30,000 on 300,000 = 0.1x, but 3x the notional
    expect(createRevengeTradingDetector().scan(s.activity)).toEqual([]);
    expect(createRevengeTradingDetector({ measure: "notional" }).scan(s.activity)).toMatchObject([
      { evidence: { measure: "notional", size: fx("30000"), medianPriorSize: fx("10000"), ratioBps: 30_000 } },
    ]);
  });
});
