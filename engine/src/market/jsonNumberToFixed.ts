import type { Fixed } from "../money/fixed.ts";
import { parseFixed } from "../money/fixed.ts";

/**
 * Converts a number that arrived as a JSON float (Yahoo's 358.1000061035156) to fixed-point
 * without multiplying floats: the number's shortest round-trip decimal text (ECMAScript
 * Number::toString, which gives back the literal the server wrote for any literal of up to 15
 * significant digits) is expanded out of exponent form and parsed exactly by `parseFixed`, i.e.
 * rounded to 8 decimals half away from zero. Returns undefined for NaN and infinities.
 */
export function jsonNumberToFixed(value: number): Fixed | undefined {
  if (!Number.isFinite(value)) return undefined;
  return parseFixed(plainDecimal(value));
}

/** The shortest round-trip decimal of a finite number, without exponent: 1e-7 -> "0.0000001". */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign, lead = "", rest = "", exponentText = "0"] = match;
  const digits = lead + rest;
  const exponent = Number(exponentText);
  // The decimal point sits after `1 + exponent` digits of `digits`.
  const point = 1 + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
