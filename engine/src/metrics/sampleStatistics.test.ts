import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, sampleMoments, sampleStandardDeviation } from "./sampleStatistics.ts";

describe("sample statistics", () => {
  it("uses Bessel's correction (ddof = 1)", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32; 32 / 7 → sqrt = 2.138089935299395
    // (the population std of this classic example is 2; numpy np.std(ddof=1) gives 2.138089935299395).
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(sampleStandardDeviation(values)).toBeCloseTo(2.138089935299395, 14);
  });

  it("is NaN for fewer than two values", () => {
    expect(sampleStandardDeviation([1])).toBeNaN();
  });
});

describe("sampleMoments", () => {
  it("equals mean and sampleStandardDeviation of the shifted copy, bit for bit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 200 }),
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        (values, shift) => {
          const shifted = values.map((v) => v - shift);
          const moments = sampleMoments(values, shift);
          expect(Object.is(moments.mean, mean(shifted))).toBe(true);
          expect(Object.is(moments.standardDeviation, sampleStandardDeviation(shifted))).toBe(true);
        },
      ),
    );
  });

  it("with no shift, equals the moments of the values", () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(sampleMoments(values, 0)).toEqual({ mean: 5, standardDeviation: sampleStandardDeviation(values) });
    expect(sampleMoments([1], 0).standardDeviation).toBeNaN();
  });
});
