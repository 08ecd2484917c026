import { boundMetricValue, type Metric, type MetricValue } from "./metric.ts";

export type TotalReturnParameters = { readonly equity: readonly number[] };

/** Total return of the season: last / first - 1 (empyrical `cum_returns_final`). Null before any return. */
export function totalReturn({ equity }: TotalReturnParameters): MetricValue {
  if (equity.length < 2) return null;
  return boundMetricValue((equity[equity.length - 1] as number) / (equity[0] as number) - 1);
}

export const totalReturnMetric: Metric = {
  id: "totalReturn",
  description: "Total return over the season, last equity / first equity - 1 (empyrical cum_returns_final).",
  better: "higher",
  edgeCases: "null with fewer than two marks (no return yet); -1 or below when the entrant is bust.",
  compute: totalReturn,
};
