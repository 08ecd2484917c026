import { describe, expect, it } from "vitest";
import { NULL_METRIC, scaledMetric } from "./scaledMetric.ts";

describe("scaledMetric", () => {
  it.each([
    [0.125, 12_500_000n], // exact in binary: 0.125 × 10^8
    [-0.125, -12_500_000n],
    [1.87, 187_000_000n],
    [0, 0n],
    [-0, 0n],
    [1_000_000, 100_000_000_000_000n], // METRIC_VALUE_LIMIT × 10^8 = 10^14, still an exact double
    // 2^-9 × 10^8 = 195,312.5 exactly (10^8 = 2^8 × 390,625): ties go away from zero.
    [2 ** -9, 195_313n],
    [-(2 ** -9), -195_313n],
  ])("scales %d to %s", (value, expected) => {
    expect(scaledMetric(value, "metric")).toBe(expected);
  });

  it("writes null as type(int256).min", () => {
    expect(scaledMetric(null, "metric")).toBe(NULL_METRIC);
    expect(NULL_METRIC).toBe(-(2n ** 255n));
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])("refuses %d, naming the metric", (value) => {
    expect(() => scaledMetric(value, "sharpeRatio of entrant 3")).toThrow("sharpeRatio of entrant 3 is");
  });
});
