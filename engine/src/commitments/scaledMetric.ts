import type { MetricValue } from "../metrics/metric.ts";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";

/** Metrics and scores are committed as int256 with 8 decimals, the scale of the engine's money. */
export const METRIC_DECIMALS = 8;
const SCALE = 10 ** METRIC_DECIMALS;

/** The int256 a metric without a value (null: too few observations) is committed as: type(int256).min. */
export const NULL_METRIC = -(2n ** 255n);

/**
 * A float metric as an int256 leaf field: round(value × 10^8), ties away from zero, computed in
 * IEEE-754 double precision as written (`sign(v) × Math.round(|v| × 1e8)`); null → NULL_METRIC.
 * Metric values are bounded (±1,000,000, metrics/metric.ts), far inside int256.
 */
export function scaledMetric(value: MetricValue, what: string): bigint {
  if (value === null) return NULL_METRIC;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidCommitmentInputError(
      `${what} is ${String(value)}, not a finite number or null`,
      "Metrics are finite floats, or null when there is no value (metrics/metric.ts).",
    );
  }
  const scaled = Math.round(Math.abs(value) * SCALE);
  return BigInt(value < 0 ? -scaled : scaled);
}
