/**
 * The live leaderboard orders entrants exactly as the scoring module's rankers would on the same
 * values: rankLlmTrader (seed 001), rankByTotalPnl (seed 002), scoreTournament (seed 003). Those
 * independent implementations give the expected orders.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { type EntrantStatus, isFinalStatus } from "../domain/entrantStatus.ts";
import { METRIC_VALUE_LIMIT, type MetricValue } from "../metrics/metric.ts";
import { defaultLlmTraderTolerances, rankLlmTrader } from "../scoring/llmTraderRanking.ts";
import { rankByTotalPnl } from "../scoring/totalPnlRanking.ts";
import { scoreTournament } from "../scoring/tournamentScore.ts";
import {
  createLiveRanking,
  liveTournamentMetrics,
  refreshStandingRow,
  type StandingRow,
  type StandingsSnapshot,
  totalPnlOf,
} from "./liveRanking.ts";
import {
  addClosedTrade,
  addMark,
  createRunningStatistics,
  type RunningStatistics,
  runningCalmarRatio,
  runningMaxDrawdown,
  runningSharpeRatio,
  runningTotalReturn,
  runningWinRate,
} from "./runningStatistics.ts";
import type { Standing } from "./standing.ts";

// ±METRIC_VALUE_LIMIT makes the grids' spans too wide for the one-number sort: both sorts are exercised.
const metric = fc.option(
  fc.constantFrom(-1.5, -0.004, 0, 0.0049, 0.005, 0.25, 1, 1.004, 2, METRIC_VALUE_LIMIT, -METRIC_VALUE_LIMIT),
  { nil: null },
);

/** The rows' starting capital: their scored equity is this plus their total P&L. */
const CAPITAL = 1_000n;

const setTotalPnl = (r: StandingRow, totalPnl: bigint) => {
  r.scoredEquity = r.startingCapital + totalPnl;
};

function row(
  i: number,
  values: Partial<Omit<StandingRow, "calmarRatio">> & { calmarRatio?: MetricValue; totalPnl?: bigint },
): StandingRow {
  const { calmarRatio = null, totalPnl = 0n, ...rest } = values;
  // Calmar must be a function of the statistics it reads (the ranking takes rows with equal ones as
  // equal on Calmar): these rows' statistics carry the chosen Calmar in `last`.
  const stats = createRunningStatistics({ periodsPerYear: 8_760, riskFreeRatePerYear: 0, markets: 1 });
  stats.last = calmarRatio ?? Number.NEGATIVE_INFINITY;
  return {
    entrantId: String(i),
    name: `e${i}`,
    modelFamily: "f",
    status: "active",
    stats,
    totalReturn: null,
    sharpeRatio: null,
    maxDrawdown: null,
    winRate: null,
    scoredEquity: CAPITAL + totalPnl,
    startingCapital: CAPITAL,
    trades: 0,
    durationSeconds: 0,
    riskViolations: 0,
    ...rest,
    calmarRatio: () => calmarRatio,
  };
}

/** A season's row over real running statistics; Calmar is runningCalmarRatio, as in createSeason. */
function seasonRow(i: number, stats: RunningStatistics): StandingRow {
  return {
    ...row(i, {}),
    stats,
    calmarRatio: () => runningCalmarRatio(stats),
  };
}

/**
 * The standings from scratch: rankLlmTrader over the running metrics of the ranked entrants, the
 * unranked after them in registration order, rank changes from the previous round's ranks.
 */
