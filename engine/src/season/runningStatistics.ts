import { boundMetricValue, METRIC_VALUE_LIMIT, type MetricValue, ZERO_DISPERSION } from "../metrics/metric.ts";
import { riskFreePerPeriod } from "../metrics/riskFreePerPeriod.ts";
import { UntrackedStatisticError } from "./untrackedStatisticError.ts";

/**
 * One entrant's performance kept up to date in O(1) per mark and per closed trade, for the
 * standings after every round (recomputing the batch metrics every round would cost O(rounds²)).
 * Same definitions and edge cases as the batch metrics (metrics/*.ts); sums are accumulated in
 * another order (Welford's variance, running regression sums), so values may differ from the batch
 * ones in the last digits. Final results always use the batch `computePerformanceMetrics`.
 * A plain mutable object and free functions: the per-mark path allocates nothing.
 */
export type RunningStatistics = {
  /**
   * Whether the statistics only the Tournament Score reads (Sortino's downside, consistency's
   * blocks and regression, turnover's equity sum) are kept: a season ranked otherwise never reads
   * them, and their log per mark is most of addMark's cost.
   */
  readonly tournament: boolean;
  readonly periodsPerYear: number;
  /** √periodsPerYear, taken once (Sharpe's annualization, read at every refresh). */
  readonly sqrtPeriodsPerYear: number;
  readonly riskFreePerPeriod: number;
  readonly subPeriodLength: number;
  /** Equity marks seen, the starting equity included. */
  marks: number;
  first: number;
  last: number;
  peak: number;
  /**
   * The lowest mark since the peak (or a higher one whose drawdown is in worstDrawdown): a mark at or
   * above it cannot deepen the drawdown (1 − equity / peak falls as equity rises), so its division is skipped.
   */
  trough: number;
  worstDrawdown: number;
  equitySum: number;
  /** True after a mark at or below zero: the series ends there (metrics/performanceInput.ts). */
  bust: boolean;
  // Excess returns r − rf: Welford's mean and squared deviations (Sharpe), downside squares (Sortino).
  meanExcess: number;
  squaredDeviations: number;
  downsideSquares: number;
  // Consistency: sub-period blocks and the regression of cumulative log returns on their index.
  blockStartEquity: number;
  blockReturns: number;
  blocks: number;
  positiveBlocks: number;
  cumulativeLog: number;
  /** Regression of y = cumulative log return on x = its index, by Welford-style co-moments (stable on flat curves). */
  meanX: number;
  meanY: number;
  sxx: number;
  syy: number;
  sxy: number;
  // Closed trades (win rate, profit factor) and traded notional (turnover, diversification).
  closedTrades: number;
  wins: number;
  grossProfit: number;
  grossLoss: number;
  tradedNotional: Float64Array;
};

export type CreateRunningStatisticsParameters = {
  periodsPerYear: number;
  riskFreeRatePerYear: number;
  /** Number of markets (for traded notional per market). */
  markets: number;
  /** Marks per consistency sub-period; default a week of marks, as the batch metric. */
  subPeriodLength?: number;
  /**
   * Keep what only the Tournament Score reads (default true). False: runningSortinoRatio,
   * runningConsistencyScore and runningTurnover throw UntrackedStatisticError; every other value
   * is the same, bit for bit.
   */
  tournament?: boolean;
};

export function createRunningStatistics(parameters: CreateRunningStatisticsParameters): RunningStatistics {
  const { periodsPerYear, riskFreeRatePerYear, markets } = parameters;
  return {
    tournament: parameters.tournament ?? true,
    periodsPerYear,
    sqrtPeriodsPerYear: Math.sqrt(periodsPerYear),
    riskFreePerPeriod: riskFreePerPeriod(riskFreeRatePerYear, periodsPerYear),
    subPeriodLength: parameters.subPeriodLength ?? Math.max(1, Math.round(periodsPerYear / 52)),
    marks: 0,
    first: 0,
    last: 0,
    peak: 0,
    trough: 0,
    worstDrawdown: 0,
    equitySum: 0,
    bust: false,
    meanExcess: 0,
    squaredDeviations: 0,
    downsideSquares: 0,
    blockStartEquity: 0,
    blockReturns: 0,
    blocks: 0,
    positiveBlocks: 0,
    cumulativeLog: 0,
    meanX: 0,
    meanY: 0,
    sxx: 0,
    syy: 0,
    sxy: 0,
    closedTrades: 0,
    wins: 0,
    grossProfit: 0,
    grossLoss: 0,
    tradedNotional: new Float64Array(markets),
  };
}

/**
 * Below this many marks the regression's x sums are exact (x = 0, 1, …: its mean is a half-integer,
 * Σ dx·(x − mean) = (n + 1)·n·(n − 1) / 12 in halves, far below 2^53), so they are written directly.
 */
const EXACT_X = 2 ** 18;

