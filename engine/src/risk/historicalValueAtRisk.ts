/**
 * Historical-simulation Value at Risk of a sample of scenario P&Ls (floats: a statistic).
 * VaR at confidence c is the loss at the (1 − c) quantile of the scenario P&L, with the quantile
 * taken like numpy's default `np.percentile` (linear interpolation between order statistics,
 * Hyndman & Fan type 7), which empyrical's `value_at_risk` uses: h = (n − 1)(1 − c),
 * q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). Reported as a loss, so VaR = max(0, −q): a book that
 * gains in at least 95% of the scenarios has a VaR of 0.
 *
 * Sorts `scenarios[0..count)` in place (callers pass a reused scratch buffer: no allocation).
 */
export function historicalValueAtRisk(scenarios: Float64Array, count: number, confidenceBps: number): number {
  if (count <= 0) return 0;
  const sample = scenarios.subarray(0, count).sort();
  const h = ((count - 1) * (10_000 - confidenceBps)) / 10_000;
  const lower = Math.floor(h);
  const low = sample[lower] as number;
  const quantile = lower + 1 < count ? low + (h - lower) * ((sample[lower + 1] as number) - low) : low;
  return quantile < 0 ? -quantile : 0;
}
