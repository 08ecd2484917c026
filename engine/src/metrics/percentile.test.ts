import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile } from "./percentile.ts";

describe("percentile", () => {
  it("interpolates linearly between order statistics like np.percentile", () => {
    // Sorted: -0.10, -0.05, 0.02, 0.08, 0.10; h = (5 - 1) × 0.05 = 0.2 → -0.10 + 0.2 × 0.05 = -0.09
    // (numpy 2.4.6: np.percentile([0.10,-0.05,0.02,-0.10,0.08], 5) = -0.09).
    expect(percentile([0.1, -0.05, 0.02, -0.1, 0.08], 5)).toBeCloseTo(-0.09, 15);
    // Quartiles of 1..4: h = 0.75 → 1.75; h = 1.5 → 2.5; h = 2.25 → 3.25.
    expect(percentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 75)).toBe(3.25);
  });

  it("returns the extremes at 0 and 100, the value itself for one sample, NaN for none", () => {
    expect(percentile([3, -2, 7], 0)).toBe(-2);
    expect(percentile([3, -2, 7], 100)).toBe(7);
    expect(percentile([0.42], 5)).toBe(0.42);
    expect(percentile([], 5)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(/q must be within/);
  });

  it("stays between the sample's minimum and maximum and does not reorder the input", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, q) => {
          const copy = [...values];
          const p = percentile(values, q);
          expect(values).toEqual(copy);
          expect(p).toBeGreaterThanOrEqual(Math.min(...values));
          expect(p).toBeLessThanOrEqual(Math.max(...values));
        },
      ),
    );
  });
});
