import { boundMetricValue, type Metric, type MetricValue } from "./metric.ts";

export type AnnualReturnParameters = { readonly equity: readonly number[]; readonly periodsPerYear: number };

/**
 * Compound annual growth rate (empyrical `annual_return` / `cagr`): growth^(periodsPerYear / n) - 1
 * with growth = last / first and n the number of returns. A bust entrant (growth <= 0) gets -1.
 */
export function annualReturn({ equity, periodsPerYear }: AnnualReturnParameters): MetricValue {
  const periods = equity.length - 1;
  if (periods < 1) return null;
  const growth = (equity[periods] as number) / (equity[0] as number);
  if (growth <= 0) return -1;
  return boundMetricValue(Math.expm1((Math.log(growth) * periodsPerYear) / periods));
}

export const annualReturnMetric: Metric = {
  id: "annualReturn",
  description: "Annualized return as CAGR: (last/first)^(periodsPerYear / returns) - 1 (empyrical annual_return).",
  better: "higher",
  edgeCases: "null with fewer than two marks; -1 when bust; short seasons annualize steeply and are clamped to ±1e6.",
  compute: annualReturn,
};
