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

describe("percentile by selection", () => {
  // The reference is the full sort the selection replaces (numpy's definition on sorted values):
  // both must pick the same order statistics, so the results must be the same bits.
  const bySort = (values: number[], q: number) => {
    const sorted = Float64Array.from(values).sort();
    const h = ((sorted.length - 1) * q) / 100;
    const low = sorted[Math.floor(h)] as number;
    return low + (h - Math.floor(h)) * ((sorted[Math.ceil(h)] as number) - low);
  };

  it("gives the sorted result bit for bit on long samples with many ties (past the sampling threshold)", () => {
    fc.assert(
      fc.property(
        // Long enough (> 601 values) that the selection samples first; few distinct values, so long runs of ties.
        fc.array(
          fc.oneof(
            fc.constant(0),
            fc.integer({ min: -50, max: 50 }).map((x) => x / 1000),
            fc.double({ min: -1, max: 1, noNaN: true }),
          ),
          {
            minLength: 600,
            maxLength: 3000,
          },
        ),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, q) => {
          expect(Object.is(percentile(values, q), bySort(values, q))).toBe(true);
          expect(Object.is(percentile(values, 5), bySort(values, 5))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("orders -0 below 0 as the sort does", () => {
    // Sorted: -0, -0, 0, 0, 1. At q = 25, h = 1: -0 + 0 × (0 - -0) = 0; at q = 40, h = 1.6: -0 + 0.6 × 0 = 0.
    const values = [0, 1, -0, 0, -0];
    for (const q of [0, 25, 40, 50, 90, 100]) expect(Object.is(percentile(values, q), bySort(values, q))).toBe(true);
    const long = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : i / 1000));
    for (const q of [5, 40, 95]) expect(Object.is(percentile(long, q), bySort(long, q))).toBe(true);
  });

  it("handles sorted and reverse-sorted long samples", () => {
    const ascending = Array.from({ length: 5000 }, (_, i) => i / 5000);
    const descending = [...ascending].reverse();
    // h = 4999 × 0.05 = 249.95 → 249/5000 + 0.95 × (1/5000), as bySort computes it.
    expect(percentile(ascending, 5)).toBe(bySort(ascending, 5));
    expect(percentile(descending, 5)).toBe(bySort(ascending, 5));
    expect(percentile(descending, 99.9)).toBe(bySort(ascending, 99.9));
  });
});
