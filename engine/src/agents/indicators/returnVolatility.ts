import { sampleStandardDeviation } from "../../metrics/sampleStatistics.ts";
import { assertPeriod } from "./simpleMovingAverage.ts";

/**
 * Volatility of the last `period` simple returns: their sample standard deviation (ddof = 1, numpy
 * `np.std(ddof=1)`), per bar, not annualized. Null with fewer than `period` returns or period < 2.
 */
export function returnVolatility(returns: readonly number[], period: number): number | null {
  assertPeriod(period);
  if (period < 2 || returns.length < period) return null;
  return sampleStandardDeviation(returns.slice(returns.length - period));
}
