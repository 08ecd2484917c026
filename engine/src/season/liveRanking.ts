import type { ScoringSettings } from "../config/seasonRules.ts";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import type { MetricValue } from "../metrics/metric.ts";
import type { Fixed } from "../money/fixed.ts";
import { defaultLlmTraderTolerances } from "../scoring/llmTraderRanking.ts";
import { scoreTournament, type TournamentMetrics } from "../scoring/tournamentScore.ts";
import type { TournamentScoringConfig } from "../scoring/tournamentScoringConfig.ts";
import {
  type RunningStatistics,
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
import type { Standing } from "./standing.ts";

/**
 * What the live ranking reads of one entrant; rows are given in registration order, always the same
 * objects. The metric fields are refreshed from `stats` (refreshStandingRow) after each of the
 * entrant's rounds, and stay as they are once it is out of the season.
 */
export type StandingRow = {
  entrantId: string;
  name: string;
  modelFamily: string;
  status: EntrantStatus;
  stats: RunningStatistics;
  totalReturn: MetricValue;
  sharpeRatio: MetricValue;
  /** Computed on demand (a log and an exp): the ranking needs it only when Sharpe and return tie. */
  calmarRatio(): MetricValue;
  maxDrawdown: MetricValue;
  winRate: MetricValue;
  /** Scored equity − starting capital (exact). */
  totalPnl: Fixed;
  trades: number;
  durationSeconds: number;
  riskViolations: number;
};

/**
 * The leaderboard after one round, kept compact (typed arrays): the Standing objects are built on
 * first read. A season ranks every round but most rounds' standings are never read as objects.
 */
export type StandingsSnapshot = {
  readonly count: number;
  /** The standings, built once and memoized: ranked entrants first (best first), then the unranked in registration order. */
  standings(): Standing[];
};

export type LiveRanking = {
  /** Ranks the rows after a round and keeps their values at that moment. */
  snapshot(rows: readonly StandingRow[]): StandingsSnapshot;
  /** snapshot(rows).standings(). */
  standings(rows: readonly StandingRow[]): Standing[];
};

const unranked = (status: EntrantStatus) => status === "disqualified" || status === "forfeited";

/** Values copied per row into a snapshot (NaN stands for null). */
const FIELDS = 7;
const nullable = (value: MetricValue) => (value === null ? Number.NaN : value);
const metricOf = (value: number): MetricValue => (Number.isNaN(value) ? null : value);

/**
 * Ranks the leaderboard after every round by the season's own method, on the running metrics:
 * - llmtrader (seed 001): Sharpe, then total return, then Calmar, each on the season's "similar"
 *   grid, then lower max drawdown, then higher win rate, then registration order: the order of
 *   `rankLlmTrader` (scoring/llmTraderRanking.ts), computed on numeric keys;
 * - totalPnl (seed 002): total P&L, exactly, then registration order (`rankByTotalPnl`);
 * - tournament methods (seed 003): the Tournament Score of `scoreTournament` over the running metrics.
 * The orders are total (registration order breaks every tie), so any sorting algorithm gives the
 * same result: each round insertion-sorts the previous round's order, linear when few places
 * change, and falls back to a comparison sort when many do. Disqualified and forfeited entrants are
 * not ranked.
 */
export function createLiveRanking(scoring: ScoringSettings): LiveRanking {
  let order = new Int32Array(0);
  let previousRanks = new Int32Array(0);
  const tolerances = scoring.tolerances ?? defaultLlmTraderTolerances;
  let keys = new Float64Array(0);
  const KEYS = 5;

  /** Sorts ranked[0..count) by `before` (a strict total order): insertion sort, or Array sort past a budget. */
  const sortRanked = (ranked: Int32Array, count: number, before: (a: number, b: number) => boolean) => {
    let budget = 16 * count;
    for (let i = 1; i < count; i++) {
      const x = ranked[i] as number;
      let j = i - 1;
      while (j >= 0 && before(x, ranked[j] as number)) {
        ranked[j + 1] = ranked[j] as number;
        j--;
        budget--;
      }
      ranked[j + 1] = x;
      if (budget < 0) {
        const rest = Array.from(ranked.subarray(0, count));
        rest.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
        ranked.set(rest);
        return;
      }
    }
  };

  const llmTraderOrder = (rows: readonly StandingRow[], ranked: Int32Array, count: number) => {
    if (keys.length < rows.length * KEYS) keys = new Float64Array(rows.length * KEYS);
    const grid = (value: MetricValue, step: number) =>
      value === null ? Number.NEGATIVE_INFINITY : Math.round(value / step);
    for (let k = 0; k < count; k++) {
      const i = ranked[k] as number;
      const row = rows[i] as StandingRow;
      const at = i * KEYS;
      keys[at] = grid(row.sharpeRatio, tolerances.sharpeRatio);
      keys[at + 1] = grid(row.totalReturn, tolerances.totalReturn);
      // Calmar (a log and an exp) is computed only when Sharpe and return tie: NaN = not yet.
      keys[at + 2] = Number.NaN;
      keys[at + 3] = row.maxDrawdown === null ? Number.NEGATIVE_INFINITY : -row.maxDrawdown;
      keys[at + 4] = row.winRate === null ? Number.NEGATIVE_INFINITY : row.winRate;
    }
    const calmarKey = (i: number) => {
      const at = i * KEYS + 2;
      let value = keys[at] as number;
      if (Number.isNaN(value)) {
        value = grid((rows[i] as StandingRow).calmarRatio(), tolerances.calmarRatio);
        keys[at] = value;
      }
      return value;
    };
    sortRanked(ranked, count, (a, b) => {
      const ka = a * KEYS;
      const kb = b * KEYS;
      let x = keys[ka] as number;
      let y = keys[kb] as number;
      if (x !== y) return x > y;
      x = keys[ka + 1] as number;
      y = keys[kb + 1] as number;
      if (x !== y) return x > y;
      x = calmarKey(a);
      y = calmarKey(b);
      if (x !== y) return x > y;
      x = keys[ka + 3] as number;
      y = keys[kb + 3] as number;
      if (x !== y) return x > y;
      x = keys[ka + 4] as number;
      y = keys[kb + 4] as number;
      if (x !== y) return x > y;
      return a < b;
    });
    return undefined;
  };

  const totalPnlOrder = (rows: readonly StandingRow[], ranked: Int32Array, count: number) => {
    sortRanked(ranked, count, (a, b) => {
      const x = (rows[a] as StandingRow).totalPnl;
      const y = (rows[b] as StandingRow).totalPnl;
      return x === y ? a < b : x > y;
    });
    return undefined;
  };

  const tournamentOrder = (rows: readonly StandingRow[], ranked: Int32Array, count: number) => {
    const config: TournamentScoringConfig = { method: scoring.method as TournamentScoringConfig["method"] };
    if (scoring.weights !== undefined) config.weights = scoring.weights;
    if (scoring.penalties !== undefined) config.penalties = scoring.penalties;
    const registration = Array.from(ranked.subarray(0, count)).sort((a, b) => a - b);
    const scored = scoreTournament({
      scoring: config,
      entries: registration.map((i) => {
        const row = rows[i] as StandingRow;
        return { entrantId: String(i), metrics: liveTournamentMetrics(row.stats), riskViolations: row.riskViolations };
      }),
    });
    const scores = new Float64Array(rows.length).fill(Number.NaN);
    scored.forEach((entry, position) => {
      const i = Number(entry.entrantId);
      ranked[position] = i;
      scores[i] = entry.score;
    });
    return scores;
  };

  const sorter =
    scoring.method === "llmtrader" ? llmTraderOrder : scoring.method === "totalPnl" ? totalPnlOrder : tournamentOrder;

  const snapshot = (rows: readonly StandingRow[]): StandingsSnapshot => {
    const n = rows.length;
    if (order.length !== n) {
      order = Int32Array.from({ length: n }, (_, i) => i);
      previousRanks = new Int32Array(n);
    }
    // The ranked entrants in last round's order, then the unranked in registration order.
    const next = new Int32Array(n);
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      if (!unranked((rows[i] as StandingRow).status)) next[count++] = i;
    }
    const scores = sorter(rows, next, count);
    let tail = count;
    const ranks = new Int32Array(n); // 0 = not ranked
    for (let k = 0; k < count; k++) ranks[next[k] as number] = k + 1;
    for (let i = 0; i < n; i++) if (ranks[i] === 0) next[tail++] = i;
    const before = previousRanks;
    const values = new Float64Array(n * FIELDS);
    const statuses: EntrantStatus[] = new Array(n);
    const totalPnls: Fixed[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = rows[i] as StandingRow;
      const at = i * FIELDS;
      values[at] = nullable(row.totalReturn);
      values[at + 1] = nullable(row.sharpeRatio);
      values[at + 2] = nullable(row.maxDrawdown);
      values[at + 3] = nullable(row.winRate);
      values[at + 4] = row.trades;
      values[at + 5] = row.durationSeconds;
      values[at + 6] = scores === undefined ? Number.NaN : (scores[i] as number);
      statuses[i] = row.status;
      totalPnls[i] = row.totalPnl;
    }
    order = next;
    previousRanks = ranks;
    let built: Standing[] | undefined;
    return {
      count: n,
      standings() {
        if (built !== undefined) return built;
        built = new Array(n);
        for (let k = 0; k < n; k++) {
          const i = next[k] as number;
          const row = rows[i] as StandingRow;
          const at = i * FIELDS;
          const rank = ranks[i] === 0 ? null : (ranks[i] as number);
          const previous = before[i] === 0 ? null : (before[i] as number);
          built[k] = {
            rank,
            rankChange: rank === null || previous === null ? null : previous - rank,
            entrantId: row.entrantId,
            name: row.name,
            modelFamily: row.modelFamily,
            status: statuses[i] as EntrantStatus,
            totalReturn: metricOf(values[at] as number),
            totalPnl: totalPnls[i] as Fixed,
            sharpeRatio: metricOf(values[at + 1] as number),
            maxDrawdown: metricOf(values[at + 2] as number),
            winRate: metricOf(values[at + 3] as number),
            trades: values[at + 4] as number,
            durationSeconds: values[at + 5] as number,
            score: metricOf(values[at + 6] as number),
          };
        }
        return built;
      },
    };
  };

  return { snapshot, standings: (rows) => snapshot(rows).standings() };
}

/** Refreshes a row's metric fields from its running statistics (after each of the entrant's rounds). */
export function refreshStandingRow(row: StandingRow): void {
  const s = row.stats;
  row.totalReturn = runningTotalReturn(s);
  row.sharpeRatio = runningSharpeRatio(s);
  row.maxDrawdown = runningMaxDrawdown(s);
  row.winRate = runningWinRate(s);
}

/** The metrics a Tournament Score reads, from the running statistics. */
export function liveTournamentMetrics(s: RunningStatistics): TournamentMetrics {
  return {
    totalPnl: runningTotalPnl(s),
    sharpeRatio: runningSharpeRatio(s),
    sortinoRatio: runningSortinoRatio(s),
    winRate: runningWinRate(s),
    profitFactor: runningProfitFactor(s),
    consistencyScore: runningConsistencyScore(s),
    maxDrawdown: runningMaxDrawdown(s),
    diversification: runningDiversification(s),
    turnover: runningTurnover(s),
  };
}
