import { assertPeriod } from "./simpleMovingAverage.ts";

/**
 * Exponential moving average of the last value, TA-Lib's convention: α = 2 / (period + 1), seeded
 * with the simple mean of the first `period` values, then EMA_t = α·x_t + (1 − α)·EMA_{t−1} over the
 * rest. Null with fewer than `period` values.
 */
export function exponentialMovingAverage(values: readonly number[], period: number): number | null {
  assertPeriod(period);
  if (values.length < period) return null;
  let ema = 0;
  for (let i = 0; i < period; i++) ema += values[i] as number;
  ema /= period;
  const alpha = 2 / (period + 1);
  for (let i = period; i < values.length; i++) ema = alpha * (values[i] as number) + (1 - alpha) * ema;
  return ema;
}
