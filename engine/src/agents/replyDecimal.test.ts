import { describe, expect, it } from "vitest";
import { describeValue, MAX_REPLY_AMOUNT, numberToDecimalText, replyDecimalToFixed } from "./replyDecimal.ts";

describe("numberToDecimalText", () => {
  it("writes a JSON number's shortest round-trip form, expanding exponents by moving the point", () => {
    expect(numberToDecimalText(0.1)).toBe("0.1"); // the float 0.1 is not 1/10, but its shortest form is
    expect(numberToDecimalText(1e-7)).toBe("0.0000001");
    expect(numberToDecimalText(1.5e-7)).toBe("0.00000015");
    expect(numberToDecimalText(1e21)).toBe("1000000000000000000000");
    expect(numberToDecimalText(1.25e22)).toBe("12500000000000000000000");
    expect(numberToDecimalText(-2.5)).toBe("-2.5");
    expect(numberToDecimalText(Number.NaN)).toBeUndefined();
    expect(numberToDecimalText(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe("replyDecimalToFixed", () => {
  it("converts decimal strings and numbers exactly to 8-decimal fixed point", () => {
    expect(replyDecimalToFixed("0.25")).toEqual({ value: 25_000_000n });
    expect(replyDecimalToFixed(" 64000 ")).toEqual({ value: 6_400_000_000_000n });
    // 0.1 + 0.2 in floats is 0.30000000000000004: its ninth decimal is 0, so it rounds to 0.3 exactly.
    expect(replyDecimalToFixed(0.1 + 0.2)).toEqual({ value: 30_000_000n });
    // 1e-8 is one unit; 4e-9 rounds to zero and is refused as not positive.
    expect(replyDecimalToFixed(1e-8)).toEqual({ value: 1n });
    expect(replyDecimalToFixed(4e-9)).toEqual({ problem: "must be positive (at 8 decimals), got 4e-9" });
  });

  it("refuses negatives, signs, exponents in strings, non-numbers and huge values", () => {
    for (const value of ["-1", "+1", "1e3", "1,5", "", "NaN", null, true, {}, [1], -3])
      expect(replyDecimalToFixed(value)).toHaveProperty("problem");
    expect(replyDecimalToFixed("1000000000000000")).toEqual({ value: MAX_REPLY_AMOUNT }); // 10^15 is the ceiling
    expect(replyDecimalToFixed("1000000000000000.00000001")).toEqual({
      problem: 'is too large: "1000000000000000.00000001"',
    });
    expect(replyDecimalToFixed(1e300)).toHaveProperty("problem");
  });
});

describe("describeValue", () => {
  it("clips long values so that a no-trade detail stays short", () => {
    expect(describeValue("x".repeat(100))).toBe(`"${"x".repeat(56)}...`);
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(10n)).toBe("10n");
  });
});
