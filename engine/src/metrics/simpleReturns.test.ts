import { describe, expect, it } from "vitest";
import { simpleReturns } from "./simpleReturns.ts";

describe("simpleReturns", () => {
  it("divides each mark by the one before (pandas pct_change)", () => {
    // 100 → 110: +10%; 110 → 99: 99/110 - 1 = -0.1; 99 → 99: 0.
    const returns = simpleReturns([100, 110, 99, 99]);
    expect(returns).toHaveLength(3);
    expect(returns[0]).toBeCloseTo(0.1, 15);
    expect(returns[1]).toBeCloseTo(-0.1, 15);
    expect(returns[2]).toBe(0);
  });

  it("gives no return for a single mark", () => {
    expect(simpleReturns([100])).toEqual([]);
    expect(simpleReturns([])).toEqual([]);
  });
});
