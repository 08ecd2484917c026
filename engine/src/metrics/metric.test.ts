import { describe, expect, it } from "vitest";
import { boundMetricValue, METRIC_VALUE_LIMIT } from "./metric.ts";

describe("boundMetricValue", () => {
  it("maps NaN to null and clamps infinities and huge values to the limit", () => {
    expect(boundMetricValue(Number.NaN)).toBeNull();
    expect(boundMetricValue(Number.POSITIVE_INFINITY)).toBe(METRIC_VALUE_LIMIT);
    expect(boundMetricValue(Number.NEGATIVE_INFINITY)).toBe(-METRIC_VALUE_LIMIT);
    expect(boundMetricValue(2e6)).toBe(1_000_000);
  });

  it("keeps ordinary values and turns -0 into 0 (canonical JSON writes both as 0 anyway)", () => {
    expect(boundMetricValue(-1.5)).toBe(-1.5);
    expect(Object.is(boundMetricValue(-0), 0)).toBe(true);
  });
});
