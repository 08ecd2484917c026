import { drawdownSeries } from "./drawdownSeries.ts";
import type { Metric, MetricValue } from "./metric.ts";

export type AverageDrawdownParameters = {
  readonly equity: readonly number[];
  /** `drawdownSeries(equity)` when already computed (`preparePerformance`); else derived here. */
  readonly drawdowns?: readonly number[];
};

/**
 * Average drawdown: the mean depth of the drawdown episodes (PerformanceAnalytics `AverageDrawdown`:
 * ADD = |Σ D_j| / d over the d drawdowns found by `findDrawdowns`). An episode starts when equity
 * falls below its running peak and ends when equity is back at or above that peak; an episode still
 * open at the end counts. Its depth is the largest drawdown inside it.
 */
export function averageDrawdown({
  equity,
  drawdowns = drawdownSeries(equity),
}: AverageDrawdownParameters): MetricValue {
  if (equity.length < 2) return null;
  let episodes = 0;
  let depthSum = 0;
  let currentDepth = 0;
  for (let i = 0; i < drawdowns.length; i++) {
    const drawdown = drawdowns[i] as number;
    if (drawdown > 0) {
      if (currentDepth === 0) episodes += 1;
      if (drawdown > currentDepth) currentDepth = drawdown;
    } else if (currentDepth > 0) {
      depthSum += currentDepth;
      currentDepth = 0;
    }
  }
  depthSum += currentDepth;
  return episodes === 0 ? 0 : depthSum / episodes;
}

export const averageDrawdownMetric: Metric = {
  id: "averageDrawdown",
  description:
    "Mean depth of drawdown episodes (peak → recovery to that peak, open episode included), positive fraction (PerformanceAnalytics AverageDrawdown).",
  better: "lower",
  edgeCases: "null with fewer than two marks; 0 with no drawdown.",
  compute: averageDrawdown,
};
