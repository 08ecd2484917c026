import { boundMetricValue, type Metric, type MetricValue, ZERO_DISPERSION } from "./metric.ts";
import { type SampleMoments, sampleMoments } from "./sampleStatistics.ts";

export type SharpeRatioParameters = {
  readonly returns: readonly number[];
  readonly periodsPerYear: number;
  /** Per-period risk-free rate (see `riskFreePerPeriod`). */
  readonly riskFreePerPeriod: number;
  /** Moments of returns - riskFreePerPeriod when already computed (`preparePerformance`); else derived here. */
  readonly excessReturnMoments?: SampleMoments;
};

/**
 * Annualized Sharpe ratio (empyrical `sharpe_ratio`): mean(r - rf) / std(r - rf, ddof = 1) × sqrt(periodsPerYear).
 */
export function sharpeRatio(parameters: SharpeRatioParameters): MetricValue {
  const { returns, periodsPerYear, riskFreePerPeriod } = parameters;
  if (returns.length < 2) return null;
  const excess = parameters.excessReturnMoments ?? sampleMoments(returns, riskFreePerPeriod);
  if (excess.standardDeviation < ZERO_DISPERSION) return null;
  return boundMetricValue((excess.mean / excess.standardDeviation) * Math.sqrt(periodsPerYear));
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
