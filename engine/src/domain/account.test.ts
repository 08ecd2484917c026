import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createLeverageLimitRule } from "../risk/leverageLimit.ts";
import { testSeason } from "../risk/testSeason.ts";
import {
  computeEquity,
  createAccount,
  grossNotional,
  scoredEquity,
  totalMargin,
  totalUnrealizedPnl,
} from "./account.ts";

describe("account", () => {
  it("starts flat, active, with its capital as cash, equity and high-water mark", () => {
    const account = createAccount({ entrantId: "a", startingCapital: 500n * FIXED_ONE, assetCount: 3 });
    expect(account).toMatchObject({
      status: "active",
      cash: 500n * FIXED_ONE,
      equity: 500n * FIXED_ONE,
      highWaterMark: 500n * FIXED_ONE,
    });
    expect(account.positions).toEqual([undefined, undefined, undefined]);
    expect([computeEquity(account), totalMargin(account), totalUnrealizedPnl(account), grossNotional(account)]).toEqual(
      [500n * FIXED_ONE, 0n, 0n, 0n],
    );
  });

  it("scored equity leaves out an excluded position's realized and unrealized P&L and fees, not the others'", () => {
    const table = { "crypto-major": 2, crypto: 2, fx: 2, "equity-etf": 2, rates: 2, commodity: 2 } as const;
    const season = testSeason({
      broker: { feeBps: 10 },
      assets: {
        BTC: { assetClass: "crypto-major", bars: ["100", "120", "130"] },
        ETH: { assetClass: "crypto-major", bars: ["10", "11", "12"] },
      },
      rules: [createLeverageLimitRule({ maxLeverage: table, onBreach: "excludeFromScoring" })],
    });
    const { account } = season;
    // BTC at 4x breaches the 2x maximum: excluded. ETH at 1x counts.
    season.order(0, { clientOrderId: "b", symbol: "BTC", side: "buy", quantity: 10n * FIXED_ONE, leverage: 4 });
    season.order(0, { clientOrderId: "e", symbol: "ETH", side: "buy", quantity: 100n * FIXED_ONE });
    season.mark(1);
    // Sell half the BTC at 120: realized 5 × 20 = 100, fee 0.6; the rest is unrealized 5 × 20 = 100.
    season.order(1, { clientOrderId: "s", symbol: "BTC", side: "sell", quantity: 5n * FIXED_ONE });
    // BTC's contribution: +100 realized + 100 unrealized − fees (1.0 on entry, 0.6 on the sale) = 198.4.
    // ETH: +100 unrealized at 11, − 1.0 fee on entry, stays in scored equity.
    expect(account.equity).toBe(price("10297.4"));
    expect(scoredEquity(account)).toBe(price("10099"));
    // Closing the excluded position moves its whole round trip into excludedPnl: 5 × 30 more = 150, fee 0.65.
    season.order(2, { clientOrderId: "c", symbol: "BTC", side: "sell", quantity: 5n * FIXED_ONE });
    expect(account.excludedPnl).toBe(price("247.75")); // 100 + 150 − (1.0 + 0.6 + 0.65)
    season.mark(2);
    // ETH at 12: +200 − 1 fee; scored equity 10,199.
    expect(scoredEquity(account)).toBe(price("10199"));
  });
});
