import { describe, expect, it } from "vitest";
import { turnover } from "./turnover.ts";

describe("turnover", () => {
  it("divides the traded notional by the average equity", () => {
    // Traded 30,000 + 10,000 = 40,000; average equity (9,000 + 10,000 + 11,000) / 3 = 10,000 → 4.
    expect(turnover({ equity: [9000, 10_000, 11_000], tradedNotionalByMarket: { BTC: 30_000, ETH: 10_000 } })).toBe(4);
    expect(turnover({ equity: [10_000, 10_000], tradedNotionalByMarket: {} })).toBe(0);
  });
});
