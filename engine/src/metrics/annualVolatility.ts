import { boundMetricValue, type Metric, type MetricValue } from "./metric.ts";
import { sampleStandardDeviation } from "./sampleStatistics.ts";

export type AnnualVolatilityParameters = { readonly returns: readonly number[]; readonly periodsPerYear: number };

/** Annualized volatility: sample standard deviation (ddof = 1) × sqrt(periodsPerYear) (empyrical `annual_volatility`). */
export function annualVolatility({ returns, periodsPerYear }: AnnualVolatilityParameters): MetricValue {
  if (returns.length < 2) return null;
  return boundMetricValue(sampleStandardDeviation(returns) * Math.sqrt(periodsPerYear));
}

export const annualVolatilityMetric: Metric = {
  id: "annualVolatility",
  description: "Annualized volatility: std(returns, ddof=1) × sqrt(periodsPerYear) (empyrical annual_volatility).",
  better: "lower",
  edgeCases: "null with fewer than two returns; 0 for a constant series.",
  compute: annualVolatility,
};
