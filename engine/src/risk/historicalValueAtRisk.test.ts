import fc from "fast-check";
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

  it("equals the quantile of the fully sorted sample, ties, zeros and repeated values included", () => {
    // The reference: sort everything, interpolate (the definition above).
    const reference = (values: number[], confidenceBps: number) => {
      const sorted = Float64Array.from(values).sort();
      const h = ((values.length - 1) * (10_000 - confidenceBps)) / 10_000;
      const lower = Math.floor(h);
      const low = sorted[lower] as number;
      const q = lower + 1 < values.length ? low + (h - lower) * ((sorted[lower + 1] as number) - low) : low;
      return q < 0 ? -q : 0;
    };
    const scenario = fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, -0, -1, 1, 2.5));
    fc.assert(
      fc.property(
        fc.array(scenario, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 5_000, max: 9_999 }),
        (values, confidenceBps) => {
          const got = historicalValueAtRisk(Float64Array.from(values), values.length, confidenceBps);
          expect(Object.is(got, reference(values, confidenceBps)) || got === reference(values, confidenceBps)).toBe(
            true,
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("uses the caller's scratch buffer, and sorts like Float64Array.sort when a scenario is NaN", () => {
    const scratch = new Float64Array(16).fill(99);
    expect(historicalValueAtRisk(Float64Array.from([3, -2, 1, -4, 0]), 5, 9_500, scratch)).toBeCloseTo(3.6, 12);
    expect(Array.from(scratch.subarray(0, 2))).toEqual([-4, -2]); // the two smallest, ascending
    // NaN sorts last: the 5% quantile of [NaN, −4, −2, 0, 1] is still −3.6.
    expect(historicalValueAtRisk(Float64Array.from([Number.NaN, 1, -2, -4, 0]), 5, 9_500)).toBeCloseTo(3.6, 12);
  });
});
