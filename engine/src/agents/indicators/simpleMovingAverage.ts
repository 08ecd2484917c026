/** Mean of the last `period` values; null with fewer values. The textbook SMA (TA-Lib `SMA`). */
export function simpleMovingAverage(values: readonly number[], period: number): number | null {
  assertPeriod(period);
  if (values.length < period) return null;
  let sum = 0;
  for (let i = values.length - period; i < values.length; i++) sum += values[i] as number;
  return sum / period;
}

export function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1)
    throw new RangeError(`indicator period must be a positive integer, got ${period}`);
}
