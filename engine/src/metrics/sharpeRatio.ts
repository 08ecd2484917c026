import { boundMetricValue, type Metric, type MetricValue, ZERO_DISPERSION } from "./metric.ts";
import { mean, sampleStandardDeviation } from "./sampleStatistics.ts";

export type SharpeRatioParameters = {
  readonly returns: readonly number[];
  readonly periodsPerYear: number;
  /** Per-period risk-free rate (see `riskFreePerPeriod`). */
  readonly riskFreePerPeriod: number;
};

/**
 * Annualized Sharpe ratio (empyrical `sharpe_ratio`): mean(r - rf) / std(r - rf, ddof = 1) × sqrt(periodsPerYear).
 */
export function sharpeRatio({ returns, periodsPerYear, riskFreePerPeriod }: SharpeRatioParameters): MetricValue {
  if (returns.length < 2) return null;
  const excess = returns.map((r) => r - riskFreePerPeriod);
  const deviation = sampleStandardDeviation(excess);
  if (deviation < ZERO_DISPERSION) return null;
  return boundMetricValue((mean(excess) / deviation) * Math.sqrt(periodsPerYear));
}

export const sharpeRatioMetric: Metric = {
  id: "sharpeRatio",
  description:
    "Annualized Sharpe: mean(r - rf) / std(r - rf, ddof=1) × sqrt(periodsPerYear), rf per period (empyrical sharpe_ratio).",
  better: "higher",
  edgeCases:
    "null with fewer than two returns or when excess returns do not vary (std < 1e-14: empyrical's NaN); clamped to ±1e6.",
  compute: sharpeRatio,
};
