import { boundMetricValue, type Metric, type MetricValue } from "./metric.ts";
import { type SampleMoments, sampleStandardDeviation } from "./sampleStatistics.ts";

export type AnnualVolatilityParameters = {
  readonly returns: readonly number[];
  readonly periodsPerYear: number;
  /** Moments of the returns when already computed (`preparePerformance`); else derived here. */
  readonly returnMoments?: SampleMoments;
};

/** Annualized volatility: sample standard deviation (ddof = 1) × sqrt(periodsPerYear) (empyrical `annual_volatility`). */
export function annualVolatility({ returns, periodsPerYear, returnMoments }: AnnualVolatilityParameters): MetricValue {
  if (returns.length < 2) return null;
  const deviation = returnMoments?.standardDeviation ?? sampleStandardDeviation(returns);
  return boundMetricValue(deviation * Math.sqrt(periodsPerYear));
}

export const annualVolatilityMetric: Metric = {
  id: "annualVolatility",
  description: "Annualized volatility: std(returns, ddof=1) × sqrt(periodsPerYear) (empyrical annual_volatility).",
  better: "lower",
  edgeCases: "null with fewer than two returns; 0 for a constant series.",
  compute: annualVolatility,
};
