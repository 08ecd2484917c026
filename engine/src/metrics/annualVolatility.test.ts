import { describe, expect, it } from "vitest";
import { annualVolatility } from "./annualVolatility.ts";

describe("annualVolatility (empyrical annual_volatility)", () => {
  it("annualizes the sample standard deviation by sqrt(periodsPerYear)", () => {
    // Returns 0.10, -0.05, 0.02, -0.10, 0.08: mean 0.01; squared deviations
    // 0.0081 + 0.0036 + 0.0001 + 0.0121 + 0.0049 = 0.0288; / 4 = 0.0072; sqrt = 0.0848528137...
    // × sqrt(252) = 1.346996659238619 (numpy np.std(r, ddof=1) * np.sqrt(252)).
    const returns = [0.1, -0.05, 0.02, -0.1, 0.08];
    expect(annualVolatility({ returns, periodsPerYear: 252 })).toBeCloseTo(1.346996659238619, 13);
  });

  it("is null with fewer than two returns and 0 for a constant series", () => {
    expect(annualVolatility({ returns: [0.01], periodsPerYear: 252 })).toBeNull();
    expect(annualVolatility({ returns: [0.02, 0.02, 0.02], periodsPerYear: 365 })).toBeCloseTo(0, 15);
  });
});
