/**
 * mulFixed on integer doubles, exactly: the quiet mark of every account without allocating a
 * bigint per position. Fixed-point values are integers (units of 10⁻⁸); up to 2^53 − 1 units
 * (about 90 million) a double holds them exactly, and the product is split into limbs small enough
 * that every partial product and sum stays exact, so the result is bit for bit `mulFixed`'s.
 */

const UNIT = 1e8;
const HALF_UNIT = 5e7;
const LIMB = 1e4;
/** 2^53: the first integer a double may not hold exactly. */
export const EXACT_LIMIT = 9_007_199_254_740_992;

/** An integer double within ±(2^53 − 1), false for NaN: what a bigint converts to when it converts exactly. */
export const isExactUnits = (x: number): boolean => x < EXACT_LIMIT && x > -EXACT_LIMIT;

/** floor(x / divisor) for an integer 0 ≤ x < 2^53: the float quotient may round up to the next integer. */
function floorDiv(x: number, divisor: number): number {
  const quotient = Math.floor(x / divisor);
  return x - quotient * divisor < 0 ? quotient - 1 : quotient;
}

/**
 * a × b ÷ 10⁸ rounded half away from zero (mulFixed) for two fixed-point values given as integer
 * doubles (`Number(fixed)` of an exact value). NaN when an input or the result is beyond
 * ±(2^53 − 1), or when an intermediate would leave the exact range: the caller then uses bigints.
 *
 * Method: |a| = ah·10⁸ + al, |b| = bh·10⁸ + bl, bl = bl1·10⁴ + bl0 (every limb < 10⁸), so
 * |a·b| / 10⁸ = ah·|b| + al·bh + (al·bl1·10⁴ + al·bl0) / 10⁸, where al·bl1 and al·bl0 stay below
 * 10¹², and the last fraction is carried limb by limb.
 */
export function exactMulFixed(a: number, b: number): number {
  const negative = a < 0 !== b < 0;
  const aa = a < 0 ? -a : a;
  const ba = b < 0 ? -b : b;
  // Also false for NaN. A bigint past 2^53 converts to a double at or past it: caught here.
  if (!(aa < EXACT_LIMIT && ba < EXACT_LIMIT)) return Number.NaN;
  const ah = floorDiv(aa, UNIT);
  const al = aa - ah * UNIT;
  const bh = floorDiv(ba, UNIT);
  const bl = ba - bh * UNIT;
  const whole = ah * ba + al * bh;
  // A true value ≥ 2^53 rounds to a double ≥ 2^53 (rounding is monotone): this catches every overflow.
  if (!(whole < EXACT_LIMIT)) return Number.NaN;
  const bl1 = floorDiv(bl, LIMB);
  const bl0 = bl - bl1 * LIMB;
  const high = al * bl1; // < 10¹²: exact
  const highWhole = floorDiv(high, LIMB);
  const rest = (high - highWhole * LIMB) * LIMB + al * bl0; // < 10⁸ + 10¹²: exact
  const restWhole = floorDiv(rest, UNIT);
  const remainder = rest - restWhole * UNIT;
  const magnitude = whole + highWhole + restWhole + (remainder >= HALF_UNIT ? 1 : 0);
  if (!(magnitude < EXACT_LIMIT)) return Number.NaN;
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

const INVERSE_UNIT = 1e-8;

/** ⌊|a| ÷ 10⁸⌋ of a fixed-point integer double: the high limb exactMulFixedSplit takes. */
export const highLimb = (a: number): number => floorDiv(a < 0 ? -a : a, UNIT);

/**
 * exactMulFixed(a, b) for an `a` split once into limbs (|a| = aHigh·10⁸ + aLow, aHigh from
 * highLimb, |a| < 2^53), bit for bit, NaN in the same cases: the quiet mark's quantity × price
 * move, whose quantity stays put for many rounds. Two quotients by 10⁸ instead of four, each taken
 * as a product with the reciprocal and corrected: for x < 2^53 the float quotient is within 10⁻⁷ of
 * x ÷ 10⁸, so its floor is off by at most one, which the remainder's sign shows.
 *
 * |a·b| / 10⁸ = aHigh·|b| + aLow·bh + aLow·bl / 10⁸ with |b| = bh·10⁸ + bl; when aLow·bl reaches
 * 2^53 (both limbs near 10⁸: rare) exactMulFixed takes over.
 */
export function exactMulFixedSplit(a: number, aHigh: number, aLow: number, b: number): number {
  const ba = b < 0 ? -b : b;
  if (!(ba < EXACT_LIMIT)) return Number.NaN;
  const bh = unitQuotient(ba);
  const bl = ba - bh * UNIT;
  const whole = aHigh * ba + aLow * bh;
  if (!(whole < EXACT_LIMIT)) return Number.NaN;
  const low = aLow * bl;
  if (!(low < EXACT_LIMIT)) return exactMulFixed(a, b);
  const lowWhole = unitQuotient(low);
  const remainder = low - lowWhole * UNIT;
  const magnitude = whole + lowWhole + (remainder >= HALF_UNIT ? 1 : 0);
  if (!(magnitude < EXACT_LIMIT)) return Number.NaN;
  return a < 0 !== b < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * ⌊x ÷ 10⁸⌋ of a non-negative integer double below 2^53: a multiply by the reciprocal, which may be
 * one off either way, corrected from the exact remainder x − q × 10⁸.
 */
function unitQuotient(x: number): number {
  const q = Math.floor(x * INVERSE_UNIT);
  const r = x - q * UNIT;
  return r < 0 ? q - 1 : r >= UNIT ? q + 1 : q;
}
