import { describe, expect, it } from "vitest";
import { calmarRatio } from "./calmarRatio.ts";
import { METRIC_VALUE_LIMIT } from "./metric.ts";

describe("calmarRatio (empyrical calmar_ratio)", () => {
  it("divides CAGR by the absolute max drawdown", () => {
    // Worked example: CAGR 4.960592714292198 (annualReturn.test.ts) / max drawdown 0.1279
    // = 38.784931307992096 (numpy).
    const equity = [100, 110, 104.5, 106.59, 95.931, 103.60548];
    expect(calmarRatio({ equity, periodsPerYear: 252 })).toBeCloseTo(38.784931307992096, 9);
  });

  it("is negative for a losing season", () => {
    // 253 daily marks = 252 returns = exactly one year: 100, then 251 marks at 106.666... (the peak),
    // then 80. CAGR = 0.8^(252/252) - 1 = -0.2; drawdown = 1 - 80 / 106.666... = 0.25; Calmar = -0.8.
    const equity = [100, ...Array.from({ length: 251 }, () => 320 / 3), 80];
    expect(calmarRatio({ equity, periodsPerYear: 252 })).toBeCloseTo(-0.8, 12);
  });

  it("reports a rising curve with no drawdown as the limit (empyrical: NaN) and a flat one as null", () => {
    expect(calmarRatio({ equity: [100, 101, 102], periodsPerYear: 252 })).toBe(METRIC_VALUE_LIMIT);
    expect(calmarRatio({ equity: [100, 100, 100], periodsPerYear: 252 })).toBeNull();
    expect(calmarRatio({ equity: [100], periodsPerYear: 252 })).toBeNull();
  });
});
