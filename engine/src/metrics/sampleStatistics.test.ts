import { describe, expect, it } from "vitest";
import { mean, sampleStandardDeviation } from "./sampleStatistics.ts";

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
