import { describe, expect, it } from "vitest";
import { relativeStrengthIndex } from "./relativeStrengthIndex.ts";

describe("relativeStrengthIndex (Wilder)", () => {
  it("smooths gains and losses with Wilder's average", () => {
    // Closes 10, 11, 10, 12, 13 → changes +1, −1, +2, +1. Period 3:
    // first averages over the first three changes: gain (1 + 0 + 2) / 3 = 1, loss (0 + 1 + 0) / 3 = 1/3;
    // fourth change +1: gain (1·2 + 1) / 3 = 1, loss (1/3·2 + 0) / 3 = 2/9;
    // RS = 1 / (2/9) = 4.5, RSI = 100 − 100 / 5.5 = 81.818181...
    expect(relativeStrengthIndex([10, 11, 10, 12, 13], 3)).toBeCloseTo(100 - 100 / 5.5, 10);
  });

  it("uses simple averages when there are exactly period + 1 values", () => {
    // Changes +2, −1: gain 1, loss 0.5, RS 2, RSI = 100 − 100 / 3 = 66.67.
    expect(relativeStrengthIndex([5, 7, 6], 2)).toBeCloseTo(100 - 100 / 3, 10);
  });

  it("is 100 without losses and 50 without any move", () => {
    expect(relativeStrengthIndex([1, 2, 3, 4], 3)).toBe(100);
    expect(relativeStrengthIndex([4, 4, 4, 4], 3)).toBe(50);
  });

  it("is 0 without gains", () => {
    // gain 0, loss > 0: RS = 0, RSI = 100 − 100 / 1 = 0.
    expect(relativeStrengthIndex([4, 3, 2, 1], 3)).toBe(0);
  });

  it("needs period + 1 values", () => {
    expect(relativeStrengthIndex([1, 2, 3], 3)).toBeNull();
  });
});
