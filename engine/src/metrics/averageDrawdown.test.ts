import { describe, expect, it } from "vitest";
import { averageDrawdown } from "./averageDrawdown.ts";

describe("averageDrawdown (PerformanceAnalytics AverageDrawdown)", () => {
  it("averages the depth of each drawdown episode", () => {
    // Episode 1: peak 100, falls to 90 (10%) and 95, recovers at 100. Episode 2: peak 120, falls to
    // 96 (20%), recovers at 130. Episode 3 (still open): peak 130, falls to 117 (10%).
    // Depths 0.10, 0.20, 0.10 → mean 0.4 / 3 = 0.1333...
    const equity = [100, 90, 95, 100, 120, 96, 130, 117];
    expect(averageDrawdown({ equity })).toBeCloseTo(0.4 / 3, 14);
  });

  it("counts an open episode at the end and is 0 with no drawdown", () => {
    // Worked example: one episode, never recovered, depth 0.1279.
    expect(averageDrawdown({ equity: [100, 110, 104.5, 106.59, 95.931, 103.60548] })).toBeCloseTo(0.1279, 14);
    expect(averageDrawdown({ equity: [100, 101, 102] })).toBe(0);
    expect(averageDrawdown({ equity: [100] })).toBeNull();
  });
});
