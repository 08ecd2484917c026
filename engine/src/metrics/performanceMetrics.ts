import { annualReturnMetric } from "./annualReturn.ts";
import { annualVolatilityMetric } from "./annualVolatility.ts";
import { averageDrawdownMetric } from "./averageDrawdown.ts";
import { averageExposureMetric } from "./averageExposure.ts";
import { calmarRatioMetric } from "./calmarRatio.ts";
import { consistencyScoreMetric } from "./consistencyScore.ts";
import { diversificationMetric } from "./diversification.ts";
import { maxDrawdownMetric } from "./maxDrawdown.ts";
import type { Metric, MetricId, MetricValue } from "./metric.ts";
import { type PerformanceInput, preparePerformance } from "./performanceInput.ts";
import { profitFactorMetric } from "./profitFactor.ts";
import { sharpeRatioMetric } from "./sharpeRatio.ts";
import { sortinoRatioMetric } from "./sortinoRatio.ts";
import { totalPnlMetric } from "./totalPnl.ts";
import { totalReturnMetric } from "./totalReturn.ts";
import { tradeCountMetric } from "./tradeCount.ts";
import { turnoverMetric } from "./turnover.ts";
import { valueAtRisk95Metric } from "./valueAtRisk95.ts";
import { winRateMetric } from "./winRate.ts";

/** Every metric, in the order reports list them. */
export const performanceMetrics: readonly Metric[] = [
  totalReturnMetric,
  totalPnlMetric,
  annualReturnMetric,
  annualVolatilityMetric,
  sharpeRatioMetric,
  sortinoRatioMetric,
  calmarRatioMetric,
  maxDrawdownMetric,
  averageDrawdownMetric,
  winRateMetric,
  profitFactorMetric,
  valueAtRisk95Metric,
  consistencyScoreMetric,
  tradeCountMetric,
  averageExposureMetric,
  turnoverMetric,
  diversificationMetric,
];

/** One value per metric; JSON-safe (numbers or null). */
export type PerformanceMetrics = { readonly [id in MetricId]: MetricValue };

export type ComputePerformanceMetricsParameters = PerformanceInput;
export type ComputePerformanceMetricsReturnType = PerformanceMetrics;

/** Validates the input once (every problem reported together) and computes every metric. */
export function computePerformanceMetrics(
  input: ComputePerformanceMetricsParameters,
): ComputePerformanceMetricsReturnType {
  const performance = preparePerformance(input);
  const values = {} as Record<MetricId, MetricValue>;
  for (const metric of performanceMetrics) values[metric.id] = metric.compute(performance);
  return values;
}
