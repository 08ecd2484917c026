import type { Metric, MetricValue } from "./metric.ts";
import { stability } from "./stability.ts";

export type ConsistencyScoreParameters = {
  readonly equity: readonly number[];
  readonly returns: readonly number[];
  /** Marks per sub-period (a week of marks by default, see `PerformanceInput.subPeriodLength`). */
  readonly subPeriodLength: number;
};

/**
 * Consistency score in [0, 1], Podium's definition (seed 004 "month-over-month consistency",
 * seed 003 "Consistency Score"):
 *
 *   0.5 × (share of sub-periods with a positive compounded return)
 * + 0.5 × (R² of the cumulative log-return line if it slopes upward, else 0)
 *
 * Sub-periods are consecutive blocks of `subPeriodLength` returns from the start; a shorter last
 * block counts. R² is empyrical's `stability_of_timeseries`; it is zeroed for a falling curve
 * because a steady loss is not the consistency a score should reward.
 */
export function consistencyScore({ equity, returns, subPeriodLength }: ConsistencyScoreParameters): MetricValue {
  if (returns.length < 2) return null;
  let blocks = 0;
  let positiveBlocks = 0;
  for (let start = 0; start < returns.length; start += subPeriodLength) {
    const end = Math.min(start + subPeriodLength, returns.length);
    blocks += 1;
    if ((equity[end] as number) > (equity[start] as number)) positiveBlocks += 1;
  }
  const bust = (equity[equity.length - 1] as number) <= 0;
  const { rSquared, slope } = bust ? { rSquared: 0, slope: 0 } : stability(returns);
  return 0.5 * (positiveBlocks / blocks) + 0.5 * (slope > 0 ? rSquared : 0);
}

export const consistencyScoreMetric: Metric = {
  id: "consistencyScore",
  description:
    "0.5 × share of positive sub-periods (weekly by default) + 0.5 × R² of the cumulative log-return fit when rising (empyrical stability_of_timeseries), in [0, 1].",
  better: "higher",
  edgeCases: "null with fewer than two returns; the R² half is 0 for a flat, falling or bust curve.",
  compute: consistencyScore,
};
