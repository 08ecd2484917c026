import { describe, expect, it } from "vitest";
import { valueAtRisk95 } from "./valueAtRisk95.ts";

describe("valueAtRisk95 (empyrical value_at_risk, cutoff 0.05)", () => {
  it("is the 5th percentile of returns with linear interpolation", () => {
    // Sorted worked example: -0.10, -0.05, 0.02, 0.08, 0.10; h = 4 × 0.05 = 0.2 →
    // -0.10 + 0.2 × (−0.05 − (−0.10)) = -0.09 (numpy: np.percentile(r, 5) = -0.09).
    expect(valueAtRisk95({ returns: [0.1, -0.05, 0.02, -0.1, 0.08] })).toBeCloseTo(-0.09, 15);
  });

  it("on 21 returns -0.10, -0.09, ..., 0.10 lands exactly on the second smallest", () => {
    // h = 20 × 0.05 = 1 → sorted[1] = -0.09.
    const returns = Array.from({ length: 21 }, (_, i) => (i - 10) / 100);
    expect(valueAtRisk95({ returns })).toBeCloseTo(-0.09, 15);
  });

  it("is null with no return and the return itself with one", () => {
    expect(valueAtRisk95({ returns: [] })).toBeNull();
    expect(valueAtRisk95({ returns: [-0.03] })).toBe(-0.03);
  });
});
