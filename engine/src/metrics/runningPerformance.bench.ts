/**
 * Standings after every round need total return, Sharpe and max drawdown per entrant per round.
 * Measures the incremental accumulator (createRunningPerformance) against the baseline of
 * recomputing the batch metrics from the whole series every round, and the cost of one full
 * end-of-season metrics report (computePerformanceMetrics) on an hourly season.
 */
import { reportBench } from "@podium/scripts/bench";
import { forkRandom } from "../random/seededRandom.ts";
import { maxDrawdown } from "./maxDrawdown.ts";
import { computePerformanceMetrics } from "./performanceMetrics.ts";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";
import { createRunningPerformance } from "./runningPerformance.ts";
import { sharpeRatio } from "./sharpeRatio.ts";
import { simpleReturns } from "./simpleReturns.ts";
import { totalReturn } from "./totalReturn.ts";

const HOURS = 8760;
const random = forkRandom("bench", "metrics:equity");
function equityCurve(length: number): number[] {
  const equity = [10_000];
  for (let i = 1; i < length; i++) equity.push((equity[i - 1] as number) * (1 + 0.002 * random.nextGaussian()));
  return equity;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9; // determinism-ok: benchmark timing

// Incremental: 200 entrants × 8,760 hourly rounds, a snapshot after every mark.
const curves = Array.from({ length: 200 }, () => equityCurve(HOURS));
let sink = 0;
let start = process.hrtime.bigint(); // determinism-ok
for (const curve of curves) {
  const running = createRunningPerformance({ periodsPerYear: HOURS, riskFreeRatePerYear: 0.04 });
  for (const value of curve) {
    running.mark(value);
    sink += running.snapshot().sharpeRatio ?? 0;
  }
}
const incremental = (curves.length * HOURS) / seconds(start);

// Baseline: recompute the batch metrics over the series so far, every round (one entrant, 2,000 rounds).
const baselineCurve = equityCurve(2000);
const rf = riskFreePerPeriod(0.04, HOURS);
start = process.hrtime.bigint(); // determinism-ok
for (let round = 1; round <= baselineCurve.length; round++) {
  const equity = baselineCurve.slice(0, round);
  sink += sharpeRatio({ returns: simpleReturns(equity), periodsPerYear: HOURS, riskFreePerPeriod: rf }) ?? 0;
  sink += (maxDrawdown({ equity }) ?? 0) + (totalReturn({ equity }) ?? 0);
}
const recomputed = baselineCurve.length / seconds(start);

// One full report (all 17 metrics) per entrant at the end of an hourly season.
start = process.hrtime.bigint(); // determinism-ok
for (const curve of curves) {
  const report = computePerformanceMetrics({
    equity: curve,
    periodsPerYear: HOURS,
    riskFreeRatePerYear: 0.04,
    closedTrades: [{ pnl: 1 }, { pnl: -1 }],
    fillCount: 4,
    exposure: curve.map(() => 1),
    tradedNotionalByMarket: { BTC: 1e5, ETH: 5e4 },
  });
  sink += report.sharpeRatio ?? 0;
}
const reports = curves.length / seconds(start);

if (Number.isNaN(sink)) throw new Error("unreachable: keeps the loops from being optimized away");

reportBench([
  {
    name: "engine.metrics.standings.running",
    value: Math.round(incremental),
    unit: "entrant-rounds/s",
    better: "higher",
    baseline: { name: "batch recompute every round (2,000-round series)", value: Math.round(recomputed) },
    note: "total return + Sharpe + max drawdown after every mark; 200 entrants x 8,760 hourly marks",
  },
  {
    name: "engine.metrics.report.hourlySeason",
    value: Math.round(reports),
    unit: "entrant-reports/s",
    better: "higher",
    note: "computePerformanceMetrics, all 17 metrics, 8,760 hourly marks per entrant",
  },
]);