function expectedStandings(rows: readonly StandingRow[], previous: Map<string, number>): Standing[] {
  const ranked = rows.filter((r) => r.status !== "disqualified" && r.status !== "forfeited");
  const order = rankLlmTrader({
    entries: ranked.map((r) => ({
      entrantId: r.entrantId,
      sharpeRatio: runningSharpeRatio(r.stats),
      totalReturn: runningTotalReturn(r.stats),
      calmarRatio: runningCalmarRatio(r.stats),
      maxDrawdown: runningMaxDrawdown(r.stats),
      winRate: runningWinRate(r.stats),
    })),
  });
  const byId = new Map(rows.map((r) => [r.entrantId, r]));
  const standing = (r: StandingRow, rank: number | null): Standing => {
    const before = previous.get(r.entrantId) ?? null;
    return {
      rank,
      rankChange: rank === null || before === null ? null : before - rank,
      entrantId: r.entrantId,
      name: r.name,
      modelFamily: r.modelFamily,
      status: r.status,
      totalReturn: runningTotalReturn(r.stats),
      totalPnl: totalPnlOf(r),
      sharpeRatio: runningSharpeRatio(r.stats),
      maxDrawdown: runningMaxDrawdown(r.stats),
      winRate: runningWinRate(r.stats),
      trades: r.trades,
      durationSeconds: r.durationSeconds,
      score: null,
    };
  };
  return [
    ...order.map((entry) => standing(byId.get(entry.entrantId) as StandingRow, entry.rank)),
    ...rows.filter((r) => !ranked.includes(r)).map((r) => standing(r, null)),
  ];
}

