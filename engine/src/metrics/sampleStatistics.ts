/**
 * Mean and sample standard deviation (numpy `np.mean`, `np.std(ddof=1)`), two-pass for accuracy.
 * Shared by the metrics that need them; inputs are assumed finite. Indexed loops: `for…of` over a
 * number array is not always lowered to one, and then allocates an iterator result per element.
 */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** Sample standard deviation with Bessel's correction (ddof = 1); NaN for fewer than two values. */
export function sampleStandardDeviation(values: readonly number[]): number {
  return sampleMoments(values, 0).standardDeviation;
}

/** Mean and sample standard deviation (ddof = 1) of a series shifted by a constant. */
export type SampleMoments = { readonly mean: number; readonly standardDeviation: number };

/**
 * The moments of `values[i] - shift` (excess returns over a risk-free rate) without building the
 * shifted copy: each element is shifted as it is read, and both sums run in index order, so the
 * results are the same floats as `mean` and `sampleStandardDeviation` of the copy. With `shift` 0 they
 * are those of `values` (x - 0 is x, -0 included). Standard deviation NaN for fewer than two values.
 */
export function sampleMoments(values: readonly number[], shift: number): SampleMoments {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i] as number) - shift;
  const m = sum / n;
  if (n < 2) return { mean: m, standardDeviation: Number.NaN };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((values[i] as number) - shift - m) ** 2;
  return { mean: m, standardDeviation: Math.sqrt(squares / (n - 1)) };
}
