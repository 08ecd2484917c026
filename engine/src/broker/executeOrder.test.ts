import { describe, expect, it } from "vitest";
import { computeEquity } from "../domain/account.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { testSeason } from "../risk/testSeason.ts";
import { price } from "./testDataset.ts";

const bars = { BTC: { assetClass: "crypto-major" as const, bars: ["100", "50", "100"] } };

describe("executeOrder and marginDenial (through the risk engine, no rules)", () => {
  it("fills an order, records it, and leaves the account marked at the round's price", () => {
    const season = testSeason({ broker: { feeBps: 5, slippageBps: 10 }, assets: bars });
    const outcome = season.order(0, {
      clientOrderId: "buy-1",
      symbol: "BTC",
      side: "buy",
      quantity: FIXED_ONE,
      leverage: 2,
    });
    expect(outcome.status).toBe("FILLED");
    // Same numbers as previewOrder's: equity 9,999.84995 after fee and slippage.
    expect(season.account.equity).toBe(price("9999.84995"));
    expect(computeEquity(season.account)).toBe(season.account.equity);
    expect(season.account.orderFillCount).toBe(1);
    expect(season.records).toHaveLength(1);
    expect(season.records[0]).toMatchObject({
      type: "orderFilled",
      round: 0,
      entrantId: "agent-1",
      fill: { clientOrderId: "buy-1" },
    });
  });

  it("cancels an order free cash cannot cover, with the numbers", () => {
    const season = testSeason({ assets: bars });
    // 101 × 100 at 1x needs 10,100 of margin; cash is 10,000.
    const outcome = season.order(0, { clientOrderId: "big", symbol: "BTC", side: "buy", quantity: 101n * FIXED_ONE });
    expect(outcome).toMatchObject({
      status: "CANCELLED",
      denial: { reason: "INSUFFICIENT_MARGIN", context: { required: price("10100"), available: price("10000") } },
    });
    expect(season.records[0]).toMatchObject({ type: "orderCancelled", denial: { reason: "INSUFFICIENT_MARGIN" } });
    expect(season.account.openPositionCount).toBe(0);
  });

  it("never refuses a reduction for margin, even when the loss takes cash below zero", () => {
    const season = testSeason({ assets: bars });
    season.order(0, { clientOrderId: "a", symbol: "BTC", side: "buy", quantity: 450n * FIXED_ONE, leverage: 5 });
    // Margin 450 × 100 / 5 = 9,000; cash 1,000. At 50 the position has lost 22,500.
    expect(season.account.cash).toBe(price("1000"));
    const outcome = season.order(1, { clientOrderId: "b", symbol: "BTC", side: "sell", quantity: 450n * FIXED_ONE });
    expect(outcome.status).toBe("FILLED");
    // Cash 1,000 + 9,000 released − 22,500 realized = −12,500: equity is negative, and it is all cash.
    expect(season.account.cash).toBe(price("-12500"));
    expect(season.account.equity).toBe(price("-12500"));
  });
});
