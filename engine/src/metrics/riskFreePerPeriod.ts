/**
 * Converts an annual risk-free rate to a per-period one by compounding:
 * (1 + annual)^(1 / periodsPerYear) - 1, the conversion empyrical's `omega_ratio` applies to its
 * annual `required_return`. Sharpe and Sortino subtract this from every period return, as
 * empyrical's `sharpe_ratio(returns, risk_free)` expects a per-period rate.
 */
export function riskFreePerPeriod(ratePerYear: number, periodsPerYear: number): number {
  if (ratePerYear === 0) return 0;
  return Math.expm1(Math.log1p(ratePerYear) / periodsPerYear);
}
