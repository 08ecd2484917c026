import { describe, expect, it } from "vitest";
import { FIXED_ONE } from "../money/fixed.ts";
import { testSeason } from "../risk/testSeason.ts";
import { liquidatePositions } from "./liquidatePositions.ts";
import { price } from "./testDataset.ts";

describe("liquidatePositions", () => {
  it("closes every position at the given prices with slippage and fee, leaving equity = cash", () => {
    const season = testSeason({
      broker: { feeBps: 10, slippageBps: 10 },
      assets: {
        BTC: { assetClass: "crypto-major", bars: ["100", "120"] },
        ETH: { assetClass: "crypto-major", bars: ["10", "8"] },
      },
    });
    season.order(0, { clientOrderId: "a", symbol: "BTC", side: "buy", quantity: FIXED_ONE });
    season.order(0, { clientOrderId: "b", symbol: "ETH", side: "sell", quantity: 10n * FIXED_ONE });
    const fills = liquidatePositions({
      account: season.account,
      assets: season.tape.universe.assets,
      prices: season.round(1).closes,
      config: season.engine.broker,
      round: 1,
      time: season.round(1).time,
    });
    // BTC: bought 1 at 100.1 (fee 0.1001); sold at 120 × 0.999 = 119.88 (fee 0.11988): realized 19.78.
    // ETH: sold 10 at 9.99 (fee 0.0999); bought back at 8 × 1.001 = 8.008 (fee 0.08008): realized 19.82.
    expect(fills.map((fill) => [fill.symbol, fill.kind, fill.price, fill.realizedPnl])).toEqual([
      ["BTC", "liquidation", price("119.88"), price("19.78")],
      ["ETH", "liquidation", price("8.008"), price("19.82")],
    ]);
    expect(season.account.openPositionCount).toBe(0);
    // 10,000 + 19.78 + 19.82 − (0.1001 + 0.11988 + 0.0999 + 0.08008 = 0.39996) = 10,039.20004.
    expect(season.account.cash).toBe(price("10039.20004"));
    expect(season.account.equity).toBe(season.account.cash);
  });
});
