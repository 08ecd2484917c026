import type { Metric, MetricValue } from "./metric.ts";
import type { ClosedTrade } from "./performanceInput.ts";

export type WinRateParameters = { readonly closedTrades: readonly ClosedTrade[] };

/** Share of closed trades with a positive P&L; a break-even trade (P&L 0) is not a win. */
export function winRate({ closedTrades }: WinRateParameters): MetricValue {
  if (closedTrades.length === 0) return null;
  let wins = 0;
  for (let i = 0; i < closedTrades.length; i++) if ((closedTrades[i] as ClosedTrade).pnl > 0) wins += 1;
  return wins / closedTrades.length;
}

export const winRateMetric: Metric = {
  id: "winRate",
  description: "Winning closed trades / closed trades; break-even trades count as not winning.",
  better: "higher",
  edgeCases: "null with no closed trade.",
  compute: winRate,
};
