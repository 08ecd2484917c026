import { describe, expect, it } from "vitest";
import { simpleMovingAverage } from "./simpleMovingAverage.ts";

describe("simpleMovingAverage", () => {
  it("averages the last `period` values", () => {
    // (3 + 4 + 5) / 3 = 4: only the last three of the five count.
    expect(simpleMovingAverage([1, 2, 3, 4, 5], 3)).toBe(4);
    // period 1 is the last value itself.
    expect(simpleMovingAverage([7, 9], 1)).toBe(9);
  });

  it("is null with fewer values than the period", () => {
    expect(simpleMovingAverage([1, 2], 3)).toBeNull();
  });

  it("refuses a period that is not a positive integer", () => {
    expect(() => simpleMovingAverage([1, 2, 3], 0)).toThrow(/positive integer/);
    expect(() => simpleMovingAverage([1, 2, 3], 1.5)).toThrow(/positive integer/);
  });
});
