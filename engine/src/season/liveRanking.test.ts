/**
 * The live leaderboard orders entrants exactly as the scoring module's rankers would on the same
 * values: rankLlmTrader (seed 001), rankByTotalPnl (seed 002), scoreTournament (seed 003). Those
 * independent implementations give the expected orders.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import { METRIC_VALUE_LIMIT, type MetricValue } from "../metrics/metric.ts";
import { defaultLlmTraderTolerances, rankLlmTrader } from "../scoring/llmTraderRanking.ts";
import { rankByTotalPnl } from "../scoring/totalPnlRanking.ts";
import { scoreTournament } from "../scoring/tournamentScore.ts";
import { createLiveRanking, liveTournamentMetrics, type StandingRow } from "./liveRanking.ts";
import { addClosedTrade, addMark, createRunningStatistics } from "./runningStatistics.ts";

// ±METRIC_VALUE_LIMIT makes the grids' spans too wide for the one-number sort: both sorts are exercised.
const metric = fc.option(
  fc.constantFrom(-1.5, -0.004, 0, 0.0049, 0.005, 0.25, 1, 1.004, 2, METRIC_VALUE_LIMIT, -METRIC_VALUE_LIMIT),
  { nil: null },
);

function row(
  i: number,
  values: Partial<Omit<StandingRow, "calmarRatio">> & { calmarRatio?: MetricValue },
): StandingRow {
  const { calmarRatio = null, ...rest } = values;
  return {
    entrantId: String(i),
    name: `e${i}`,
    modelFamily: "f",
    status: "active",
    stats: createRunningStatistics({ periodsPerYear: 8_760, riskFreeRatePerYear: 0, markets: 1 }),
    totalReturn: null,
    sharpeRatio: null,
    maxDrawdown: null,
    winRate: null,
    totalPnl: 0n,
    trades: 0,
    durationSeconds: 0,
    riskViolations: 0,
    ...rest,
    calmarRatio: () => calmarRatio,
  };
}

describe("live ranking", () => {
  it("orders an LLMTrader season as rankLlmTrader does, ties and nulls included", () => {
    const ranking = createLiveRanking(llmtraderSeason.scoring);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sharpeRatio: metric,
            totalReturn: metric,
            calmarRatio: metric,
            maxDrawdown: metric,
            winRate: metric,
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (values) => {
          const rows = values.map((value, i) => row(i, value));
          const expected = rankLlmTrader({
            entries: values.map((value, i) => ({ entrantId: String(i), ...value })),
            tolerances: llmtraderSeason.scoring.tolerances ?? defaultLlmTraderTolerances,
          });
          const standings = createLiveRanking(llmtraderSeason.scoring).standings(rows);
          expect(standings.map((standing) => [standing.entrantId, standing.rank])).toEqual(
            expected.map((entry) => [entry.entrantId, entry.rank]),
          );
          // A ranking that starts from the previous round's order gives the same result.
          expect(ranking.standings(rows).map((standing) => [standing.entrantId, standing.rank])).toEqual(
            expected.map((entry) => [entry.entrantId, entry.rank]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("orders the macro arena by exact total P&L, then registration order", () => {
    const pnl = [5n, -3n, 5n, 12n, 0n];
    const rows = pnl.map((totalPnl, i) => row(i, { totalPnl }));
    const expected = rankByTotalPnl({ entries: pnl.map((totalPnl, i) => ({ entrantId: String(i), totalPnl })) });
    const standings = createLiveRanking({ method: "totalPnl", riskFreeRatePerYear: 0, periodsPerYear: 252 }).standings(
      rows,
    );
    expect(standings.map((s) => s.entrantId)).toEqual(expected.map((e) => e.entrantId));
    expect(standings.map((s) => s.entrantId)).toEqual(["3", "0", "2", "4", "1"]);
  });

  it("scores tournaments live with scoreTournament over the running metrics", () => {
    const rows = [0, 1, 2].map((i) => {
      const r = row(i, {});
      for (const value of [100, 100 + i, 99 + 2 * i, 101 + i]) addMark(r.stats, value);
      addClosedTrade(r.stats, i - 1);
      return r;
    });
    const scoring = { method: "risk_adjusted" as const, riskFreeRatePerYear: 0, periodsPerYear: 8_760 };
    const standings = createLiveRanking(scoring).standings(rows);
    const expected = scoreTournament({
      scoring: { method: "risk_adjusted" },
      entries: rows.map((r, i) => ({
        entrantId: String(i),
        metrics: liveTournamentMetrics(r.stats),
        riskViolations: 0,
      })),
    });
    expect(standings.map((s) => [s.entrantId, s.rank, s.score])).toEqual(
      expected.map((e) => [e.entrantId, e.rank, e.score]),
    );
  });

  it("reports rank changes between rounds and leaves disqualified and forfeited entrants unranked", () => {
    const ranking = createLiveRanking({ method: "totalPnl", riskFreeRatePerYear: 0, periodsPerYear: 252 });
    const rows = [row(0, { totalPnl: 1n }), row(1, { totalPnl: 2n }), row(2, { totalPnl: 3n })];
    expect(ranking.standings(rows).map((s) => [s.entrantId, s.rank, s.rankChange])).toEqual([
      ["2", 1, null],
      ["1", 2, null],
      ["0", 3, null],
    ]);
    (rows[0] as StandingRow).totalPnl = 10n;
    (rows[2] as StandingRow).status = "disqualified" satisfies EntrantStatus;
    // Entrant 0 climbs from 3rd to 1st (+2), entrant 1 stays 2nd (0), entrant 2 is out of the ranking.
    expect(ranking.standings(rows).map((s) => [s.entrantId, s.rank, s.rankChange])).toEqual([
      ["0", 1, 2],
      ["1", 2, 0],
      ["2", null, null],
    ]);
  });
});
