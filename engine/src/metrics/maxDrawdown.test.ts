import { describe, expect, it } from "vitest";
import { maxDrawdown } from "./maxDrawdown.ts";

describe("maxDrawdown", () => {
  it("is the deepest fall from the running peak, as a positive fraction", () => {
    // Worked example: peak 110 at mark 1, trough 95.931 at mark 4: 1 - 95.931 / 110 = 0.1279
    // (numpy: 1 - eq / np.maximum.accumulate(eq), max = 0.12790000000000024).
    expect(maxDrawdown({ equity: [100, 110, 104.5, 106.59, 95.931, 103.60548] })).toBeCloseTo(0.1279, 14);
  });

  it("uses the high-water mark, not the start: a later higher peak resets it", () => {
    // 100 → 80 (20%), recover to 150, fall to 105: 1 - 105 / 150 = 0.3 is the deepest.
    expect(maxDrawdown({ equity: [100, 80, 150, 105, 140] })).toBeCloseTo(0.3, 15);
  });

  it("is 0 for a curve that never falls, null before any return, >= 1 when bust", () => {
    expect(maxDrawdown({ equity: [100, 100, 101, 105] })).toBe(0);
    expect(maxDrawdown({ equity: [100] })).toBeNull();
    expect(maxDrawdown({ equity: [100, 120, -12] })).toBeCloseTo(1.1, 15);
  });
});
