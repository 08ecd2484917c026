/**
 * Drawdown at each mark as a positive fraction of the running peak (high-water mark, including the
 * mark itself): dd[i] = 1 - e[i] / max(e[0..i]). Same values as empyrical's `drawdown_series`
 * with the sign flipped (PerformanceAnalytics' `maxDrawdown(invert = TRUE)` convention), so that
 * "a 25% drawdown" is 0.25 as in the seed rulebooks.
 */
export function drawdownSeries(equity: readonly number[]): number[] {
  const drawdowns = new Array<number>(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i] as number;
    if (value > peak) peak = value;
    drawdowns[i] = value === peak ? 0 : 1 - value / peak;
  }
  return drawdowns;
}
