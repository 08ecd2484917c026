import { type Fixed, parseFixed } from "../money/fixed.ts";

/** Largest amount a reply may carry (quantities, notionals, prices): 10^15, far above any real order. */
export const MAX_REPLY_AMOUNT: Fixed = 10n ** 15n * 10n ** 8n;

const plainDecimal = /^\d{1,40}(?:\.\d{1,40})?$/;
const scientific = /^(\d+)(?:\.(\d+))?e([+-]?\d+)$/i;

/**
 * The exact decimal text of a JSON number as the model wrote it: ECMAScript's shortest round-trip
 * form (`String(0.1)` is "0.1"), with exponent notation ("1e-7", "1.5e+21") expanded by moving the
 * decimal point, never by float arithmetic. Undefined for NaN, ±Infinity and negative zero's sign.
 */
export function numberToDecimalText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(Math.abs(value));
  const match = scientific.exec(text);
  let digits = text;
  if (match !== null) {
    const [, whole = "", fraction = "", exponentText = "0"] = match;
    const exponent = Number(exponentText);
    if (Math.abs(exponent) > 400) return undefined;
    const all = whole + fraction;
    const point = whole.length + exponent;
    digits =
      point <= 0
        ? `0.${"0".repeat(-point)}${all}`
        : point >= all.length
          ? all + "0".repeat(point - all.length)
          : `${all.slice(0, point)}.${all.slice(point)}`;
  }
  return value < 0 ? `-${digits}` : digits;
}

/**
 * A positive amount from a reply: a decimal string ("0.25", "64000") or a JSON number, converted
 * exactly to fixed-point (digits past the eighth decimal rounded half away from zero, like
 * parseFixed). Returns the value, or a problem saying what is wrong with it.
 */
export function replyDecimalToFixed(value: unknown): { value: Fixed } | { problem: string } {
  let text: string | undefined;
  if (typeof value === "string") text = value.trim();
  else if (typeof value === "number") text = numberToDecimalText(value);
  else return { problem: `expected a decimal string such as "0.25", got ${describeValue(value)}` };
  if (text === undefined || !plainDecimal.test(text))
    return { problem: `expected a positive decimal such as "0.25", got ${describeValue(value)}` };
  const fixed = parseFixed(text);
  if (fixed === undefined) return { problem: `expected a positive decimal, got ${describeValue(value)}` };
  if (fixed <= 0n) return { problem: `must be positive (at 8 decimals), got ${describeValue(value)}` };
  if (fixed > MAX_REPLY_AMOUNT) return { problem: `is too large: ${describeValue(value)}` };
  return { value: fixed };
}

/** A short, safe rendering of a reply value for a no-trade detail (never the whole of a huge value). */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "bigint" ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    // Not JSON (a bigint inside, a cycle) and maybe not even convertible to a string (no prototype).
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
