import { assertPeriod } from "./simpleMovingAverage.ts";

/**
 * Wilder's Relative Strength Index (J. Welles Wilder, "New Concepts in Technical Trading Systems",
 * 1978; TA-Lib `RSI`) of the last value, in [0, 100]:
 * the first average gain and loss are the simple means of the first `period` changes, later ones
 * are smoothed as avg = (avg·(period − 1) + change) / period; RSI = 100 − 100 / (1 + avgGain / avgLoss).
 * 100 when there is no loss, 50 when prices did not move at all. Null with fewer than period + 1 values.
 */
export function relativeStrengthIndex(values: readonly number[], period: number): number | null {
  assertPeriod(period);
  if (values.length < period + 1) return null;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = (values[i] as number) - (values[i - 1] as number);
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  for (let i = period + 1; i < values.length; i++) {
    const change = (values[i] as number) - (values[i - 1] as number);
    gain = (gain * (period - 1) + Math.max(change, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}
