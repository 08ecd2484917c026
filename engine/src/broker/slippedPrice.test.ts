import { describe, expect, it } from "vitest";
import { slippedPrice } from "./slippedPrice.ts";
import { price } from "./testDataset.ts";

describe("slippedPrice", () => {
  it("moves the price against the taker by the slippage in basis points", () => {
    // 100 × (10,000 + 10) / 10,000 = 100.1 for a buy; 100 × 9,990 / 10,000 = 99.9 for a sell.
    expect(slippedPrice(price("100"), "buy", 10n)).toBe(price("100.1"));
    expect(slippedPrice(price("100"), "sell", 10n)).toBe(price("99.9"));
  });

  it("rounds to 8 decimals half away from zero and leaves the price alone without slippage", () => {
    // 33.33333333 × 1.001 = 33.36666666333 → 33.36666666 (the dropped 0.00000000333 rounds down).
    expect(slippedPrice(price("33.33333333"), "buy", 10n)).toBe(price("33.36666666"));
    // 0.00000005 × 1.0001 = 0.000000050005: 5.0005 units → 5 units.
    expect(slippedPrice(5n, "buy", 1n)).toBe(5n);
    // 0.00000015 × 0.9 (1,000 bps) = 13.5 units → 14 (half away from zero).
    expect(slippedPrice(15n, "sell", 1_000n)).toBe(14n);
    expect(slippedPrice(price("42"), "sell", 0n)).toBe(price("42"));
  });
});
