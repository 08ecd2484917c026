import { describe, expect, it } from "vitest";
import { METRIC_VALUE_LIMIT } from "./metric.ts";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";
import { sharpeRatio } from "./sharpeRatio.ts";

const returns = [0.1, -0.05, 0.02, -0.1, 0.08]; // worked example

describe("sharpeRatio (empyrical sharpe_ratio)", () => {
  it("is mean / sample std × sqrt(periods) with a zero risk-free rate", () => {
    // mean 0.01, std(ddof=1) = sqrt(0.0072) = 0.0848528137; 0.01 / 0.0848528137 = 0.1178511302;
    // × sqrt(252) = 15.874507866 → 1.8708286933869707 (numpy).
    expect(sharpeRatio({ returns, periodsPerYear: 252, riskFreePerPeriod: 0 })).toBeCloseTo(1.8708286933869707, 12);
  });

  it("subtracts the per-period risk-free rate from every return", () => {
    // rf = 1.05^(1/252) - 1 = 0.000193630506544; numpy: ex = r - rf;
    // np.mean(ex) / np.std(ex, ddof=1) * np.sqrt(252) = 1.8346037426312187
    const rf = riskFreePerPeriod(0.05, 252);
    expect(sharpeRatio({ returns, periodsPerYear: 252, riskFreePerPeriod: rf })).toBeCloseTo(1.8346037426312187, 12);
  });

  it("uses the annualization factor given: 365 for crypto days, 8,760 for hours", () => {
    const daily = sharpeRatio({ returns, periodsPerYear: 252, riskFreePerPeriod: 0 }) as number;
    // Same returns, only the factor changes: ratio sqrt(365 / 252) and sqrt(8760 / 252).
    expect(sharpeRatio({ returns, periodsPerYear: 365, riskFreePerPeriod: 0 })).toBeCloseTo(
      daily * Math.sqrt(365 / 252),
      12,
    );
    expect(sharpeRatio({ returns, periodsPerYear: 8760, riskFreePerPeriod: 0 })).toBeCloseTo(
      daily * Math.sqrt(8760 / 252),
      12,
    );
  });

  it("is null with fewer than two returns or no variation (empyrical: NaN)", () => {
    expect(sharpeRatio({ returns: [0.05], periodsPerYear: 252, riskFreePerPeriod: 0 })).toBeNull();
    expect(sharpeRatio({ returns: [0, 0, 0], periodsPerYear: 252, riskFreePerPeriod: 0 })).toBeNull();
    // 0.1 + 0.1 + 0.1 averages to 0.10000000000000002: float noise must not become a huge Sharpe.
    expect(sharpeRatio({ returns: [0.1, 0.1, 0.1], periodsPerYear: 252, riskFreePerPeriod: 0 })).toBeNull();
  });

  it("stays within the metric limit", () => {
    // A tiny wobble around a positive mean: mean/std ≈ 1e10 × sqrt(252) → clamped.
    const value = sharpeRatio({ returns: [0.01, 0.01 + 1e-12, 0.01], periodsPerYear: 252, riskFreePerPeriod: 0 });
    expect(value).toBe(METRIC_VALUE_LIMIT);
  });
});
