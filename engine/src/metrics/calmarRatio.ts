import { annualReturn } from "./annualReturn.ts";
import { type MaxDrawdownParameters, maxDrawdown } from "./maxDrawdown.ts";
import { boundMetricValue, METRIC_VALUE_LIMIT, type Metric, type MetricValue } from "./metric.ts";

export type CalmarRatioParameters = MaxDrawdownParameters & { readonly periodsPerYear: number };

/**
 * Calmar ratio: annualized return (CAGR) / |max drawdown| over the whole season (empyrical
 * `calmar_ratio`; Young's original uses a 36-month window, seasons are shorter).
 */
export function calmarRatio(parameters: CalmarRatioParameters): MetricValue {
  const annual = annualReturn(parameters);
  const drawdown = maxDrawdown(parameters);
  if (annual === null || drawdown === null) return null;
  // No drawdown: empyrical returns NaN; a curve that never fell has the best Calmar there is.
  if (drawdown === 0) return annual > 0 ? METRIC_VALUE_LIMIT : null;
  return boundMetricValue(annual / drawdown);
}

export const calmarRatioMetric: Metric = {
  id: "calmarRatio",
  description: "Calmar: annualized return (CAGR) / |max drawdown| over the season (empyrical calmar_ratio).",
  better: "higher",
  edgeCases:
    "null with fewer than two marks or a flat curve; +1e6 with no drawdown and a positive return (empyrical: NaN); clamped to ±1e6.",
  compute: calmarRatio,
};