/** Standing by standing: a failure shows one small diff (fast-check shrinks through many failures). */
function expectStandings(actual: readonly Standing[], expected: readonly Standing[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((standing, k) => {
    expect([k, standing]).toEqual([k, expected[k]]);
  });
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

  it("ranks a season round after round as from scratch, through refresh() and refreshStandingRow alike", () => {
    // Entrants follow a few shared equity paths (clones tie on every metric; flat paths tie at a null
    // Sharpe), some with moves of their own; some leave the season (frozen, or unranked when
    // disqualified or forfeited), some pause for a round. Each path also comes with its moves swapped
    // in pairs: after an even round both have had the same moves, so they tie on Sharpe and return
    // (up to the last bits) and Calmar, from different drawdowns, decides.
    const move = fc.constantFrom(0, 0, 0.0004, -0.0004, 0.003, -0.006, 0.02, -0.05);
    const plan = fc.integer({ min: 1, max: 14 }).chain((rounds) =>
      fc.record({
        paths: fc.array(fc.array(move, { minLength: rounds, maxLength: rounds }), { minLength: 1, maxLength: 3 }),
        entrants: fc.array(
          fc.record({
            path: fc.nat(),
            own: fc.option(fc.tuple(fc.nat(), move), { nil: undefined }),
            tradeEvery: fc.integer({ min: 1, max: 4 }),
            change: fc.option(
              fc.tuple(
                fc.nat(),
                fc.constantFrom<EntrantStatus>("paused", "terminated", "eliminated", "disqualified", "forfeited"),
              ),
              { nil: undefined },
            ),
          }),
          { minLength: 1, maxLength: 24 },
        ),
      }),
    );
    fc.assert(
      fc.property(plan, ({ paths: given, entrants }) => {
        const rounds = (given[0] as number[]).length;
        const paths = [
          ...given,
          ...given.map((path) => path.map((_, k) => path[k % 2 === 0 ? Math.min(k + 1, rounds - 1) : k - 1] as number)),
        ];
        // Weekly marks: over a few marks an hourly annualization takes Calmar to its ±1e6 bound, where
        // it would never decide.
        const stats = entrants.map(() => {
          const s = createRunningStatistics({ periodsPerYear: 52, riskFreeRatePerYear: 0.04, markets: 1 });
          addMark(s, 10_000);
          return s;
        });
        // Two rankings over two sets of rows on the same statistics: one refreshed through refresh().
        const viaRefresh = stats.map((s, i) => seasonRow(i, s));
        const viaRows = stats.map((s, i) => seasonRow(i, s));
        const refreshing = createLiveRanking(llmtraderSeason.scoring);
        const reading = createLiveRanking(llmtraderSeason.scoring);
        const snapshots: [StandingsSnapshot, StandingsSnapshot, Standing[]][] = [];
        let previous = new Map<string, number>();
        for (let round = 0; round < rounds; round++) {
          entrants.forEach((entrant, i) => {
            const a = viaRefresh[i] as StandingRow;
            const b = viaRows[i] as StandingRow;
            if (isFinalStatus(a.status)) return; // out of the season: no more rounds, figures frozen
            const s = stats[i] as RunningStatistics;
            const path = paths[entrant.path % paths.length] as number[];
            let r = path[round] as number;
            if (entrant.own !== undefined && entrant.own[0] % rounds === round) r += entrant.own[1];
            addMark(s, Math.round(s.last * (1 + r) * 1e8) / 1e8);
            if (round % entrant.tradeEvery === 0) addClosedTrade(s, r * 1_000);
            const status: EntrantStatus =
              entrant.change !== undefined && entrant.change[0] % rounds === round ? entrant.change[1] : "active";
            const totalPnl = BigInt(Math.round((s.last - s.first) * 1e8));
            for (const row of [a, b]) {
              row.status = status;
              setTotalPnl(row, totalPnl);
              row.trades = s.closedTrades;
              row.durationSeconds = (round + 1) * 3_600;
            }
            refreshing.refresh(i, a);
            refreshStandingRow(b);
          });
          const expected = expectedStandings(viaRows, previous);
          previous = new Map(expected.flatMap((s) => (s.rank === null ? [] : [[s.entrantId, s.rank]])));
          const pair: [StandingsSnapshot, StandingsSnapshot, Standing[]] = [
            refreshing.snapshot(viaRefresh),
            reading.snapshot(viaRows),
            expected,
          ];
          snapshots.push(pair);
          // Every other round is read at once, the others only after the season (still the same).
          if (round % 2 === 0) {
            expectStandings(pair[0].standings(), expected);
            expectStandings(pair[1].standings(), expected);
          }
        }
        for (const [a, b, expected] of snapshots) {
          expectStandings(a.standings(), expected);
          expectStandings(b.standings(), expected);
          expect(a.standings()).toBe(a.standings()); // built once
        }
      }),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 200) },
    );
  });

  it("reads a row from its fields when another object takes the place of a refreshed one", () => {
    const ranking = createLiveRanking(llmtraderSeason.scoring);
    const rows = [0, 1].map((i) => {
      const s = createRunningStatistics({ periodsPerYear: 8_760, riskFreeRatePerYear: 0, markets: 1 });
      for (const value of [100, 101 + i, 100 + 3 * i, 102 + 2 * i]) addMark(s, value);
      return seasonRow(i, s);
    });
    rows.forEach((r, i) => {
      ranking.refresh(i, r);
    });
    // Entrant 1's curve (100, 102, 103, 104) beats entrant 0's (100, 101, 100, 102) on Sharpe.
    expect(ranking.standings(rows).map((s) => [s.entrantId, s.sharpeRatio])).toEqual([
      ["1", runningSharpeRatio((rows[1] as StandingRow).stats)],
      ["0", runningSharpeRatio((rows[0] as StandingRow).stats)],
    ]);
    const others = [row(0, { sharpeRatio: 3 }), row(1, { sharpeRatio: 2 })];
    expect(ranking.standings(others).map((s) => [s.entrantId, s.sharpeRatio, s.rankChange])).toEqual([
      ["0", 3, 1],
      ["1", 2, -1],
    ]);
  });

  it("takes a refreshed row's status, counts and P&L for the next snapshot only, then reads them from the row", () => {
    const ranking = createLiveRanking(llmtraderSeason.scoring);
    const rows = [0, 1].map((i) => {
      const s = createRunningStatistics({ periodsPerYear: 8_760, riskFreeRatePerYear: 0, markets: 1 });
      for (const value of [100, 101 + i, 102 + i]) addMark(s, value);
      return seasonRow(i, s);
    });
    rows.forEach((r, i) => {
      r.trades = 3 + i;
      setTotalPnl(r, BigInt(i + 1));
      ranking.refresh(i, r);
    });
    // Changed after the refresh: this snapshot keeps what the refresh took.
    (rows[1] as StandingRow).trades = 99;
    expect(ranking.standings(rows).map((s) => [s.entrantId, s.rank, s.trades, s.totalPnl])).toEqual([
      ["0", 1, 3, 1n],
      ["1", 2, 4, 2n],
    ]);
    // Not refreshed since (an entrant out of the season, say): the next snapshot reads the fields.
    (rows[1] as StandingRow).status = "disqualified";
    expect(ranking.standings(rows).map((s) => [s.entrantId, s.rank, s.status, s.trades])).toEqual([
      ["0", 1, "active", 3],
      ["1", null, "disqualified", 99],
    ]);
  });

  it("orders the macro arena by exact total P&L, then registration order", () => {
    // 2^60 and 2^60 + 1 are the same double: the order must come from the exact values.
    const pnl = [5n, -3n, 5n, 12n, 0n, 2n ** 60n, 2n ** 60n + 1n, -(2n ** 60n) - 1n, -(2n ** 60n)];
    const rows = pnl.map((totalPnl, i) => row(i, { totalPnl }));
    const expected = rankByTotalPnl({ entries: pnl.map((totalPnl, i) => ({ entrantId: String(i), totalPnl })) });
    const standings = createLiveRanking({ method: "totalPnl", riskFreeRatePerYear: 0, periodsPerYear: 252 }).standings(
      rows,
    );
    expect(standings.map((s) => s.entrantId)).toEqual(expected.map((e) => e.entrantId));
    expect(standings.map((s) => s.entrantId)).toEqual(["6", "5", "3", "0", "2", "4", "1", "8", "7"]);
    // Snapshots keep the scored equity as units in a float slab: beyond 2^53 the exact bigint is kept.
    expect(standings.map((s) => s.totalPnl)).toEqual(expected.map((e) => e.totalPnl));
    expect(standings.find((s) => s.entrantId === "6")?.totalPnl).toBe(2n ** 60n + 1n);
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
    setTotalPnl(rows[0] as StandingRow, 10n);
    (rows[2] as StandingRow).status = "disqualified" satisfies EntrantStatus;
    // Entrant 0 climbs from 3rd to 1st (+2), entrant 1 stays 2nd (0), entrant 2 is out of the ranking.
    expect(ranking.standings(rows).map((s) => [s.entrantId, s.rank, s.rankChange])).toEqual([
      ["0", 1, 2],
      ["1", 2, 0],
      ["2", null, null],
    ]);
  });

  it("keeps every snapshot's standings while later rounds are ranked (snapshots share buffers)", () => {
    // 2,000 rows: a buffer holds the snapshots of about nine rounds, so 30 rounds span several.
    const n = 2_000;
    const rounds = 30;
    const ranking = createLiveRanking({ method: "totalPnl", riskFreeRatePerYear: 0, periodsPerYear: 252 });
    const rows = Array.from({ length: n }, (_, i) => row(i, {}));
    let seed = 7;
    const next = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed;
    };
    const kept: [StandingsSnapshot, [string, number | null, number | null, bigint, number, EntrantStatus][]][] = [];
    let previous = new Map<string, number>();
    for (let round = 0; round < rounds; round++) {
      for (const r of rows) {
        setTotalPnl(r, BigInt((next() % 2_001) - 1_000));
        r.trades = next() % 50;
        r.status = next() % 97 === 0 ? "disqualified" : "active";
      }
      const ranked = rows.filter((r) => r.status !== "disqualified");
      const order = rankByTotalPnl({
        entries: ranked.map((r) => ({ entrantId: r.entrantId, totalPnl: totalPnlOf(r) })),
      });
      const byId = new Map(rows.map((r) => [r.entrantId, r]));
      const expected = [
        ...order.map((entry) => byId.get(entry.entrantId) as StandingRow),
        ...rows.filter((r) => r.status === "disqualified"),
      ].map((r, k): [string, number | null, number | null, bigint, number, EntrantStatus] => {
        const rank = k < ranked.length ? k + 1 : null;
        const before = previous.get(r.entrantId);
        return [
          r.entrantId,
          rank,
          rank === null || before === undefined ? null : before - rank,
          totalPnlOf(r),
          r.trades,
          r.status,
        ];
      });
      previous = new Map(expected.flatMap(([id, rank]) => (rank === null ? [] : [[id, rank]])));
      kept.push([ranking.snapshot(rows), expected]);
    }
    for (const [snapshot, expected] of kept) {
      expect(
        snapshot.standings().map((s) => [s.entrantId, s.rank, s.rankChange, s.totalPnl, s.trades, s.status]),
      ).toEqual(expected);
    }
  });
});
