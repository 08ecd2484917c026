import type { Fixed } from "../money/fixed.ts";

/**
 * How an order changes a position, from the signed quantities before and after it:
 * `open` from flat, `add` in the same direction, `reduce` toward flat, `close` to flat,
 * `reverse` through flat to the other side (a close and an open in one order), `none` if unchanged.
 */
export type OrderEffect = "open" | "add" | "reduce" | "close" | "reverse" | "none";

export function classifyOrderEffect(before: Fixed, after: Fixed): OrderEffect {
  if (before === after) return "none";
  if (before === 0n) return "open";
  if (after === 0n) return "close";
  if (before > 0n !== after > 0n) return "reverse";
  return absFixed(after) > absFixed(before) ? "add" : "reduce";
}

/** True for the changes that start a new position (a reversal starts one on the other side). */
export function opensPosition(change: OrderEffect): boolean {
  return change === "open" || change === "reverse";
}

/** True for the changes that end a position. */
export function endsPosition(change: OrderEffect): boolean {
  return change === "close" || change === "reverse";
}

export function absFixed(value: Fixed): Fixed {
  return value < 0n ? -value : value;
}
