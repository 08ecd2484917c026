/**
 * Historical-simulation Value at Risk of a sample of scenario P&Ls (floats: a statistic).
 * VaR at confidence c is the loss at the (1 − c) quantile of the scenario P&L, with the quantile
 * taken like numpy's default `np.percentile` (linear interpolation between order statistics,
 * Hyndman & Fan type 7), which empyrical's `value_at_risk` uses: h = (n − 1)(1 − c),
 * q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). Reported as a loss, so VaR = max(0, −q): a book that
 * gains in at least 95% of the scenarios has a VaR of 0.
 *
 * Only the two order statistics around h are needed: they are selected in one pass that keeps the
 * ⌊h⌋ + 2 smallest scenarios (at 95% over 250 days, 14 of them), rather than sorting the sample.
 * The values are the sorted sample's, so the result is the same. `scenarios[0..count)` is read only;
 * `scratch` is a caller's reused buffer of at least ⌊h⌋ + 2 slots (allocated here when absent).
 */
export function historicalValueAtRisk(
  scenarios: Float64Array,
  count: number,
  confidenceBps: number,
  scratch?: Float64Array,
): number {
  if (count <= 0) return 0;
  const h = ((count - 1) * (10_000 - confidenceBps)) / 10_000;
  const lower = Math.floor(h);
  const kept = Math.min(count, lower + 2);
  const smallest = scratch !== undefined && scratch.length >= kept ? scratch : new Float64Array(kept);
  if (!selectSmallest(scenarios, count, smallest, kept)) {
    // A NaN scenario: sort as Float64Array.prototype.sort does (NaN last), the reference order.
    smallest.set(scenarios.slice(0, count).sort().subarray(0, kept));
  }
  const low = smallest[lower] as number;
  const quantile = lower + 1 < count ? low + (h - lower) * ((smallest[lower + 1] as number) - low) : low;
  return quantile < 0 ? -quantile : 0;
}

/**
 * Writes the `kept` smallest of `values[0..count)` into `out[0..kept)`, ascending, by insertion:
 * each value is compared with the largest kept so far and most are rejected at once. False when a
 * value is NaN (left to the caller). Zeros of either sign may come out in another order than a
 * sort's, which changes no interpolated quantile's value.
 */
function selectSmallest(values: Float64Array, count: number, out: Float64Array, kept: number): boolean {
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const x = values[i] as number;
    if (Number.isNaN(x)) return false;
    if (filled === kept) {
      if (!(x < (out[kept - 1] as number))) continue;
      filled--;
    }
    let j = filled;
    while (j > 0 && x < (out[j - 1] as number)) {
      out[j] = out[j - 1] as number;
      j--;
    }
    out[j] = x;
    filled++;
  }
  return true;
}
