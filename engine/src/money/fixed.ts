/**
 * Fixed-point arithmetic for every amount the engine keeps: prices, quantities, cash, P&L and fees.
 * One scale for all of them (8 decimals, like satoshis) so that conversions never guess.
 * Floats are allowed only in statistics (metrics, scores), never for money.
 */

import { fixedToUnits } from "./fixedToUnits.ts";

/** A fixed-point value with {@link FIXED_DECIMALS} decimals: `1.5` is `150_000_000n`. */
export type Fixed = bigint;

export const FIXED_DECIMALS = 8;
export const FIXED_ONE: Fixed = 10n ** BigInt(FIXED_DECIMALS);
/** Basis points in a whole: 10,000 bps = 100%. */
export const BPS_ONE = 10_000n;

/** Division rounding half away from zero: the one rounding rule of the engine. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("divRound: division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n + d / 2n) / d;
  return negative ? -quotient : quotient;
}

/** a × b for two fixed-point values. */
export function mulFixed(a: Fixed, b: Fixed): Fixed {
  return divRound(a * b, FIXED_ONE);
}

/** a ÷ b for two fixed-point values. */
export function divFixed(a: Fixed, b: Fixed): Fixed {
  return divRound(a * FIXED_ONE, b);
}

/** amount × bps / 10,000 (fees, slippage, caps given in basis points). */
export function applyBps(amount: Fixed, bps: bigint): Fixed {
  return divRound(amount * bps, BPS_ONE);
}

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string exactly ("4261.48", "-0.5", "1e-3" is rejected). Digits beyond the
 * eighth decimal are rounded half away from zero. Returns undefined for anything else.
 */
export function parseFixed(text: string): Fixed | undefined {
  const match = decimalPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, sign, whole = "0", fraction = ""] = match;
  const kept = fraction.slice(0, FIXED_DECIMALS).padEnd(FIXED_DECIMALS, "0");
  let value = BigInt(whole) * FIXED_ONE + BigInt(kept);
  const firstDropped = fraction.charCodeAt(FIXED_DECIMALS);
  if (!Number.isNaN(firstDropped) && firstDropped >= 53 /* "5" */) value += 1n;
  return sign === "-" ? -value : value;
}

/** Exact decimal text of a fixed-point value, trailing zeros trimmed: `150_000_000n` → "1.5". */
export function formatFixed(value: Fixed): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / FIXED_ONE;
  const fraction = (abs % FIXED_ONE).toString().padStart(FIXED_DECIMALS, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** FIXED_ONE as a float, converted once: fixedToNumber is on the per-mark path of every entrant. */
const FIXED_ONE_NUMBER = Number(FIXED_ONE);

/** Converts to a float for statistics only (metrics, scores, charts). */
export function fixedToNumber(value: Fixed): number {
  return unitsToNumber(fixedToUnits(value));
}

/** fixedToNumber of an amount already in units (fixedToUnits): for a caller that has them in hand. */
export function unitsToNumber(units: number): number {
  return units / FIXED_ONE_NUMBER;
}

/** Converts a float to fixed-point, rounding to the nearest unit: for generated data and tests. */
export function numberToFixed(value: number): Fixed {
  if (!Number.isFinite(value)) throw new RangeError(`numberToFixed: ${value} is not finite`);
  return BigInt(Math.round(value * Number(FIXED_ONE)));
}
