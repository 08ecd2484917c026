import { describe, expect, it } from "vitest";
import { METRIC_VALUE_LIMIT } from "./metric.ts";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";
import { sortinoRatio } from "./sortinoRatio.ts";

const returns = [0.1, -0.05, 0.02, -0.1, 0.08]; // worked example

describe("sortinoRatio (empyrical sortino_ratio / downside_risk)", () => {
  it("divides the annualized mean by the downside deviation over all observations", () => {
    // min(r, 0): 0, -0.05, 0, -0.10, 0 → squares 0.0025 + 0.01 = 0.0125, mean over ALL 5 = 0.0025,
    // sqrt = 0.05. Sortino = 0.01 × 252 / (0.05 × sqrt 252) = 0.2 × sqrt(252) = 3.1749015732775083.
    // (Averaging over the 2 losing periods only would give 0.0790569... and 2.008: the wrong convention.)
    expect(sortinoRatio({ returns, periodsPerYear: 252, riskFreePerPeriod: 0 })).toBeCloseTo(3.1749015732775083, 12);
  });

  it("measures downside against the per-period risk-free rate", () => {
    // numpy: ex = r - rf (rf = 1.05**(1/252) - 1); np.mean(ex) * 252 /
    // (np.sqrt(np.mean(np.minimum(ex, 0) ** 2)) * np.sqrt(252)) = 3.1062073856545487
    const rf = riskFreePerPeriod(0.05, 252);
    expect(sortinoRatio({ returns, periodsPerYear: 252, riskFreePerPeriod: rf })).toBeCloseTo(3.1062073856545487, 12);
  });

  it("reports no downside with a positive mean as the limit (empyrical: +Infinity)", () => {
    expect(sortinoRatio({ returns: [0.01, 0.02, 0], periodsPerYear: 365, riskFreePerPeriod: 0 })).toBe(
      METRIC_VALUE_LIMIT,
    );
  });

  it("is null with fewer than two returns, or with no downside and no excess (0/0)", () => {
    expect(sortinoRatio({ returns: [-0.1], periodsPerYear: 252, riskFreePerPeriod: 0 })).toBeNull();
    expect(sortinoRatio({ returns: [0, 0, 0], periodsPerYear: 252, riskFreePerPeriod: 0 })).toBeNull();
  });

  it("is negative for a flat book when the risk-free rate is positive", () => {
    // ex = -rf every period: mean -rf, downside rf → Sortino = -rf × P / (rf × sqrt P) = -sqrt(P).
    const rf = riskFreePerPeriod(0.05, 252);
    expect(sortinoRatio({ returns: [0, 0, 0, 0], periodsPerYear: 252, riskFreePerPeriod: rf })).toBeCloseTo(
      -Math.sqrt(252),
      10,
    );
  });
});
