/**
 * The q-th percentile (0-100) of a sample with linear interpolation between order statistics:
 * numpy's default `np.percentile(a, q)` (method "linear", Hyndman & Fan type 7), which empyrical's
 * `value_at_risk` uses. Position h = (n - 1) * q / 100; result = x[floor h] + (h - floor h)(x[ceil h] - x[floor h]).
 * Returns NaN for an empty sample.
 */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile: q must be within [0, 100], got ${q}`);
  const sorted = Float64Array.from(values).sort();
  const h = ((sorted.length - 1) * q) / 100;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  const low = sorted[lower] as number;
  return low + (h - lower) * ((sorted[upper] as number) - low);
}
