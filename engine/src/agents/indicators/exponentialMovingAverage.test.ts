import { describe, expect, it } from "vitest";
import { exponentialMovingAverage } from "./exponentialMovingAverage.ts";

describe("exponentialMovingAverage", () => {
  it("seeds with the SMA of the first `period` values, then smooths with α = 2 / (period + 1)", () => {
    // period 3, α = 0.5: seed (1 + 2 + 3) / 3 = 2; then 0.5·4 + 0.5·2 = 3; then 0.5·5 + 0.5·3 = 4.
    expect(exponentialMovingAverage([1, 2, 3, 4, 5], 3)).toBe(4);
    // period 2, α = 2/3: seed 10.5; 2/3·12 + 1/3·10.5 = 11.5; 2/3·13 + 1/3·11.5 = 12.5.
    expect(exponentialMovingAverage([10, 11, 12, 13], 2)).toBeCloseTo(12.5, 12);
  });

  it("equals the SMA when there are exactly `period` values", () => {
    expect(exponentialMovingAverage([2, 4, 9], 3)).toBe(5);
  });

  it("is null with fewer values than the period", () => {
    expect(exponentialMovingAverage([1], 2)).toBeNull();
  });
});
