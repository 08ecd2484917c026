import type { Metric, MetricValue } from "./metric.ts";
import { mean } from "./sampleStatistics.ts";

export type TurnoverParameters = {
  readonly equity: readonly number[];
  readonly tradedNotionalByMarket: Readonly<Record<string, number>>;
};

/**
 * Season turnover: total traded notional (opens and closes) / average equity, i.e. how many times
 * the book was traded over the season. Not annualized: seasons of one arena have one length.
 */
export function turnover({ equity, tradedNotionalByMarket }: TurnoverParameters): MetricValue {
  const averageEquity = mean(equity);
  if (!(averageEquity > 0)) return null;
  let traded = 0;
  // Sorted so that the float sum does not depend on the order the markets were first traded.
  for (const market of Object.keys(tradedNotionalByMarket).sort()) traded += tradedNotionalByMarket[market] as number;
  return traded / averageEquity;
}

export const turnoverMetric: Metric = {
  id: "turnover",
  description: "Total traded notional / average equity over the season (not annualized).",
  better: "lower",
  edgeCases: "0 with no trade; null only if average equity is not positive.",
  compute: turnover,
};
