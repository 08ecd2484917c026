import type { Metric, MetricValue } from "./metric.ts";

export type DiversificationParameters = { readonly tradedNotionalByMarket: Readonly<Record<string, number>> };

/**
 * Effective number of markets traded: 1 / HHI, where HHI = Σ s_m² over the markets' shares of traded
 * notional (the inverse Herfindahl-Hirschman index). 1 = one market; k = k markets traded equally.
 * Seed 004's "number of different markets traded / diversification across categories".
 */
export function diversification({ tradedNotionalByMarket }: DiversificationParameters): MetricValue {
  // Sorted so that the float sum does not depend on the order the markets were first traded.
  const notionals = Object.keys(tradedNotionalByMarket)
    .sort()
    .map((market) => tradedNotionalByMarket[market] as number);
  let total = 0;
  for (const notional of notionals) total += notional;
  if (total === 0) return null;
  let hhi = 0;
  for (const notional of notionals) hhi += (notional / total) ** 2;
  return 1 / hhi;
}

export const diversificationMetric: Metric = {
  id: "diversification",
  description: "Effective number of markets: 1 / Herfindahl index of traded-notional shares.",
  better: "higher",
  edgeCases: "null with no traded notional.",
  compute: diversification,
};
