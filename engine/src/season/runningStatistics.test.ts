/**
 * The running statistics must agree with the batch metrics (metrics/*.ts, empyrical's definitions)
 * on every series: the expected values are computePerformanceMetrics over the same marks and trades,
 * an independent two-pass implementation. Agreement is to 1e-9 relative: the running sums are
 * accumulated in another order (Welford), so the last digits may differ.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundMetricValue, METRIC_VALUE_LIMIT, type MetricValue } from "../metrics/metric.ts";
import { computePerformanceMetrics } from "../metrics/performanceMetrics.ts";
import {
  addClosedTrade,
  addMark,
  createRunningStatistics,
  type RunningStatistics,
  runningCalmarRatio,
  runningConsistencyScore,
  runningDiversification,
  runningMaxDrawdown,
  runningMaxDrawdownValue,
  runningProfitFactor,
  runningSharpeRatio,
  runningSharpeRatioValue,
  runningSortinoRatio,
  runningTotalPnl,
  runningTotalReturn,
  runningTotalReturnValue,
  runningTurnover,
  runningWinRate,
  runningWinRateValue,
  writeRankingMetrics,
} from "./runningStatistics.ts";
import { UntrackedStatisticError } from "./untrackedStatisticError.ts";

function close(actual: MetricValue, expected: MetricValue) {
  if (expected === null || actual === null) return expect(actual).toBe(expected);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

type Case = { moves: number[]; trades: number[]; notional: number[]; periodsPerYear: number; riskFree: number };

function check({ moves, trades, notional, periodsPerYear, riskFree }: Case) {
  // Marks are fixed-point money read as floats (8 decimals), as the season produces them.
  const equity = [10_000];
  for (const move of moves) equity.push(Math.round((equity.at(-1) as number) * (1 + move) * 1e8) / 1e8);
  const stats = createRunningStatistics({ periodsPerYear, riskFreeRatePerYear: riskFree, markets: notional.length });
  for (const value of equity) addMark(stats, value);
  for (const pnl of trades) addClosedTrade(stats, pnl);
  notional.forEach((value, i) => {
    stats.tradedNotional[i] = value;
  });
  const batch = computePerformanceMetrics({
    equity,
    periodsPerYear,
    riskFreeRatePerYear: riskFree,
    closedTrades: trades.map((pnl) => ({ pnl })),
    fillCount: trades.length,
    exposure: [],
    tradedNotionalByMarket: Object.fromEntries(
      notional.map((value, i) => [`M${i}`, value]).filter(([, v]) => (v as number) > 0),
    ),
  });
  close(runningTotalReturn(stats), batch.totalReturn);
  close(runningTotalPnl(stats), batch.totalPnl);
  close(runningSharpeRatio(stats), batch.sharpeRatio);
  close(runningSortinoRatio(stats), batch.sortinoRatio);
  close(runningMaxDrawdown(stats), batch.maxDrawdown);
  close(runningCalmarRatio(stats), batch.calmarRatio);
  close(runningWinRate(stats), batch.winRate);
  close(runningProfitFactor(stats), batch.profitFactor);
  close(runningConsistencyScore(stats), batch.consistencyScore);
  close(runningTurnover(stats), batch.turnover);
  close(runningDiversification(stats), batch.diversification);
}

describe("running statistics", () => {
  it("equal the batch metrics on random equity curves, trades and traded notional", () => {
    fc.assert(
      fc.property(
        fc.record({
          // A move is 0 (a flat book) or at least 1e-6: below that, R² of a near-flat line is float noise
          // in any implementation (the line's spread nears the resolution of the cumulative sums).
          moves: fc.array(
            fc.oneof(
              fc.constant(0),
              fc.double({ min: 1e-6, max: 0.2, noNaN: true }),
              fc.double({ min: -0.2, max: -1e-6, noNaN: true }),
            ),
            { maxLength: 400 },
          ),
          trades: fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { maxLength: 30 }),
          notional: fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }),
          periodsPerYear: fc.constantFrom(252, 365, 8_760),
          riskFree: fc.constantFrom(0, 0.04),
        }),
        check,
      ),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 300) },
    );
  });

  it("follow the batch edge cases: flat curves, one return, no trades, a curve that only rises", () => {
    check({ moves: [], trades: [], notional: [0], periodsPerYear: 252, riskFree: 0 });
    check({ moves: [0.01], trades: [], notional: [0], periodsPerYear: 252, riskFree: 0 });
    check({ moves: [0, 0, 0, 0], trades: [0, 0], notional: [0, 0], periodsPerYear: 8_760, riskFree: 0 });
    check({ moves: [0.01, 0.02, 0.005], trades: [5, 7], notional: [10, 10], periodsPerYear: 365, riskFree: 0 });
    // Found by fast-check: nearly flat curves, where raw regression sums lose every digit of R².
    check({ moves: [4.3e-12, 1e-12, 0], trades: [], notional: [0], periodsPerYear: 252, riskFree: 0 });
    check({ moves: [-1.9e-9, 1e-12, 0, 0, 0, 0, 0, 0], trades: [], notional: [0], periodsPerYear: 252, riskFree: 0 });
    // A rising curve has no drawdown and no downside: Calmar and Sortino are the +1e6 stand-ins for +Infinity.
    const rising = createRunningStatistics({ periodsPerYear: 365, riskFreeRatePerYear: 0, markets: 1 });
    for (const value of [100, 101, 103, 104]) addMark(rising, value);
    expect([runningCalmarRatio(rising), runningSortinoRatio(rising), runningMaxDrawdown(rising)]).toEqual([
      METRIC_VALUE_LIMIT,
      METRIC_VALUE_LIMIT,
      0,
    ]);
  });

  it("end the series at a bust mark, as the metrics input requires", () => {
    const stats = createRunningStatistics({ periodsPerYear: 252, riskFreeRatePerYear: 0, markets: 1 });
    for (const value of [100, 50, -10, 20]) addMark(stats, value);
    // Marks 100, 50, −10: the 20 after the bust is ignored. Total return −10 / 100 − 1 = −1.1.
    expect(stats.marks).toBe(3);
    expect(runningTotalReturn(stats)).toBeCloseTo(-1.1, 12);
    check({ moves: [-0.5, -1.2], trades: [], notional: [0], periodsPerYear: 252, riskFree: 0 });
  });

  it("add marks exactly as the plain Welford recurrences do, to the last bit", () => {
    const move = fc.oneof(
      fc.constant(0),
      fc.constant(0),
      fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      // Small moves: new lows just under the previous one, and equal marks.
      fc.integer({ min: -10_000, max: 10_000 }).map((k) => k * 1e-8),
      fc.constantFrom(-1, -2),
    );
    fc.assert(
      fc.property(
        fc.array(move, { maxLength: 300 }),
        fc.constantFrom(252, 8_760),
        fc.constantFrom(0, 0.04),
        fc.integer({ min: 1, max: 5 }),
        (moves, periodsPerYear, riskFree, subPeriodLength) => {
          const parameters = { periodsPerYear, riskFreeRatePerYear: riskFree, markets: 1, subPeriodLength };
          const actual = createRunningStatistics(parameters);
          const expected = createRunningStatistics(parameters);
          let equity = 10_000;
          for (const [k, m] of [0, ...moves].entries()) {
            if (k > 0) equity = Math.round(equity * (1 + m) * 1e8) / 1e8;
            addMark(actual, equity);
            welfordMark(expected, equity);
            expectSameStatistics(actual, expected);
          }
        },
      ),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 300) },
    );
  });

  it("keep the regression exact past the marks where its x sums are written directly", () => {
    const parameters = { periodsPerYear: 8_760, riskFreeRatePerYear: 0.04, markets: 1 };
    const actual = createRunningStatistics(parameters);
    const expected = createRunningStatistics(parameters);
    let equity = 10_000;
    // 2^18 + a few marks (addMark's EXACT_X), a slow sine wave of returns.
    for (let k = 0; k < 2 ** 18 + 5; k++) {
      if (k > 0) equity = Math.round(equity * (1 + 0.001 * Math.sin(k / 7)) * 1e8) / 1e8;
      addMark(actual, equity);
      welfordMark(expected, equity);
    }
    expectSameStatistics(actual, expected);
    expect(actual.marks).toBe(2 ** 18 + 5);
  });

  it("keep, without the Tournament Score's statistics, every other one to the last bit", () => {
    // Marks that rise, fall (new troughs), stay flat and bust: the lean statistics must equal the
    // full ones on every field they keep, and on every metric but the Tournament Score's.
    const move = fc.oneof(
      fc.constant(0),
      fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      fc.integer({ min: -10_000, max: 10_000 }).map((k) => k * 1e-8),
      fc.constantFrom(-1, -2),
    );
    fc.assert(
      fc.property(
        fc.array(move, { maxLength: 300 }),
        fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { maxLength: 10 }),
        fc.constantFrom(252, 8_760),
        fc.constantFrom(0, 0.04),
        (moves, trades, periodsPerYear, riskFree) => {
          const parameters = { periodsPerYear, riskFreeRatePerYear: riskFree, markets: 1 };
          const full = createRunningStatistics(parameters);
          const lean = createRunningStatistics({ ...parameters, tournament: false });
          let equity = 10_000;
          for (const [k, m] of [0, ...moves].entries()) {
            if (k > 0) equity = Math.round(equity * (1 + m) * 1e8) / 1e8;
            addMark(full, equity);
            addMark(lean, equity);
            if (k % 7 === 0 && trades.length > 0) {
              const pnl = trades[k % trades.length] as number;
              addClosedTrade(full, pnl);
              addClosedTrade(lean, pnl);
            }
            for (const key of LEAN_KEYS)
              if (!Object.is(lean[key], full[key])) expect([key, lean[key]]).toEqual([key, full[key]]);
            const metrics = (s: RunningStatistics) => [
              runningTotalReturnValue(s),
              runningSharpeRatioValue(s),
              runningMaxDrawdownValue(s),
              runningWinRateValue(s),
              runningTotalPnl(s),
              runningCalmarRatio(s),
              runningProfitFactor(s),
              runningDiversification(s),
            ];
            expect(metrics(lean)).toEqual(metrics(full));
          }
        },
      ),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 200) },
    );
  });

  it("refuse to give the Tournament Score's metrics when they are not kept", () => {
    const lean = createRunningStatistics({
      periodsPerYear: 252,
      riskFreeRatePerYear: 0,
      markets: 1,
      tournament: false,
    });
    for (const value of [100, 90, 120]) addMark(lean, value);
    expect(() => runningSortinoRatio(lean)).toThrow(UntrackedStatisticError);
    expect(() => runningConsistencyScore(lean)).toThrow(UntrackedStatisticError);
    expect(() => runningTurnover(lean)).toThrow(UntrackedStatisticError);
  });

  it("bound the Sharpe and return values as boundMetricValue does (NaN for null, −0 as 0)", () => {
    // Two returns whose squared deviation is 1 and one period a year: Sharpe = meanExcess exactly,
    // so any double goes through the bound as is (the reference is metrics/metric.ts).
    const stats = createRunningStatistics({ periodsPerYear: 1, riskFreeRatePerYear: 0, markets: 1 });
    stats.marks = 3;
    stats.squaredDeviations = 1;
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(0, -0, METRIC_VALUE_LIMIT, -METRIC_VALUE_LIMIT, Number.MIN_VALUE, -Number.MIN_VALUE),
      fc.double({ min: -2 * METRIC_VALUE_LIMIT, max: 2 * METRIC_VALUE_LIMIT }),
    );
    fc.assert(
      fc.property(value, (v) => {
        stats.meanExcess = v;
        expect(Object.is(runningSharpeRatioValue(stats), boundMetricValue(v) ?? Number.NaN)).toBe(true);
        // Total return last / first − 1: first 1, last v + 1 (rounded as the division would).
        stats.first = 1;
        stats.last = v + 1;
        expect(Object.is(runningTotalReturnValue(stats), boundMetricValue(v + 1 - 1) ?? Number.NaN)).toBe(true);
      }),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 300) },
    );
  });

  it("give each metric as a number, NaN for null", () => {
    const stats = createRunningStatistics({ periodsPerYear: 252, riskFreeRatePerYear: 0, markets: 1 });
    const pairs = () => [
      [runningTotalReturnValue(stats), runningTotalReturn(stats)],
      [runningSharpeRatioValue(stats), runningSharpeRatio(stats)],
      [runningMaxDrawdownValue(stats), runningMaxDrawdown(stats)],
      [runningWinRateValue(stats), runningWinRate(stats)],
    ];
    // writeRankingMetrics writes the same four values (the live ranking's refresh).
    const written = new Float64Array(6);
    const expectWritten = () => {
      writeRankingMetrics(stats, written, 1);
      expect([...written.subarray(1, 5)]).toEqual(pairs().map(([value]) => value));
    };
    // No marks: every metric is null.
    expect(pairs().map(([value]) => value)).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expectWritten();
    for (const value of [100, 100, 100, 90, 120]) {
      addMark(stats, value);
      for (const [value, metric] of pairs()) expect(value).toBe(metric ?? Number.NaN);
      expectWritten();
    }
    addClosedTrade(stats, 5);
    // Marks 100, 100, 100, 90, 120: return 120 / 100 − 1; drawdown 1 − 90 / 100; one winning trade.
    expect(pairs().map(([value]) => value)).toEqual([120 / 100 - 1, expect.any(Number), 1 - 90 / 100, 1]);
    for (const [value, metric] of pairs()) expect(value).toBe(metric);
  });
});

/** What statistics created with `tournament: false` keep (and update as the full ones do). */
const LEAN_KEYS = [
  "marks",
  "first",
  "last",
  "peak",
  "trough",
  "worstDrawdown",
  "bust",
  "meanExcess",
  "squaredDeviations",
  "closedTrades",
  "wins",
  "grossProfit",
  "grossLoss",
] as const satisfies readonly (keyof RunningStatistics)[];

