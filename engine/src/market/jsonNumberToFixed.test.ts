import { describe, expect, it } from "vitest";
import { jsonNumberToFixed, plainDecimal } from "./jsonNumberToFixed.ts";

describe("jsonNumberToFixed", () => {
  it("converts float artifacts by their decimal text, rounding the 9th decimal half away from zero", () => {
    // 358.1000061035156 (a float32 price widened to float64, as Yahoo sends it): 8 decimals are
    // 358.10000610, the 9th digit is 3 -> down.
    expect(jsonNumberToFixed(358.1000061035156)).toBe(35_810_000_610n);
    // 1.234567885 has a 5 in the 9th decimal -> 1.23456789. Multiplying floats instead,
    // 1.234567885 * 1e8 = 123456788.49999999 in float64 and would round down to 1.23456788.
    expect(jsonNumberToFixed(1.234567885)).toBe(123_456_789n);
    expect(jsonNumberToFixed(-1.234567885)).toBe(-123_456_789n);
    // 0.000000015 * 1e8 = 1.4999999999999998 in float64; the decimal text rounds to 2 units.
    expect(jsonNumberToFixed(0.000000015)).toBe(2n);
    expect(jsonNumberToFixed(76468000)).toBe(7_646_800_000_000_000n);
    expect(jsonNumberToFixed(Number.NaN)).toBeUndefined();
  });

  it("expands exponent notation exactly", () => {
    expect(plainDecimal(1e-7)).toBe("0.0000001");
    expect(plainDecimal(1.5e-9)).toBe("0.0000000015");
    expect(plainDecimal(1.2345e21)).toBe("1234500000000000000000");
    expect(plainDecimal(-2.5e-8)).toBe("-0.000000025");
    expect(jsonNumberToFixed(1.5e-9)).toBe(0n);
    expect(jsonNumberToFixed(5e-9)).toBe(1n);
  });
});
