import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import { scoredEquity } from "../domain/account.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createLeverageLimitRule } from "./leverageLimit.ts";
import { testSeason } from "./testSeason.ts";

const llmtraderTable = { "crypto-major": 5, crypto: 3, fx: 3, "equity-etf": 3, rates: 3, commodity: 3 } as const;
const assets = {
  BTC: { assetClass: "crypto-major" as const, bars: ["100", "110"] },
  SPY: { assetClass: "equity-etf" as const, bars: ["400", "400"] },
};

describe("leverageLimit rule (seed 001: 5x BTC/ETH/SOL, 3x others; seed 003: excluded from scoring)", () => {
  it("allows up to the asset class's maximum and denies above it", () => {
    const season = testSeason({
      assets,
      rules: [createLeverageLimitRule({ maxLeverage: llmtraderTable, onBreach: "deny" })],
    });
    const order = (symbol: string, leverage: number) =>
      season.order(0, { clientOrderId: `${symbol}${leverage}`, symbol, side: "buy", quantity: FIXED_ONE, leverage });
    expect(order("BTC", 5).status).toBe("FILLED");
    expect(order("SPY", 3).status).toBe("FILLED");
    expect(season.engine.rules).toHaveLength(1);
    const fresh = testSeason({
      assets,
      rules: [createLeverageLimitRule({ maxLeverage: llmtraderTable, onBreach: "deny" })],
    });
    expect(
      fresh.order(0, { clientOrderId: "x", symbol: "BTC", side: "buy", quantity: FIXED_ONE, leverage: 5.01 }),
    ).toMatchObject({
      denial: { reason: "LEVERAGE_EXCEEDED", context: { assetClass: "crypto-major", leverage: 5.01, maxLeverage: 5 } },
    });
    expect(
      fresh.order(0, { clientOrderId: "y", symbol: "SPY", side: "buy", quantity: FIXED_ONE, leverage: 3.5 }),
    ).toMatchObject({ denial: { reason: "LEVERAGE_EXCEEDED", context: { assetClass: "equity-etf", maxLeverage: 3 } } });
  });

  it("in a tournament, fills the breach but excludes its position from scoring", () => {
    const table = { ...llmtraderTable, "crypto-major": 10 };
    const season = testSeason({
      assets,
      rules: [createLeverageLimitRule({ maxLeverage: table, onBreach: "excludeFromScoring" })],
    });
    const outcome = season.order(0, {
      clientOrderId: "x",
      symbol: "BTC",
      side: "buy",
      quantity: 10n * FIXED_ONE,
      leverage: 20,
    });
    expect(outcome).toMatchObject({ status: "FILLED", exclusions: ["LEVERAGE_EXCEEDED"] });
    expect(outcome.status === "FILLED" && outcome.fill).toMatchObject({
      excludedFromScoring: true,
      exclusions: ["LEVERAGE_EXCEEDED"],
    });
    expect(season.account.positions[0]?.excludedFromScoring).toBe(true);
    season.mark(1);
    // +10 × (110 − 100) = +100 of P&L: in equity, not in scored equity.
    expect(season.account.equity).toBe(price("10100"));
    expect(scoredEquity(season.account)).toBe(price("10000"));
    // Closing the excluded position moves its P&L to the account's excluded P&L.
    season.order(1, { clientOrderId: "c", symbol: "BTC", side: "sell", quantity: 10n * FIXED_ONE });
    expect(season.account.excludedPnl).toBe(price("100"));
    expect(scoredEquity(season.account)).toBe(price("10000"));
  });

  it("does not check reductions", () => {
    const season = testSeason({
      assets,
      rules: [createLeverageLimitRule({ maxLeverage: llmtraderTable, onBreach: "deny" })],
    });
    season.order(0, { clientOrderId: "a", symbol: "BTC", side: "buy", quantity: 2n * FIXED_ONE, leverage: 5 });
    expect(
      season.order(1, { clientOrderId: "b", symbol: "BTC", side: "sell", quantity: FIXED_ONE, leverage: 50 }).status,
    ).toBe("FILLED");
  });
});