/**
 * The reference for addMark: every recurrence written out as defined (Welford's mean and squared
 * deviations of excess returns, the drawdown against the peak at every mark, Welford's co-moments
 * of the cumulative log return on its index), with none of addMark's shortcuts.
 */
function welfordMark(s: RunningStatistics, equity: number): void {
  if (s.bust) return;
  if (s.marks === 0) {
    s.first = equity;
    s.peak = equity;
    s.blockStartEquity = equity;
  } else {
    const r = equity / s.last - 1;
    const n = s.marks;
    const excess = r - s.riskFreePerPeriod;
    const delta = excess - s.meanExcess;
    s.meanExcess += delta / n;
    s.squaredDeviations += delta * (excess - s.meanExcess);
    if (excess < 0) s.downsideSquares += excess * excess;
    if (equity > s.peak) s.peak = equity;
    else if (equity < s.peak) s.worstDrawdown = Math.max(s.worstDrawdown, 1 - equity / s.peak);
    s.blockReturns += 1;
    if (s.blockReturns === s.subPeriodLength) {
      s.blocks += 1;
      if (equity > s.blockStartEquity) s.positiveBlocks += 1;
      s.blockStartEquity = equity;
      s.blockReturns = 0;
    }
    if (equity > 0) {
      s.cumulativeLog += Math.log1p(r);
      const x = n - 1;
      const y = s.cumulativeLog;
      const dx = x - s.meanX;
      const dy = y - s.meanY;
      s.meanX += dx / n;
      s.meanY += dy / n;
      s.sxx += dx * (x - s.meanX);
      s.syy += dy * (y - s.meanY);
      s.sxy += dx * (y - s.meanY);
    }
  }
  s.last = equity;
  s.equitySum += equity;
  s.marks += 1;
  if (equity <= 0) s.bust = true;
}

/** Every statistic but addMark's own `trough`, compared bit for bit (Object.is: −0 ≠ 0, NaN = NaN). */
function expectSameStatistics(actual: RunningStatistics, expected: RunningStatistics) {
  const { trough: _a, tradedNotional: _b, ...values } = actual;
  const { trough: _c, tradedNotional: _d, ...reference } = expected;
  for (const [key, value] of Object.entries(values)) {
    if (!Object.is(value, reference[key as keyof typeof reference]))
      expect([key, value]).toEqual([key, reference[key as keyof typeof reference]]);
  }
}
