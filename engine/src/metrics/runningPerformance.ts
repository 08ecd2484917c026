import { boundMetricValue, type MetricValue, ZERO_DISPERSION } from "./metric.ts";
import { InvalidPerformanceInputError } from "./performanceInput.ts";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";

/** What standings show after every round, kept up to date in O(1) per mark. */
export type RunningPerformanceSnapshot = {
  /** Marks seen, the starting equity included. */
  marks: number;
  totalReturn: MetricValue;
  totalPnl: MetricValue;
  sharpeRatio: MetricValue;
  maxDrawdown: MetricValue;
};

export type RunningPerformance = {
  /** Adds the next equity mark (the first call gives the starting equity). */
  mark(equity: number): void;
  snapshot(): RunningPerformanceSnapshot;
};

export type CreateRunningPerformanceParameters = { periodsPerYear: number; riskFreeRatePerYear: number };

/**
 * Incremental total return, P&L, Sharpe and max drawdown for per-round standings: recomputing the
 * batch metrics every round would cost O(rounds²) per entrant. Same definitions as `totalReturn`,
 * `totalPnl`, `sharpeRatio` and `maxDrawdown`; the Sharpe uses Welford's running variance, so it
 * can differ from the two-pass batch value in the last digits (the final results use the batch one).
 */
export function createRunningPerformance({
  periodsPerYear,
  riskFreeRatePerYear,
}: CreateRunningPerformanceParameters): RunningPerformance {
  const riskFree = riskFreePerPeriod(riskFreeRatePerYear, periodsPerYear);
  const annualization = Math.sqrt(periodsPerYear);
  let marks = 0;
  let first = 0;
  let last = 0;
  let peak = 0;
  let worstDrawdown = 0;
  let count = 0;
  let meanExcess = 0;
  let squaredDeviations = 0;

  return {
    mark(equity) {
      if (!Number.isFinite(equity)) throw new InvalidPerformanceInputError([`equity mark ${marks} is ${equity}`]);
      if (marks > 0 && last <= 0)
        throw new InvalidPerformanceInputError([`equity mark ${marks} follows a mark of ${last}: a bust series ends`]);
      if (marks === 0) {
        first = equity;
        peak = equity;
      } else {
        const excess = equity / last - 1 - riskFree;
        count += 1;
        const delta = excess - meanExcess;
        meanExcess += delta / count;
        squaredDeviations += delta * (excess - meanExcess);
        if (equity > peak) peak = equity;
        else if (equity < peak) worstDrawdown = Math.max(worstDrawdown, 1 - equity / peak);
      }
      last = equity;
      marks += 1;
    },
    snapshot() {
      if (marks < 2) return { marks, totalReturn: null, totalPnl: null, sharpeRatio: null, maxDrawdown: null };
      const deviation = count < 2 ? 0 : Math.sqrt(squaredDeviations / (count - 1));
      const pnl = last - first;
      return {
        marks,
        totalReturn: boundMetricValue(last / first - 1),
        totalPnl: pnl === 0 ? 0 : pnl,
        sharpeRatio:
          count < 2 || deviation < ZERO_DISPERSION ? null : boundMetricValue((meanExcess / deviation) * annualization),
        maxDrawdown: worstDrawdown,
      };
    },
  };
}
