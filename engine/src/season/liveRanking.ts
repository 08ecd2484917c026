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

export type LiveRanking = {
  /** The standings after a round: ranked entrants first (best first), then the unranked in registration order. */
  standings(rows: readonly StandingRow[]): Standing[];
};

const unranked = (status: EntrantStatus) => status === "disqualified" || status === "forfeited";

/**
 * Ranks the leaderboard after every round by the season's own method, on the running metrics:
 * - llmtrader (seed 001): Sharpe, then total return, then Calmar, each on the season's "similar"
 *   grid, then lower max drawdown, then higher win rate, then registration order: the order of
 *   `rankLlmTrader` (scoring/llmTraderRanking.ts), computed on numeric keys;
 * - totalPnl (seed 002): total P&L, exactly, then registration order (`rankByTotalPnl`);
 * - tournament methods (seed 003): the Tournament Score of `scoreTournament` over the running metrics.
 * Rounds are sorted starting from the previous round's order, which TimSort finishes in about
 * linear time when few places change. Disqualified and forfeited entrants are not ranked.
 */
export function createLiveRanking(scoring: ScoringSettings): LiveRanking {
  let order: number[] = [];
  let previousRanks: (number | null)[] | undefined;
  const tolerances = scoring.tolerances ?? defaultLlmTraderTolerances;
  let keys = new Float64Array(0);
  const KEYS = 5;

  const llmTraderOrder = (rows: readonly StandingRow[], ranked: number[]) => {
    if (keys.length < rows.length * KEYS) keys = new Float64Array(rows.length * KEYS);
    const grid = (value: MetricValue, step: number) =>
      value === null ? Number.NEGATIVE_INFINITY : Math.round(value / step);
    const plain = (value: MetricValue) => (value === null ? Number.NEGATIVE_INFINITY : value);
    for (const i of ranked) {
      const row = rows[i] as StandingRow;
      const at = i * KEYS;
      keys[at] = grid(row.sharpeRatio, tolerances.sharpeRatio);
      keys[at + 1] = grid(row.totalReturn, tolerances.totalReturn);
      // Calmar (a log and an exp) is computed only when Sharpe and return tie: NaN = not yet.
      keys[at + 2] = Number.NaN;
      keys[at + 3] = row.maxDrawdown === null ? Number.NEGATIVE_INFINITY : -row.maxDrawdown;
      keys[at + 4] = plain(row.winRate);
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
    ranked.sort((a, b) => {
      const ka = a * KEYS;
      const kb = b * KEYS;
      for (let k = 0; k < KEYS; k++) {
        const x = k === 2 ? calmarKey(a) : (keys[ka + k] as number);
        const y = k === 2 ? calmarKey(b) : (keys[kb + k] as number);
        if (x !== y) return x > y ? -1 : 1;
      }
      return a - b;
    });
    return undefined;
  };

  const totalPnlOrder = (rows: readonly StandingRow[], ranked: number[]) => {
    ranked.sort((a, b) => {
      const x = (rows[a] as StandingRow).totalPnl;
      const y = (rows[b] as StandingRow).totalPnl;
      return x === y ? a - b : x > y ? -1 : 1;
    });
    return undefined;
  };

  const tournamentOrder = (rows: readonly StandingRow[], ranked: number[]) => {
    const config: TournamentScoringConfig = { method: scoring.method as TournamentScoringConfig["method"] };
    if (scoring.weights !== undefined) config.weights = scoring.weights;
    if (scoring.penalties !== undefined) config.penalties = scoring.penalties;
    const registration = [...ranked].sort((a, b) => a - b);
    const scored = scoreTournament({
      scoring: config,
      entries: registration.map((i) => {
        const row = rows[i] as StandingRow;
        return { entrantId: String(i), metrics: liveTournamentMetrics(row.stats), riskViolations: row.riskViolations };
      }),
    });
    const scores = new Map<number, number>();
    ranked.length = 0;
    for (const entry of scored) {
      const i = Number(entry.entrantId);
      ranked.push(i);
      scores.set(i, entry.score);
    }
    return scores;
  };

  const sorter =
    scoring.method === "llmtrader" ? llmTraderOrder : scoring.method === "totalPnl" ? totalPnlOrder : tournamentOrder;

  return {
    standings(rows) {
      if (order.length !== rows.length) order = rows.map((_, i) => i);
      const ranked = order.filter((i) => !unranked((rows[i] as StandingRow).status));
      const scores = sorter(rows, ranked);
      const ranks: (number | null)[] = new Array(rows.length).fill(null);
      ranked.forEach((i, position) => {
        ranks[i] = position + 1;
      });
      const out: Standing[] = [];
      const place = (i: number) => {
        const row = rows[i] as StandingRow;
        const rank = ranks[i] ?? null;
        const before = previousRanks?.[i] ?? null;
        out.push({
          rank,
          rankChange: rank === null || before === null ? null : before - rank,
          entrantId: row.entrantId,
          name: row.name,
          modelFamily: row.modelFamily,
          status: row.status,
          totalReturn: row.totalReturn,
          totalPnl: row.totalPnl,
          sharpeRatio: row.sharpeRatio,
          maxDrawdown: row.maxDrawdown,
          winRate: row.winRate,
          trades: row.trades,
          durationSeconds: row.durationSeconds,
          score: scores?.get(i) ?? null,
        });
      };
      for (const i of ranked) place(i);
      for (let i = 0; i < rows.length; i++) if (ranks[i] === null) place(i);
      // Next round starts from this order (ranked, then the rest), so a stable leaderboard sorts in ~linear time.
      order = [...ranked, ...rows.map((_, i) => i).filter((i) => ranks[i] === null)];
      previousRanks = ranks;
      return out;
    },
  };
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
