import { describe, expect, it } from "vitest";
import type { RiskEvent } from "../domain/riskEvent.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { testSeason } from "../risk/testSeason.ts";
import { price, type TestBar } from "./testDataset.ts";
import { triggerStopLosses } from "./triggerStopLosses.ts";

/** One position opened at round 0's close (100) with a stop, then round 1's bar. */
function stopScenario(side: "buy" | "sell", stop: string, bar: TestBar, feeBps = 0) {
  const season = testSeason({
    broker: { feeBps },
    assets: { BTC: { assetClass: "crypto-major", bars: ["100", bar] } },
  });
  const outcome = season.order(0, {
    clientOrderId: "o",
    symbol: "BTC",
    side,
    quantity: 2n * FIXED_ONE,
    stopLoss: price(stop),
  });
  expect(outcome.status).toBe("FILLED");
  const events: RiskEvent[] = [];
  const fired = triggerStopLosses(
    season.account,
    season.round(1),
    season.tape.universe.assets,
    BigInt(feeBps),
    (event) => events.push(event),
  );
  return { season, events, fired };
}

describe("triggerStopLosses", () => {
  it("closes a long at its stop when the bar's low reaches it", () => {
    // Long 2 from 100, stop 95; bar 98/99/94/96 touches 95: fill 2 at 95, realized 2 × (95 − 100) = −10.
    const { season, events, fired } = stopScenario("buy", "95", ["98", "99", "94", "96"]);
    expect(fired).toBe(1);
    expect(events[0]).toMatchObject({ kind: "stopLossTriggered", symbol: "BTC", side: "long", gap: false });
    expect(events[0]?.kind === "stopLossTriggered" && events[0].fill).toMatchObject({
      kind: "stopLoss",
      side: "sell",
      price: price("95"),
      realizedPnl: price("-10"),
      positionAfter: 0n,
    });
    expect(season.account.positions[0]).toBeUndefined();
    expect(season.account.cash).toBe(price("9990"));
  });

  it("fills at the open when the bar gaps through a long's stop (the worse price)", () => {
    // Opens at 93, below the stop 95: filled at 93, realized 2 × (93 − 100) = −14.
    const { events } = stopScenario("buy", "95", ["93", "97", "92", "96"]);
    expect(events[0]).toMatchObject({ gap: true, stopLoss: price("95") });
    expect(events[0]?.kind === "stopLossTriggered" && events[0].fill.price).toBe(price("93"));
  });

  it("treats an open exactly at the stop as a gap fill at that same price", () => {
    const { events } = stopScenario("buy", "95", ["95", "99", "95", "98"]);
    expect(events[0]).toMatchObject({ gap: true });
    expect(events[0]?.kind === "stopLossTriggered" && events[0].fill.price).toBe(price("95"));
  });

  it("closes a short at its stop when the high reaches it, and at the open on a gap up", () => {
    // Short 2 from 100, stop 105: bar high 106 → fill at 105, realized −2 × (105 − 100) = −10.
    const touched = stopScenario("sell", "105", ["101", "106", "100", "102"]);
    expect(touched.events[0]?.kind === "stopLossTriggered" && touched.events[0].fill).toMatchObject({
      side: "buy",
      price: price("105"),
      realizedPnl: price("-10"),
    });
    // Opens at 108 above the stop: filled at 108, realized −16.
    const gapped = stopScenario("sell", "105", ["108", "110", "104", "109"]);
    expect(gapped.events[0]?.kind === "stopLossTriggered" && gapped.events[0].fill).toMatchObject({
      price: price("108"),
      realizedPnl: price("-16"),
    });
  });

  it("leaves positions alone when the bar stays away from the stop", () => {
    // Low 95.00000001 is one unit above the stop 95.
    const { events, fired, season } = stopScenario("buy", "95", ["99", "101", "95.00000001", "100"]);
    expect(fired).toBe(0);
    expect(events).toEqual([]);
    expect(season.account.positions[0]?.quantity).toBe(2n * FIXED_ONE);
  });

  it("charges the fee on a stop fill but no slippage", () => {
    // Fill 2 at 95 = 190 notional; 10 bps fee = 0.19. Entry fee 200 × 0.001 = 0.2.
    const { events, season } = stopScenario("buy", "95", ["98", "99", "94", "96"], 10);
    expect(events[0]?.kind === "stopLossTriggered" && events[0].fill.fee).toBe(price("0.19"));
    // Round trip: −10 − 0.2 − 0.19 = −10.39; cash 10,000 − 10.39.
    expect(events[0]?.kind === "stopLossTriggered" && events[0].fill.closedTradePnl).toBe(price("-10.39"));
    expect(season.account.cash).toBe(price("9989.61"));
  });
});
