import { describe, expect, it } from "vitest";
import { activityScript, fx } from "./testing/activityScript.ts";
import { createWashTradingDetector } from "./washTrading.ts";

/** Two wash round trips: BTC bought and sold in round 0 at the same price; ETH bought round 2, sold round 3 for +1. */
function twoWashes() {
  const s = activityScript();
  s.order(0, "BTC", "1", "60000"); // o1
  s.order(0, "BTC", "-1", "60000"); // o2: P&L 0
  s.order(2, "ETH", "1", "3000"); // o3
  s.order(3, "ETH", "-1", "3001"); // o4: +1 on 3000 = 3.33 bps → 3
  return s;
}

describe("wash-trading detector", () => {
  it("reports repeated flat round trips that only add trades, each listed", () => {
    const s = twoWashes();
    s.order(5, "SOL", "-10", "100"); // o5: short 1,000 notional
    s.order(5, "SOL", "10", "100.05"); // o6: (100.05 − 100) × −10 = −0.5 → −5 bps
    expect(createWashTradingDetector().scan(s.activity)).toEqual([
      {
        detector: "wash-trading",
        rounds: [0, 2, 3, 5],
        reason:
          "Wash trading: 3 round trips opened and closed within 1 round(s) for a P&L within ±10 bps (BTC rounds 0–0: 0; ETH rounds 2–3: 1; SOL rounds 5–5: -0.5).",
        evidence: {
          roundTrips: [
            {
              symbol: "BTC",
              side: "long",
              openRound: 0,
              closeRound: 0,
              openOrderId: "o1",
              closeOrderId: "o2",
              grossEntryNotional: fx("60000"),
              realizedPnl: 0n,
              pnlBps: 0,
            },
            {
              symbol: "ETH",
              side: "long",
              openRound: 2,
              closeRound: 3,
              openOrderId: "o3",
              closeOrderId: "o4",
              grossEntryNotional: fx("3000"),
              realizedPnl: fx("1"),
              pnlBps: 3,
            },
            {
              symbol: "SOL",
              side: "short",
              openRound: 5,
              closeRound: 5,
              openOrderId: "o5",
              closeOrderId: "o6",
              grossEntryNotional: fx("1000"),
              realizedPnl: fx("-0.5"),
              pnlBps: -5,
            },
          ],
          windowRounds: 1,
          pnlToleranceBps: 10,
          minRoundTrips: 3,
        },
      },
    ]);
  });

  it("denies the order that would complete the pattern, agreeing with the scan", () => {
    const s = twoWashes();
    s.order(6, "BTC", "2", "61000"); // o5
    const detector = createWashTradingDetector();
    const closeFlat = s.intent(6, "BTC", "-2", "61000");
    const denied = detector.inspectIntent(closeFlat, s.activity);
    expect(denied?.evidence.roundTrips).toHaveLength(3);
    // A reversal ends the round trip too: the same order selling 4 would also be denied.
    expect(detector.inspectIntent(s.intent(6, "BTC", "-4", "61000"), s.activity)).toEqual(denied);
    s.order(6, "BTC", "-2", "61000");
    expect(detector.scan(s.activity)).toEqual([denied]);
  });

  it("does not flag round trips with a real P&L, held longer than the window, or too few of them", () => {
    const s = twoWashes();
    s.order(4, "SOL", "10", "100");
    s.order(5, "SOL", "-10", "102"); // +20 on 1,000 = 200 bps: a real trade
    s.order(6, "BTC", "1", "60000");
    s.order(9, "BTC", "-1", "60000"); // flat, but held 3 rounds
    expect(createWashTradingDetector().scan(s.activity)).toEqual([]); // two washes < 3
    expect(createWashTradingDetector({ minRoundTrips: 2 }).scan(s.activity)).toHaveLength(1);
    expect(createWashTradingDetector({ windowRounds: 3 }).scan(s.activity)[0]?.evidence.roundTrips).toHaveLength(3);
  });
});
