import type { Metric, MetricValue } from "./metric.ts";
import { percentile } from "./percentile.ts";

export type ValueAtRisk95Parameters = { readonly returns: readonly number[] };

/**
 * Historical one-period VaR at 95%: the 5th percentile of period returns with linear interpolation
 * (empyrical `value_at_risk(returns, cutoff=0.05)` = `np.percentile(returns, 5)`). A return, so a
 * loss shows as a negative number; higher (closer to zero or positive) is better.
 */
export function valueAtRisk95({ returns }: ValueAtRisk95Parameters): MetricValue {
  if (returns.length === 0) return null;
  const value = percentile(returns, 5);
  return value === 0 ? 0 : value;
}

export const valueAtRisk95Metric: Metric = {
  id: "valueAtRisk95",
  description:
    "Historical VaR 95: 5th percentile of period returns, linear interpolation (empyrical value_at_risk); negative = loss.",
  better: "higher",
  edgeCases: "null with no return; with one return, that return (np.percentile of one value).",
  compute: valueAtRisk95,
};
