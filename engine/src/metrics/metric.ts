import type { PreparedPerformance } from "./performanceInput.ts";

/** Every statistic the metrics module computes, one file each. */
export type MetricId =
  | "totalReturn"
  | "totalPnl"
  | "annualReturn"
  | "annualVolatility"
  | "sharpeRatio"
  | "sortinoRatio"
  | "calmarRatio"
  | "maxDrawdown"
  | "averageDrawdown"
  | "winRate"
  | "profitFactor"
  | "valueAtRisk95"
  | "consistencyScore"
  | "tradeCount"
  | "averageExposure"
  | "turnover"
  | "diversification";

/**
 * A metric's result. `null` means "no value" (too few observations, or 0/0); the reason is stated
 * per metric in `edgeCases`. Never NaN or ±Infinity: results go into canonical JSON.
 */
export type MetricValue = number | null;

/** The shared interface of every metric (one statistic per file, Nautilus-style). */
export type Metric = {
  readonly id: MetricId;
  /** One sentence: what the number is and where the definition comes from. */
  readonly description: string;
  /** Which way is better, for rankings (percentile ranks, comparators). */
  readonly better: "higher" | "lower";
  /** What `compute` returns when the data cannot support a value (documentation, also shown by tools). */
  readonly edgeCases: string;
  compute(performance: PreparedPerformance): MetricValue;
};

/**
 * The bound of every metric value. A ratio whose mathematical value is ±Infinity (a positive mean
 * over zero downside, a profit over zero loss) is reported as ±METRIC_VALUE_LIMIT: finite for JSON,
 * and still ordered above (below) every real value, which is what rankings need.
 */
export const METRIC_VALUE_LIMIT = 1_000_000;

/**
 * Dispersions below this are float noise, not risk: the mean of n equal floats can differ from
 * them in the last bit, which would otherwise turn a constant series into a Sharpe of 1e15.
 * Fixed-point money (8 decimals) on a $10,000 account moves returns in steps of 1e-12, far above.
 */
export const ZERO_DISPERSION = 1e-14;

/** Maps a raw float result to a JSON-safe metric value: NaN → null, clamps to ±METRIC_VALUE_LIMIT, -0 → 0. */
export function boundMetricValue(value: number): MetricValue {
  if (Number.isNaN(value)) return null;
  if (value > METRIC_VALUE_LIMIT) return METRIC_VALUE_LIMIT;
  if (value < -METRIC_VALUE_LIMIT) return -METRIC_VALUE_LIMIT;
  return value === 0 ? 0 : value;
}