/**
 * Adds the next equity mark (the first call gives the starting equity). Ignored once bust. Kept
 * under V8's inlining limit (460 bytes of bytecode; rare branches are functions of their own): a
 * call that is not inlined boxes `equity` in a new heap number.
 */
export function addMark(s: RunningStatistics, equity: number): void {
  if (s.bust) return;
  const n = s.marks; // returns so far, this one included
  if (n === 0) {
    startMarks(s, equity);
    return;
  }
  const r = equity / s.last - 1;
  const excess = r - s.riskFreePerPeriod;
  const delta = excess - s.meanExcess;
  s.meanExcess += delta / n;
  s.squaredDeviations += delta * (excess - s.meanExcess);
  if (equity > s.peak) {
    s.peak = equity;
    s.trough = equity;
  } else if (equity < s.trough) {
    s.trough = equity;
    const drawdown = 1 - equity / s.peak;
    if (drawdown > s.worstDrawdown) s.worstDrawdown = drawdown;
  }
  if (s.tournament) {
    if (excess < 0) s.downsideSquares += excess * excess;
    if (++s.blockReturns === s.subPeriodLength) closeBlock(s, equity);
    if (equity > 0) {
      // log1p(0) = 0: a flat mark (equity unchanged) adds nothing.
      if (r !== 0) s.cumulativeLog += Math.log1p(r);
      const x = n - 1;
      const y = s.cumulativeLog;
      const dy = y - s.meanY;
      s.meanY += dy / n;
      s.syy += dy * (y - s.meanY);
      if (n < EXACT_X) {
        // Welford's x terms, exactly: the mean of 0 … n − 2 is (n − 2) / 2, so dx = n / 2 and the new
        // mean (n − 1) / 2 (for n = 1 both forms add 0: the first y is its own mean).
        const dx = 0.5 * n;
        const mean = 0.5 * x;
        s.meanX = mean;
        s.sxx += dx * mean;
        s.sxy += dx * (y - s.meanY);
      } else addX(s, x, n);
    }
    s.equitySum += equity;
  }
  s.last = equity;
  s.marks = n + 1;
  if (equity <= 0) s.bust = true;
}

/** Welford's x terms (x = n − 1, the n-th point) once they may round. */
function addX(s: RunningStatistics, x: number, n: number): void {
  const dx = x - s.meanX;
  s.meanX += dx / n;
  s.sxx += dx * (x - s.meanX);
  s.sxy += dx * (s.cumulativeLog - s.meanY);
}

/** The starting equity (the first mark). */
function startMarks(s: RunningStatistics, equity: number): void {
  s.first = equity;
  s.peak = equity;
  s.trough = equity;
  s.blockStartEquity = equity;
  s.last = equity;
  s.equitySum += equity;
  s.marks = 1;
  if (equity <= 0) s.bust = true;
}

/** A consistency sub-period ends at this mark. */
function closeBlock(s: RunningStatistics, equity: number): void {
  s.blocks += 1;
  if (equity > s.blockStartEquity) s.positiveBlocks += 1;
  s.blockStartEquity = equity;
  s.blockReturns = 0;
}

/** Adds a closed round trip's P&L (after fees). */
export function addClosedTrade(s: RunningStatistics, pnl: number): void {
  s.closedTrades += 1;
  if (pnl > 0) {
    s.wins += 1;
    s.grossProfit += pnl;
  } else {
    s.grossLoss -= pnl;
  }
}

const returnsOf = (s: RunningStatistics) => s.marks - 1;

/**
 * The `…Value` functions give a metric as a number, NaN for null: the live ranking keeps them in
 * Float64Arrays, where a number is stored as is (a `number | null` field boxes every number stored
 * in it). `bounded` is boundMetricValue with NaN for null.
 */
const bounded = (value: number): number =>
  // Not a ternary: a branch yielding the (small-integer) limit makes V8 box every result in a heap
  // number. Math.max and Math.min keep NaN; `+ 0` turns −0 into 0.
  Math.min(Math.max(value, -METRIC_VALUE_LIMIT), METRIC_VALUE_LIMIT) + 0;
const metricOf = (value: number): MetricValue => (Number.isNaN(value) ? null : value);

/**
 * The ranking's metrics, NaN for null, into out[at…at + 3]: total return, Sharpe, max drawdown, win
 * rate. Returns nothing: a call that is not inlined (a long caller runs out of inlining budget)
 * would box each returned number in a heap number.
 */
export function writeRankingMetrics(s: RunningStatistics, out: Float64Array, at: number): void {
  out[at] = runningTotalReturnValue(s);
  out[at + 1] = runningSharpeRatioValue(s);
  out[at + 2] = runningMaxDrawdownValue(s);
  out[at + 3] = runningWinRateValue(s);
}

/** runningTotalReturn, NaN for null. */
export function runningTotalReturnValue(s: RunningStatistics): number {
  return s.marks < 2 ? Number.NaN : bounded(s.last / s.first - 1);
}

