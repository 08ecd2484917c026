import { describe, expect, it } from "vitest";
import { overTradingPenaltyPoints, riskViolationPenaltyPoints } from "./scorePenalties.ts";

describe("overTradingPenaltyPoints", () => {
  const penalty = { turnoverThreshold: 10, maxPoints: 20 };

  it("ramps linearly from the threshold to twice it", () => {
    // 20 × min(1, (T - 10) / 10): T 10 → 0, 12.5 → 5, 15 → 10, 20 → 20, 35 → 20.
    expect([10, 12.5, 15, 20, 35].map((t) => overTradingPenaltyPoints(t, penalty))).toEqual([0, 5, 10, 20, 20]);
  });

  it("takes nothing below the threshold or without a turnover", () => {
    expect(overTradingPenaltyPoints(3, penalty)).toBe(0);
    expect(overTradingPenaltyPoints(null, penalty)).toBe(0);
  });
});

describe("riskViolationPenaltyPoints", () => {
  it("charges per violation up to the cap", () => {
    // 2 points each, at most 5: 0 → 0, 2 → 4, 3 → 6 capped at 5.
    const penalty = { pointsPerViolation: 2, maxPoints: 5 };
    expect([0, 2, 3].map((n) => riskViolationPenaltyPoints(n, penalty))).toEqual([0, 4, 5]);
  });
});
