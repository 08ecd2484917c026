/**
 * Stability of the equity curve (empyrical `stability_of_timeseries`): R² of an ordinary least
 * squares line through the cumulative log returns y_i = Σ_{j<=i} log1p(r_j) against i = 0..n-1.
 * Returns the slope's sign too, so callers can tell a steady rise from a steady fall.
 * A constant series has R² = 0 (scipy `linregress` sets r = 0 when either variance is zero).
 */
export type StabilityReturnType = { rSquared: number; slope: number };

export function stability(returns: readonly number[]): StabilityReturnType {
  const n = returns.length;
  const ys = new Float64Array(n);
  let cumulative = 0;
  // ΣY in the same pass, adding each y in index order as a separate loop would.
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    cumulative += Math.log1p(returns[i] as number);
    ys[i] = cumulative;
    meanY += cumulative;
  }
  const meanX = (n - 1) / 2;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - meanX;
    const dy = (ys[i] as number) - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return { rSquared: 0, slope: 0 };
  const r = sxy / Math.sqrt(sxx * syy);
  // |r| can exceed 1 by a rounding step on a perfect line; R² is a share, keep it in [0, 1].
  return { rSquared: Math.min(1, r * r), slope: sxy / sxx };
}
