import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactMulFixed, exactMulFixedSplit, highLimb } from "./exactMulFixed.ts";
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

describe("exactMulFixedSplit", () => {
  const split = (a: number, b: number) => {
    const high = highLimb(a);
    return exactMulFixedSplit(a, high, Math.abs(a) - high * 1e8, b);
  };
  const nearLimb = fc.oneof(
    fc.integer({ min: 0, max: 3 }).map((k) => k * 100_000_000),
    fc.constantFrom(49_999_999, 50_000_000, 99_999_999, 100_000_001),
  );

  it("equals exactMulFixed bit for bit (NaN in the same cases) over the exact range", () => {
    const quantity = fc.oneof(
      fc.bigInt({ min: -MAX_EXACT, max: MAX_EXACT }),
      fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
      fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
      fc.constantFrom(0n, 1n, -1n, 50_000_000n, 99_999_999n, 100_000_000n, MAX_EXACT, -MAX_EXACT),
    );
    const move = fc.oneof(
      fc.bigInt({ min: -MAX_EXACT, max: MAX_EXACT }),
      fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
      fc
        .tuple(fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }), nearLimb, fc.integer({ min: -1, max: 1 }))
        .map(([h, l, e]) => h * 100_000_000n + BigInt(l + e)),
      fc.constantFrom(0n, 1n, -1n, 2n ** 53n, -(2n ** 53n)),
    );
    fc.assert(
      fc.property(quantity, move, (a, b) => {
        const want = exactMulFixed(Number(a), Number(b));
        const got = split(Number(a), Number(b));
        expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want))).toBe(true);
        if (!Number.isNaN(got)) expect(got).toBe(Number(mulFixed(a, b)));
      }),
      { numRuns: 30_000 },
    );
  });

  it("corrects the reciprocal's quotient at exact multiples of 10⁸ and just around them", () => {
    const highs = [
      ...Array.from({ length: 300 }, (_, k) => k),
      ...Array.from({ length: 300 }, (_, k) => 90_071_991 - k * 300_007),
    ];
    for (const k of highs) {
      for (const b of [k * 1e8 - 1, k * 1e8, k * 1e8 + 1, k * 1e8 + 5e7, -(k * 1e8)]) {
        for (const a of [1, 3, 99_999_999, 123_456_789_012, -77_777_777]) expect(split(a, b)).toBe(exactMulFixed(a, b));
      }
    }
  });

  it("takes exactMulFixed's path when the low limbs' product reaches 2^53, and gives up like it", () => {
    // Low limbs both near 10⁸: aLow × bl ≈ 10¹⁶ > 2^53.
    const a = 99_999_999;
    const b = 3 * 1e8 + 99_999_998;
    expect(split(a, b)).toBe(Number(mulFixed(BigInt(a), BigInt(b))));
    expect(split(-a, b)).toBe(Number(mulFixed(BigInt(-a), BigInt(b))));
    expect(split(1, 2 ** 53)).toBeNaN();
    expect(split(1, Number.NaN)).toBeNaN();
    expect(split(9e15, 1e16 - 1)).toBeNaN();
    expect(Object.is(split(-49_999_999, 1), 0)).toBe(true);
  });
});
