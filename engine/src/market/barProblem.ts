/**
 * One thing wrong with market data, found by a loader or by `validateBars`, and what was done
 * about it. Loaders and validation report every problem at once, never only the first.
 */
export const barProblemKinds = [
  /** A row that could not be read at all (bad timestamp, wrong number of columns, not a number). */
  "unparseable-row",
  /** A time that is not on a boundary of the frequency (an hourly bar at 10:30). */
  "misaligned-time",
  /** A bar on a day the calendar says is closed (a Saturday in a weekdays series). */
  "off-calendar",
  "duplicate-time",
  "out-of-order",
  /** A bar with a missing (null or empty) price or volume. */
  "missing-value",
  "non-positive-price",
  /** high < max(open, close) or low > min(open, close). */
  "inconsistent-range",
  "negative-volume",
  "zero-volume",
  /** One run of consecutive expected bars that are absent. */
  "gap",
] as const;
export type BarProblemKind = (typeof barProblemKinds)[number];

/**
 * rejected: made the load fail; dropped: the bar was removed; filled: missing bars were added by
 * forward fill; clamped: high/low were widened to contain open and close; kept-first: the first of
 * duplicate bars was kept; reordered: bars were sorted by time; left: the gap stays (drop policy).
 */
export type BarProblemAction = "rejected" | "dropped" | "filled" | "clamped" | "kept-first" | "reordered" | "left";

export type BarProblem = {
  kind: BarProblemKind;
  action: BarProblemAction;
  /** Where: `BTCUSDT.csv line 12`, or for gaps the symbol and first missing time. */
  origin: string;
  /** Unix seconds of the bar concerned (first missing bar for a gap); absent when unreadable. */
  time?: number;
  /** What exactly is wrong, e.g. `low 101.5 is above min(open, close) 100.2`. */
  detail: string;
};

/** One line per problem, at most `limit` lines, then how many were left out. */
export function formatBarProblems(problems: readonly BarProblem[], limit = 20): string {
  const lines = problems.slice(0, limit).map((p) => `- ${p.origin}: ${p.kind}: ${p.detail}`);
  if (problems.length > limit) lines.push(`- ... and ${problems.length - limit} more`);
  return lines.join("\n");
}
