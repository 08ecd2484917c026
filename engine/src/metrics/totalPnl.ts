import type { Metric, MetricValue } from "./metric.ts";

export type TotalPnlParameters = { readonly equity: readonly number[] };

/**
 * Total profit and loss, realized + unrealized: last equity - first equity, in quote currency (the
 * macro arena's ranking quantity and the tournament `pnl` method's metric). A float for statistics:
 * rankings that must be exact use the broker's fixed-point P&L (`rankByTotalPnl`).
 */
export function totalPnl({ equity }: TotalPnlParameters): MetricValue {
  if (equity.length < 2) return null;
  const pnl = (equity[equity.length - 1] as number) - (equity[0] as number);
  return pnl === 0 ? 0 : pnl;
}

export const totalPnlMetric: Metric = {
  id: "totalPnl",
  description: "Total P&L (realized + unrealized): last equity - first equity, quote currency.",
  better: "higher",
  edgeCases: "null with fewer than two marks. Not clamped (a money amount, always finite).",
  compute: totalPnl,
};