/** runningSharpeRatio, NaN for null. */
export function runningSharpeRatioValue(s: RunningStatistics): number {
  const n = returnsOf(s);
  if (n < 2) return Number.NaN;
  const deviation = Math.sqrt(s.squaredDeviations / (n - 1));
  return deviation < ZERO_DISPERSION ? Number.NaN : bounded((s.meanExcess / deviation) * s.sqrtPeriodsPerYear);
}

/** runningMaxDrawdown, NaN for null. */
export function runningMaxDrawdownValue(s: RunningStatistics): number {
  return s.marks < 2 ? Number.NaN : s.worstDrawdown;
}

/** runningWinRate, NaN for null. */
export function runningWinRateValue(s: RunningStatistics): number {
  return s.closedTrades === 0 ? Number.NaN : s.wins / s.closedTrades;
}

export function runningTotalPnl(s: RunningStatistics): MetricValue {
  if (s.marks < 2) return null;
  const pnl = s.last - s.first;
  return pnl === 0 ? 0 : pnl;
}

export function runningTotalReturn(s: RunningStatistics): MetricValue {
  return metricOf(runningTotalReturnValue(s));
}

export function runningSharpeRatio(s: RunningStatistics): MetricValue {
  return metricOf(runningSharpeRatioValue(s));
}

export function runningSortinoRatio(s: RunningStatistics): MetricValue {
  if (!s.tournament) throw untracked("Sortino ratio");
  const n = returnsOf(s);
  if (n < 2) return null;
  const downside = Math.sqrt(s.downsideSquares / n);
  if (downside < ZERO_DISPERSION) return s.meanExcess > 0 ? METRIC_VALUE_LIMIT : null;
  return boundMetricValue((s.meanExcess * s.periodsPerYear) / (downside * Math.sqrt(s.periodsPerYear)));
}

export function runningMaxDrawdown(s: RunningStatistics): MetricValue {
  return metricOf(runningMaxDrawdownValue(s));
}

export function runningAnnualReturn(s: RunningStatistics): MetricValue {
  const n = returnsOf(s);
  if (n < 1) return null;
  const growth = s.last / s.first;
  if (growth <= 0) return -1;
  return boundMetricValue(Math.expm1((Math.log(growth) * s.periodsPerYear) / n));
}

export function runningCalmarRatio(s: RunningStatistics): MetricValue {
  const annual = runningAnnualReturn(s);
  const drawdown = runningMaxDrawdown(s);
  if (annual === null || drawdown === null) return null;
  if (drawdown === 0) return annual > 0 ? METRIC_VALUE_LIMIT : null;
  return boundMetricValue(annual / drawdown);
}

export function runningWinRate(s: RunningStatistics): MetricValue {
  return metricOf(runningWinRateValue(s));
}

export function runningProfitFactor(s: RunningStatistics): MetricValue {
  if (s.closedTrades === 0) return null;
  if (s.grossLoss === 0) return s.grossProfit > 0 ? METRIC_VALUE_LIMIT : null;
  return boundMetricValue(s.grossProfit / s.grossLoss);
}

/** 0.5 × share of positive sub-periods + 0.5 × R² of the rising cumulative log-return line (metrics/consistencyScore.ts). */
export function runningConsistencyScore(s: RunningStatistics): MetricValue {
  if (!s.tournament) throw untracked("consistency score");
  const n = returnsOf(s);
  if (n < 2) return null;
  const partial = s.blockReturns > 0 ? 1 : 0;
  const blocks = s.blocks + partial;
  const positive = s.positiveBlocks + (partial === 1 && s.last > s.blockStartEquity ? 1 : 0);
  let rSquared = 0;
  if (!s.bust && s.sxx > 0 && s.syy > 0 && s.sxy > 0) rSquared = Math.min(1, (s.sxy * s.sxy) / (s.sxx * s.syy));
  return 0.5 * (positive / blocks) + 0.5 * rSquared;
}

export function runningTurnover(s: RunningStatistics): MetricValue {
  if (!s.tournament) throw untracked("turnover");
  if (s.marks === 0) return null;
  const averageEquity = s.equitySum / s.marks;
  if (!(averageEquity > 0)) return null;
  let traded = 0;
  for (const notional of s.tradedNotional) traded += notional;
  return traded / averageEquity;
}

export function runningDiversification(s: RunningStatistics): MetricValue {
  let total = 0;
  for (const notional of s.tradedNotional) total += notional;
  if (total === 0) return null;
  let hhi = 0;
  for (const notional of s.tradedNotional) hhi += (notional / total) ** 2;
  return 1 / hhi;
}

const untracked = (metric: string) =>
  new UntrackedStatisticError(`The running ${metric} is not kept by these statistics.`, {
    details: "They were created with tournament: false (a season not ranked by Tournament Score).",
    hint: "Create the running statistics with tournament: true to read the Tournament Score's metrics.",
  });
