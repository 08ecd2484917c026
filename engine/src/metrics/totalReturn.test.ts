import { describe, expect, it } from "vitest";
import { totalReturn } from "./totalReturn.ts";

// Worked example used across the metric tests: returns 0.10, -0.05, 0.02, -0.10, 0.08 from 100,
// equity 100, 110, 104.5, 106.59, 95.931, 103.60548 (each mark = previous × (1 + r)).
const equity = [100, 110, 104.5, 106.59, 95.931, 103.60548];

describe("totalReturn", () => {
  it("is last / first - 1", () => {
    // 103.60548 / 100 - 1 = 0.0360548 (numpy: 0.036054800000000053)
    expect(totalReturn({ equity })).toBeCloseTo(0.0360548, 14);
  });

  it("is null before the first return and -1 or below when bust", () => {
    expect(totalReturn({ equity: [100] })).toBeNull();
    expect(totalReturn({ equity: [100, 0] })).toBe(-1);
    expect(totalReturn({ equity: [100, -50] })).toBe(-1.5);
  });
});
