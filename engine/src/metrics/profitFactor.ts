import { boundMetricValue, METRIC_VALUE_LIMIT, type Metric, type MetricValue } from "./metric.ts";
import type { ClosedTrade } from "./performanceInput.ts";

export type ProfitFactorParameters = { readonly closedTrades: readonly ClosedTrade[] };

/** Profit factor: gross profit of winning trades / |gross loss of losing trades|. */
export function profitFactor({ closedTrades }: ProfitFactorParameters): MetricValue {
  if (closedTrades.length === 0) return null;
  let grossProfit = 0;
  let grossLoss = 0;
  for (let i = 0; i < closedTrades.length; i++) {
    const { pnl } = closedTrades[i] as ClosedTrade;
    if (pnl > 0) grossProfit += pnl;
    else grossLoss -= pnl;
  }
  if (grossLoss === 0) return grossProfit > 0 ? METRIC_VALUE_LIMIT : null;
  return boundMetricValue(grossProfit / grossLoss);
}

export const profitFactorMetric: Metric = {
  id: "profitFactor",
  description: "Gross profit / gross loss over closed trades.",
  better: "higher",
  edgeCases:
    "null with no closed trade or only break-even trades; +1e6 with profits and no loss (mathematically +Infinity).",
  compute: profitFactor,
};
