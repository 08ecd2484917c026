import { drawdownSeries } from "./drawdownSeries.ts";
import type { Metric, MetricValue } from "./metric.ts";

export type MaxDrawdownParameters = {
  readonly equity: readonly number[];
  /** `drawdownSeries(equity)` when already computed (`preparePerformance`); else derived here. */
  readonly drawdowns?: readonly number[];
};

/**
 * Maximum drawdown as a positive fraction of the high-water mark: max over marks of 1 - e / peak
 * (empyrical `max_drawdown` with the sign flipped: 0.25 means a 25% fall from the peak).
 */
export function maxDrawdown({ equity, drawdowns = drawdownSeries(equity) }: MaxDrawdownParameters): MetricValue {
  if (equity.length < 2) return null;
  let worst = 0;
  for (let i = 0; i < drawdowns.length; i++) {
    const drawdown = drawdowns[i] as number;
    if (drawdown > worst) worst = drawdown;
  }
  return worst;
}

export const maxDrawdownMetric: Metric = {
  id: "maxDrawdown",
  description:
    "Maximum peak-to-trough fall as a positive fraction of the running peak (empyrical max_drawdown, sign flipped).",
  better: "lower",
  edgeCases: "null with fewer than two marks; 0 with no drawdown; 1 or more when the entrant is bust.",
  compute: maxDrawdown,
};
