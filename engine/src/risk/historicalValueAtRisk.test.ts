import { describe, expect, it } from "vitest";
import { historicalValueAtRisk } from "./historicalValueAtRisk.ts";

const varOf = (values: number[], confidenceBps = 9_500) =>
  historicalValueAtRisk(Float64Array.from(values), values.length, confidenceBps);

describe("historicalValueAtRisk", () => {
  it("takes the loss at the 5% quantile with numpy's linear interpolation", () => {
    // Sorted [-4, -2, 0, 1, 3]; h = (5 − 1) × 0.05 = 0.2; q = −4 + 0.2 × (−2 − (−4)) = −3.6.
    // Same as numpy: np.percentile([3, -2, 1, -4, 0], 5) == -3.6.
    expect(varOf([3, -2, 1, -4, 0])).toBeCloseTo(3.6, 12);
    // At 99%: h = 4 × 0.01 = 0.04; q = −4 + 0.04 × 2 = −3.92.
    expect(varOf([3, -2, 1, -4, 0], 9_900)).toBeCloseTo(3.92, 12);
  });

  it("interpolates inside a larger sample", () => {
    // P&L −20, −19, …, 0 (21 values): h = 20 × 0.05 = 1 exactly, so q = x[1] = −19.
    const values = Array.from({ length: 21 }, (_, i) => i - 20);
    expect(varOf(values)).toBe(19);
  });

  it("is 0 for a book that gains in the tail, and the loss itself for one scenario", () => {
    expect(varOf([1, 2, 3])).toBe(0);
    expect(varOf([-5])).toBe(5);
    expect(historicalValueAtRisk(new Float64Array(4), 0, 9_500)).toBe(0);
  });

  it("only reads the first `count` scenarios of the scratch buffer", () => {
    // The trailing −1,000 is outside the sample.
    expect(historicalValueAtRisk(Float64Array.from([3, -2, 1, -4, 0, -1_000]), 5, 9_500)).toBeCloseTo(3.6, 12);
  });
});
