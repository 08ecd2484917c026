import { describe, expect, it } from "vitest";
import { applyBps, divFixed, divRound, FIXED_ONE, formatFixed, mulFixed, parseFixed } from "./fixed.ts";

describe("fixed-point money", () => {
  it("parses decimal text exactly and formats it back", () => {
    expect(parseFixed("4261.48")).toBe(426_148_000_000n);
    expect(parseFixed("-0.5")).toBe(-50_000_000n);
    expect(formatFixed(426_148_000_000n)).toBe("4261.48");
    expect(formatFixed(-50_000_000n)).toBe("-0.5");
    expect(parseFixed("1e-3")).toBeUndefined();
    expect(parseFixed("")).toBeUndefined();
  });

  it("rounds digits past the eighth decimal half away from zero", () => {
    expect(parseFixed("0.000000015")).toBe(2n);
    expect(parseFixed("0.000000014")).toBe(1n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(4n, 3n)).toBe(1n);
  });

  it("multiplies, divides and applies basis points at 8 decimals", () => {
    const price = parseFixed("60000") ?? 0n;
    const quantity = parseFixed("0.25") ?? 0n;
    expect(mulFixed(price, quantity)).toBe(15_000n * FIXED_ONE);
    expect(divFixed(15_000n * FIXED_ONE, price)).toBe(quantity);
    expect(applyBps(10_000n * FIXED_ONE, 5n)).toBe(5n * FIXED_ONE); // 5 bps of $10,000 is $5
  });
});
