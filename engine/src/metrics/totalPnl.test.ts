import { describe, expect, it } from "vitest";
import { totalPnl } from "./totalPnl.ts";

// Worked example: equity 100, 110, 104.5, 106.59, 95.931, 103.60548 (see totalReturn.test.ts).
const equity = [100, 110, 104.5, 106.59, 95.931, 103.60548];

describe("totalPnl", () => {
  it("is last - first in quote currency, unclamped", () => {
    // 103.60548 - 100 = 3.60548
    expect(totalPnl({ equity })).toBeCloseTo(3.60548, 10);
    // -$2,000,000 on a $10M book: a money amount is never clamped to the ratio limit.
    expect(totalPnl({ equity: [10_000_000, 8_000_000] })).toBe(-2_000_000);
    expect(totalPnl({ equity: [5] })).toBeNull();
    expect(Object.is(totalPnl({ equity: [5, 5] }), 0)).toBe(true);
  });
});
