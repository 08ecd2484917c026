import { describe, expect, it } from "vitest";
import { diversification } from "./diversification.ts";

describe("diversification (inverse Herfindahl index)", () => {
  it("counts effective markets", () => {
    // Shares 0.5, 0.25, 0.25: HHI = 0.25 + 0.0625 + 0.0625 = 0.375 → 1 / 0.375 = 2.666...
    expect(diversification({ tradedNotionalByMarket: { BTC: 200, ETH: 100, SOL: 100 } })).toBeCloseTo(8 / 3, 14);
    // k markets traded equally → k; one market → 1.
    expect(diversification({ tradedNotionalByMarket: { A: 5, B: 5, C: 5, D: 5 } })).toBeCloseTo(4, 14);
    expect(diversification({ tradedNotionalByMarket: { SPY: 7 } })).toBe(1);
  });

  it("is null with no traded notional", () => {
    expect(diversification({ tradedNotionalByMarket: {} })).toBeNull();
    expect(diversification({ tradedNotionalByMarket: { BTC: 0 } })).toBeNull();
  });
});
