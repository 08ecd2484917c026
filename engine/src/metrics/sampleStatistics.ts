/**
 * Mean and sample standard deviation (numpy `np.mean`, `np.std(ddof=1)`), two-pass for accuracy.
 * Shared by the metrics that need them; inputs are assumed finite.
 */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample standard deviation with Bessel's correction (ddof = 1); NaN for fewer than two values. */
export function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
