import { boundMetricValue, METRIC_VALUE_LIMIT, type Metric, type MetricValue, ZERO_DISPERSION } from "./metric.ts";

export type SortinoRatioParameters = {
  readonly returns: readonly number[];
  readonly periodsPerYear: number;
  /** Per-period risk-free rate, the minimum acceptable return (see `riskFreePerPeriod`). */
  readonly riskFreePerPeriod: number;
};

/**
 * Annualized Sortino ratio (empyrical `sortino_ratio` with `downside_risk`):
 * mean(r - rf) × periodsPerYear / (sqrt(mean(min(r - rf, 0)²)) × sqrt(periodsPerYear)).
 * The downside deviation averages over ALL observations, not only the losing ones.
 */
export function sortinoRatio({ returns, periodsPerYear, riskFreePerPeriod }: SortinoRatioParameters): MetricValue {
  if (returns.length < 2) return null;
  let excessSum = 0;
  let downsideSquares = 0;
  for (let i = 0; i < returns.length; i++) {
    const excess = (returns[i] as number) - riskFreePerPeriod;
    excessSum += excess;
    if (excess < 0) downsideSquares += excess * excess;
  }
  const meanExcess = excessSum / returns.length;
  const downside = Math.sqrt(downsideSquares / returns.length);
  // No downside: +Infinity in empyrical when the mean is positive, NaN (0/0) when it is zero.
  if (downside < ZERO_DISPERSION) return meanExcess > 0 ? METRIC_VALUE_LIMIT : null;
  return boundMetricValue((meanExcess * periodsPerYear) / (downside * Math.sqrt(periodsPerYear)));
}

export const sortinoRatioMetric: Metric = {
  id: "sortinoRatio",
  description:
    "Annualized Sortino: mean(r - rf) × P / (sqrt(mean(min(r - rf, 0)^2)) × sqrt(P)), downside over all observations (empyrical sortino_ratio).",
  better: "higher",
  edgeCases:
    "null with fewer than two returns, or with no downside and zero mean excess (0/0); +1e6 with no downside and a positive mean (empyrical: +Infinity); clamped to ±1e6.",
  compute: sortinoRatio,
};
