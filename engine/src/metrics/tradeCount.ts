import type { Metric, MetricValue } from "./metric.ts";

export type TradeCountParameters = { readonly fillCount: number };

/** Number of executed (FILLED) orders, the leaderboards' "number of trades executed" (seed 000). */
export function tradeCount({ fillCount }: TradeCountParameters): MetricValue {
  return fillCount;
}

export const tradeCountMetric: Metric = {
  id: "tradeCount",
  description: "Executed (FILLED) orders over the season; cancelled orders do not count.",
  better: "higher",
  edgeCases: "Always a number (0 with no fill).",
  compute: tradeCount,
};
