import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactMulFixed } from "./exactMulFixed.ts";
import { mulFixed } from "./fixed.ts";

const MAX_EXACT = 2n ** 53n - 1n;
const inRange = (value: bigint) => value <= MAX_EXACT && value >= -MAX_EXACT;

describe("exactMulFixed", () => {
  it("equals mulFixed bit for bit on the sizes a season marks, and never gives up on them", () => {
    // Quantities up to 10⁷ coins, price differences up to ±$10⁶ (10⁻⁸ units), results in range.
    const quantity = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    const move = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });
    fc.assert(
      fc.property(quantity, move, (a, b) => {
        const product = mulFixed(a, b);
        fc.pre(inRange(product));
        expect(exactMulFixed(Number(a), Number(b))).toBe(Number(product));
      }),
      { numRuns: 20_000 },
    );
  });

  it("equals mulFixed or gives up (NaN) anywhere in the exact range, small operands included", () => {
    const operand = fc.oneof(
      fc.bigInt({ min: -MAX_EXACT, max: MAX_EXACT }),
      fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
      fc.constantFrom(0n, 1n, -1n, 49_999_999n, 50_000_000n, 99_999_999n, 100_000_000n, MAX_EXACT, -MAX_EXACT),
    );
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        const got = exactMulFixed(Number(a), Number(b));
        if (Number.isNaN(got)) return; // allowed: the caller falls back to bigints
        const product = mulFixed(a, b);
        expect(inRange(product)).toBe(true);
        expect(got).toBe(Number(product));
      }),
      { numRuns: 20_000 },
    );
  });

  it("rounds the half away from zero on both signs, as mulFixed does, and never returns −0", () => {
    expect(exactMulFixed(50_000_000, 1)).toBe(1); // 0.5 × 10⁻⁸ → 10⁻⁸
    expect(exactMulFixed(-50_000_000, 1)).toBe(-1);
    expect(exactMulFixed(50_000_000, -1)).toBe(-1);
    expect(exactMulFixed(49_999_999, 1)).toBe(0);
    expect(Object.is(exactMulFixed(-49_999_999, 1), 0)).toBe(true);
    // 0.33333333 × 1.5 = 0.499999995 → 0.5.
    expect(exactMulFixed(33_333_333, 150_000_000)).toBe(Number(mulFixed(33_333_333n, 150_000_000n)));
  });

  it("gives up past 2^53 rather than rounding: inputs, partial products and results", () => {
    expect(exactMulFixed(2 ** 53, 1)).toBeNaN();
    expect(exactMulFixed(1, -(2 ** 53))).toBeNaN();
    expect(exactMulFixed(Number.NaN, 1)).toBeNaN();
    expect(exactMulFixed(9e15, 1e16 - 1)).toBeNaN();
    const a = 2n ** 52n;
    expect(exactMulFixed(Number(a), 2e8 - 2)).toBe(Number(mulFixed(a, 2n * 10n ** 8n - 2n)));
  });
});
