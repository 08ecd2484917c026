import type { MetricValue } from "../metrics/metric.ts";

export type PercentileRanksParameters = {
  /** One value per entrant, in entrant order; null = no value (ranks below every number). */
  readonly values: readonly MetricValue[];
  readonly better: "higher" | "lower";
};

/**
 * Percentile ranks within a field, in (0, 1]: pandas `Series.rank(method="average", pct=True)`
 * on "goodness". Entrants are ranked 1..n from worst to best, tied values share the average of
 * their ranks, and each rank is divided by n. So the best of 10 gets 1.0, the second 0.9, the
 * worst 0.1 ("an agent ranked in the 90th percentile receives 0.9", seed 003); a lone entrant gets 1.0.
 * Nulls are the worst and tie among themselves. Returns one rank per value, in input order.
 */
export function percentileRanks({ values, better }: PercentileRanksParameters): number[] {
  const n = values.length;
  const order = values.map((_, i) => i);
  // Worst first; Array.prototype.sort is stable, and ties are averaged below anyway.
  order.sort((a, b) => compareWorstFirst(values[a] as MetricValue, values[b] as MetricValue, better));
  const ranks = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end] as number] === values[order[start] as number]) end += 1;
    // Positions start..end-1 hold equal values: 1-based ranks start+1..end, average (start + 1 + end) / 2.
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = averageRank / n;
    start = end;
  }
  return ranks;
}

function compareWorstFirst(a: MetricValue, b: MetricValue, better: "higher" | "lower"): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return better === "higher" ? a - b : b - a;
}
