/**
 * The running statistics must agree with the batch metrics (metrics/*.ts, empyrical's definitions)
 * on every series: the expected values are computePerformanceMetrics over the same marks and trades,
 * an independent two-pass implementation. Agreement is to 1e-9 relative: the running sums are
 * accumulated in another order (Welford), so the last digits may differ.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { METRIC_VALUE_LIMIT, type MetricValue } from "../metrics/metric.ts";
import { computePerformanceMetrics } from "../metrics/performanceMetrics.ts";
import {
  addClosedTrade,
  addMark,
  createRunningStatistics,
  runningCalmarRatio,
  runningConsistencyScore,
  runningDiversification,
  runningMaxDrawdown,
  runningProfitFactor,
  runningSharpeRatio,
  runningSortinoRatio,
  runningTotalPnl,
  runningTotalReturn,
  runningTurnover,
  runningWinRate,
} from "./runningStatistics.ts";

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
});
