import type { ScoringSettings } from "../config/seasonRules.ts";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import type { MetricValue } from "../metrics/metric.ts";
import { isExactUnits } from "../money/exactMulFixed.ts";
import { exactToFixed } from "../money/exactToFixed.ts";
import type { Fixed } from "../money/fixed.ts";
import { fixedToUnits } from "../money/fixedToUnits.ts";
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
  writeRankingMetrics,
} from "./runningStatistics.ts";
import { sortRanked } from "./sortRanked.ts";
import type { Standing } from "./standing.ts";

/**
 * What the live ranking reads of one entrant; rows are given in registration order, always the same
 * objects. Its metrics are refreshed from `stats` after each of the entrant's rounds, and stay as
 * they are once it is out of the season: by LiveRanking.refresh, which keeps them in the ranking
 * and leaves the metric fields as they are, or by refreshStandingRow, which writes the fields.
 */
export type StandingRow = {
  entrantId: string;
  name: string;
  modelFamily: string;
  status: EntrantStatus;
  stats: RunningStatistics;
  totalReturn: MetricValue;
  sharpeRatio: MetricValue;
  /**
   * Calmar of `stats` (runningCalmarRatio), computed on demand (a log and an exp): the ranking needs
   * it only when Sharpe and return tie. It must depend only on the statistics Calmar reads (marks,
   * first, last, worstDrawdown, periodsPerYear): the ranking keeps a row's value while those stay
   * the same, and takes two rows whose ones are equal as equal on Calmar.
   */
  calmarRatio(): MetricValue;
  maxDrawdown: MetricValue;
  winRate: MetricValue;
  /**
   * Scored equity at the last mark, and the starting capital: the total P&L is their difference
   * (exact), computed where it is read (a bigint made per entrant and round cost about 7% of a round).
   */
  scoredEquity: Fixed;
  startingCapital: Fixed;
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
  /**
   * Computes the metrics of row `index` of the rows given to snapshot from its statistics, and its
   * Calmar inputs, while the entrant's statistics are in cache, into the ranking's arrays (the row's
   * metric fields are not written: a `number | null` field would box every value). Snapshot reads
   * them from there instead of the row's metric fields and statistics as long as the same row
   * object is at that index: once a row is refreshed this way, refresh it only this way, after
   * every change of its statistics. The row's status, trades, duration and P&L are taken too, for
   * the next snapshot only (set them before refreshing; the rows not refreshed since the last
   * snapshot are read from their fields).
   */
  refresh(index: number, row: StandingRow): void;
  /** Ranks the rows after a round and keeps their values at that moment. */
  snapshot(rows: readonly StandingRow[]): StandingsSnapshot;
  /** snapshot(rows).standings(). */
  standings(rows: readonly StandingRow[]): Standing[];
};

/** Status codes kept per row in a snapshot; from UNRANKED on, the entrant is not ranked. */
const UNRANKED = 4;
const statusCode = (status: EntrantStatus) =>
  status === "active"
    ? 0
    : status === "paused"
      ? 1
      : status === "terminated"
        ? 2
        : status === "eliminated"
          ? 3
          : status === "disqualified"
            ? 4
            : 5;
const statusOf: readonly EntrantStatus[] = [
  "active",
  "paused",
  "terminated",
  "eliminated",
  "disqualified",
  "forfeited",
];

/** Per row: total return, Sharpe, max drawdown, win rate (NaN = null), as a snapshot keeps them. */
const METRICS = 4;
/** Per row (llmtrader, each round): Sharpe grid, return grid, −max drawdown, win rate (−∞ = null). */
const KEYS = 4;
/** Per row: what Calmar reads (marks, first, last, worst drawdown, periods per year), then its grid (NaN = not computed). */
const CALMAR = 6;
const metricOf = (value: number): MetricValue => (Number.isNaN(value) ? null : value);
const noRows: readonly StandingRow[] = [];
/** Per row, what a snapshot keeps as floats: its metrics, trades and duration, scored equity in units. */
const KEPT = METRICS + 3;
/** A slab of snapshot regions: about 19 rounds of 1,000 entrants. */
const SLAB_BYTES = 1 << 20;

/**
 * The packed key is exact below 2^53: grid values within ±2^51 make every span exact, and a product
 * of spans below 2^53 keeps every packed key an exact integer.
 */
const EXACT = 2 ** 53;
const EXACT_KEY = 2 ** 51;

/**
 * Ranks the leaderboard after every round by the season's own method, on the running metrics:
 * - llmtrader (seed 001): Sharpe, then total return, then Calmar, each on the season's "similar"
 *   grid, then lower max drawdown, then higher win rate, then registration order: the order of
 *   `rankLlmTrader` (scoring/llmTraderRanking.ts), computed on numeric keys;
 * - totalPnl (seed 002): total P&L, exactly, then registration order (`rankByTotalPnl`);
 * - tournament methods (seed 003): the Tournament Score of `scoreTournament` over the running metrics.
 * The orders are total (registration order breaks every tie), so any sorting algorithm gives the
 * same result: each round re-sorts the previous round's order (sortRanked.ts) on one number per
 * row, the first two keys packed together when their grids fit in a double, the others compared
 * only on ties, Calmar computed only then. Disqualified and forfeited entrants are not ranked.
 */
export function createLiveRanking(scoring: ScoringSettings): LiveRanking {
  const method = scoring.method;
  const llmTrader = method === "llmtrader";
  const tournament = !llmTrader && method !== "totalPnl";
  const tolerances = scoring.tolerances ?? defaultLlmTraderTolerances;
  const sharpeStep = tolerances.sharpeRatio;
  const returnStep = tolerances.totalReturn;
  const calmarStep = tolerances.calmarRatio;

  // Per row, kept between rounds (grown as needed). `refreshed[i]` is the row object last refreshed
  // through refresh(): its metrics and Calmar inputs here are current. Other rows are read from
  // their fields at each snapshot, their Calmar inputs from their statistics on a tie. Calmar's
  // grid is kept while its inputs stay the same (an entrant out of the season keeps it for good).
  let capacity = 0;
  const refreshed: (StandingRow | undefined)[] = [];
  // What refresh() took from the row for the coming snapshot (status code, trades and duration, P&L),
  // valid when `fresh[i]` is this snapshot's epoch: the snapshot then reads no row object.
  let epoch = 1;
  let fresh = new Int32Array(0);
  let statusNow = new Uint8Array(0);
  let countsNow = new Float64Array(0);
  const equityNow: Fixed[] = [];
  let metrics = new Float64Array(0);
  const calmarStats: (RunningStatistics | undefined)[] = [];
  let calmar = new Float64Array(0);
  // Per round, reused: the keys, the sort key, merge sort space, whether a row's Calmar inputs are current.
  let keys = new Float64Array(0);
  let primary = new Float64Array(0);
  let scratch = new Int32Array(0);
  let loaded = new Uint8Array(0);
  /** Whether primary packs the Sharpe and return grids (else it is the Sharpe grid alone). */
  let packed = false;
  let current = noRows;

  // What the snapshots keep (their metrics, counts, statuses and order), taken from slabs of
  // SLAB_BYTES, each region used once: one buffer per round would cost an allocation and its
  // bookkeeping every round. A snapshot kept alive keeps its slab.
  let slabFloats = new Float64Array(0);
  let slabOrders = new Int32Array(0);
  let slabStatuses = new Uint8Array(0);
  let slabRegions = 0;
  let slabUsed = 0;
  let slabWidth = -1;

  /** The next slab region for a snapshot of n rows (a new slab when this one is full). */
  const slabRegion = (n: number) => {
    if (slabUsed === slabRegions || slabWidth !== n) {
      const bytes = (8 * KEPT + 4 + 1) * n;
      slabRegions = Math.max(1, Math.floor(SLAB_BYTES / Math.max(bytes, 1)));
      slabWidth = n;
      slabUsed = 0;
      const buffer = new ArrayBuffer(bytes * slabRegions);
      slabFloats = new Float64Array(buffer, 0, KEPT * n * slabRegions);
      slabOrders = new Int32Array(buffer, 8 * KEPT * n * slabRegions, n * slabRegions);
      slabStatuses = new Uint8Array(buffer, (8 * KEPT + 4) * n * slabRegions, n * slabRegions);
    }
    return slabUsed++;
  };

  // Last round's order (ranked first) and its ranked count: the next sort starts from it.
  let lastOrder: Int32Array | undefined;
  let lastCount = 0;

  const grow = (n: number) => {
    if (n <= capacity) return;
    const size = Math.max(n, 2 * capacity);
    const copy = (from: Float64Array, width: number, fill: number) => {
      const to = new Float64Array(size * width).fill(fill);
      to.set(from);
      return to;
    };
    metrics = copy(metrics, METRICS, Number.NaN);
    calmar = copy(calmar, CALMAR, Number.NaN);
    keys = new Float64Array(KEYS * size);
    for (let i = capacity; i < size; i++) {
      refreshed.push(undefined);
      calmarStats.push(undefined);
      equityNow.push(0n);
    }
    const freshBefore = fresh;
    fresh = new Int32Array(size);
    fresh.set(freshBefore);
    const statusBefore = statusNow;
    statusNow = new Uint8Array(size);
    statusNow.set(statusBefore);
    countsNow = copy(countsNow, 2, 0);
    primary = new Float64Array(size);
    scratch = new Int32Array(size);
    loaded = new Uint8Array(size);
    capacity = size;
  };

  /** Copies row i's metric fields. */
  const readMetrics = (i: number, row: StandingRow) => {
    const totalReturn = row.totalReturn;
    const sharpe = row.sharpeRatio;
    const maxDrawdown = row.maxDrawdown;
    const winRate = row.winRate;
    const m = METRICS * i;
    metrics[m] = totalReturn === null ? Number.NaN : totalReturn;
    metrics[m + 1] = sharpe === null ? Number.NaN : sharpe;
    metrics[m + 2] = maxDrawdown === null ? Number.NaN : maxDrawdown;
    metrics[m + 3] = winRate === null ? Number.NaN : winRate;
  };

  /** Copies what Calmar reads of row i's statistics (a row read from its fields); its grid goes if they changed. */
  const readCalmarInputs = (i: number, s: RunningStatistics) => {
    const c = CALMAR * i;
    if (
      calmarStats[i] === s &&
      calmar[c] === s.marks &&
      calmar[c + 1] === s.first &&
      calmar[c + 2] === s.last &&
      calmar[c + 3] === s.worstDrawdown &&
      calmar[c + 4] === s.periodsPerYear
    )
      return;
    writeCalmarInputs(i, s);
  };

  const writeCalmarInputs = (i: number, s: RunningStatistics) => {
    const c = CALMAR * i;
    calmarStats[i] = s;
    calmar[c] = s.marks;
    calmar[c + 1] = s.first;
    calmar[c + 2] = s.last;
    calmar[c + 3] = s.worstDrawdown;
    calmar[c + 4] = s.periodsPerYear;
    calmar[c + 5] = Number.NaN;
  };

  const refresh = (index: number, row: StandingRow) => {
    if (index >= capacity) grow(index + 1);
    // Straight from the statistics into the array (NaN = null): storing them in the row's
    // `number | null` fields would allocate a heap number per value (and so would returning them
    // from calls the caller has no inlining budget left for: writeRankingMetrics returns nothing).
    const s = row.stats;
    writeRankingMetrics(s, metrics, METRICS * index);
    refreshed[index] = row;
    fresh[index] = epoch;
    statusNow[index] = statusCode(row.status);
    countsNow[2 * index] = row.trades;
    countsNow[2 * index + 1] = row.durationSeconds;
    equityNow[index] = row.scoredEquity;
    // A refresh follows a new mark, which changes Calmar's inputs: its grid is computed again on a tie.
    if (llmTrader) writeCalmarInputs(index, s);
  };

  const calmarKey = (i: number) => {
    const at = CALMAR * i + 5;
    let value = calmar[at] as number;
    if (Number.isNaN(value)) {
      const ratio = (current[i] as StandingRow).calmarRatio();
      value = ratio === null ? Number.NEGATIVE_INFINITY : Math.round(ratio / calmarStep);
      calmar[at] = value;
    }
    return value;
  };

  /** Whether a is ahead of b, given equal primary keys (LLMTrader's order after the first keys). */
  const llmTraderTie = (a: number, b: number) => {
    const ka = KEYS * a;
    const kb = KEYS * b;
    let x: number;
    let y: number;
    if (!packed) {
      x = keys[ka + 1] as number;
      y = keys[kb + 1] as number;
      if (x !== y) return x > y;
    }
    if (loaded[a] === 0) {
      readCalmarInputs(a, (current[a] as StandingRow).stats);
      loaded[a] = 1;
    }
    if (loaded[b] === 0) {
      readCalmarInputs(b, (current[b] as StandingRow).stats);
      loaded[b] = 1;
    }
    // Equal inputs (entrants that never traded, say) give equal Calmar: no need to compute it.
    const ca = CALMAR * a;
    const cb = CALMAR * b;
    if (
      calmar[ca] !== calmar[cb] ||
      calmar[ca + 1] !== calmar[cb + 1] ||
      calmar[ca + 2] !== calmar[cb + 2] ||
      calmar[ca + 3] !== calmar[cb + 3] ||
      calmar[ca + 4] !== calmar[cb + 4]
    ) {
      x = calmarKey(a);
      y = calmarKey(b);
      if (x !== y) return x > y;
    }
    x = keys[ka + 2] as number;
    y = keys[kb + 2] as number;
    if (x !== y) return x > y;
    x = keys[ka + 3] as number;
    y = keys[kb + 3] as number;
    if (x !== y) return x > y;
    return a < b;
  };

  /** Whether a is ahead of b, given equal primary keys (Number(total P&L), which may round). */
  const totalPnlTie = (a: number, b: number) => {
    const x = totalPnlOf(current[a] as StandingRow);
    const y = totalPnlOf(current[b] as StandingRow);
    return x === y ? a < b : x > y;
  };

  /**
   * The LLMTrader sort key: the Sharpe and return grids packed (o0 · width1 + o1, offsets from 1 on
   * each grid, 0 = null: ordered as the pair) when the spans of the ranked rows' grids fit in a
   * double exactly; otherwise the Sharpe grid, and the tie compares returns.
   */
  const llmTraderPrimary = (n: number, statuses: Uint8Array) => {
    let low0 = Number.POSITIVE_INFINITY;
    let high0 = Number.NEGATIVE_INFINITY;
    let low1 = Number.POSITIVE_INFINITY;
    let high1 = Number.NEGATIVE_INFINITY;
    // The keys of every row from its metrics (one pass over an array: the divisions pipeline).
    for (let i = 0; i < n; i++) {
      const m = METRICS * i;
      const totalReturn = metrics[m] as number;
      const sharpe = metrics[m + 1] as number;
      const maxDrawdown = metrics[m + 2] as number;
      const winRate = metrics[m + 3] as number;
      const g0 = Number.isNaN(sharpe) ? Number.NEGATIVE_INFINITY : Math.round(sharpe / sharpeStep);
      const g1 = Number.isNaN(totalReturn) ? Number.NEGATIVE_INFINITY : Math.round(totalReturn / returnStep);
      const k = KEYS * i;
      keys[k] = g0;
      keys[k + 1] = g1;
      keys[k + 2] = Number.isNaN(maxDrawdown) ? Number.NEGATIVE_INFINITY : -maxDrawdown;
      keys[k + 3] = Number.isNaN(winRate) ? Number.NEGATIVE_INFINITY : winRate;
      if ((statuses[i] as number) >= UNRANKED) continue;
      if (g0 !== Number.NEGATIVE_INFINITY) {
        if (g0 < low0) low0 = g0;
        if (g0 > high0) high0 = g0;
      }
      if (g1 !== Number.NEGATIVE_INFINITY) {
        if (g1 < low1) low1 = g1;
        if (g1 > high1) high1 = g1;
      }
    }
    const fits = (low: number, high: number) => !(high >= low) || (low >= -EXACT_KEY && high <= EXACT_KEY);
    const width0 = high0 >= low0 ? high0 - low0 + 2 : 1;
    const width1 = high1 >= low1 ? high1 - low1 + 2 : 1;
    packed = fits(low0, high0) && fits(low1, high1) && width0 * width1 < EXACT;
    for (let i = 0; i < n; i++) {
      const g0 = keys[KEYS * i] as number;
      const g1 = keys[KEYS * i + 1] as number;
      primary[i] = !packed
        ? g0
        : (g0 === Number.NEGATIVE_INFINITY ? 0 : g0 - low0 + 1) * width1 +
          (g1 === Number.NEGATIVE_INFINITY ? 0 : g1 - low1 + 1);
    }
  };

  /** Scores the ranked entrants (registration order in, best first out) and writes their scores. */
  const tournamentOrder = (rows: readonly StandingRow[], ranked: Int32Array, count: number, scores: Float64Array) => {
    const config: TournamentScoringConfig = { method: method as TournamentScoringConfig["method"] };
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
    scores.fill(Number.NaN);
    scored.forEach((entry, position) => {
      const i = Number(entry.entrantId);
      ranked[position] = i;
      scores[i] = entry.score;
    });
  };

  const snapshot = (rows: readonly StandingRow[]): StandingsSnapshot => {
    const n = rows.length;
    grow(n);
    current = rows;
    // Kept by the snapshot: each row's metrics, counts (trades, duration) and status now, its P&L,
    // and the order (the next snapshot reads it too, for the rank changes).
    const at = slabRegion(n);
    const f = KEPT * n * at;
    const kept = slabFloats.subarray(f, f + METRICS * n);
    const counts = slabFloats.subarray(f + METRICS * n, f + (METRICS + 2) * n);
    const equityUnits = slabFloats.subarray(f + (METRICS + 2) * n, f + KEPT * n);
    // Amounts beyond the exact range of doubles (never in practice) are kept as they are.
    let inexact: Map<number, Fixed> | undefined;
    const order = slabOrders.subarray(n * at, n * (at + 1));
    const statuses = slabStatuses.subarray(n * at, n * (at + 1));
    const byPnl = !llmTrader && !tournament;
    let unranked = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i] as StandingRow;
      let code: number;
      let equity: Fixed;
      if (fresh[i] === epoch && refreshed[i] === row) {
        code = statusNow[i] as number;
        counts[2 * i] = countsNow[2 * i] as number;
        counts[2 * i + 1] = countsNow[2 * i + 1] as number;
        equity = equityNow[i] as Fixed;
      } else {
        code = statusCode(row.status);
        counts[2 * i] = row.trades;
        counts[2 * i + 1] = row.durationSeconds;
        equity = row.scoredEquity;
      }
      // The scored equity in units, exact (the total P&L is made only when a standing is built): no
      // array of bigints per round, which a kept snapshot would keep alive past the young generation.
      const units = fixedToUnits(equity);
      equityUnits[i] = units;
      if (!isExactUnits(units)) {
        inexact ??= new Map();
        inexact.set(i, equity);
      }
      if (byPnl) primary[i] = Number(equity - row.startingCapital);
      statuses[i] = code;
      if (code >= UNRANKED) unranked++;
      if (refreshed[i] === row) {
        loaded[i] = 1;
      } else {
        refreshed[i] = undefined;
        readMetrics(i, row);
        loaded[i] = 0;
      }
    }
    kept.set(metrics.subarray(0, METRICS * n));
    // The ranked entrants in last round's order, then the unranked in registration order.
    const previous = lastOrder !== undefined && lastOrder.length === n ? lastOrder : undefined;
    const previousCount = previous === undefined ? 0 : lastCount;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = previous === undefined ? k : (previous[k] as number);
      if ((statuses[i] as number) < UNRANKED) order[count++] = i;
    }
    let scores: Float64Array | undefined;
    if (llmTrader) {
      llmTraderPrimary(n, statuses);
      sortRanked(order, count, primary, llmTraderTie, scratch);
    } else if (!tournament) {
      sortRanked(order, count, primary, totalPnlTie, scratch);
    } else {
      scores = new Float64Array(n);
      tournamentOrder(rows, order, count, scores);
    }
    if (unranked > 0) {
      let tail = count;
      for (let i = 0; i < n; i++) if ((statuses[i] as number) >= UNRANKED) order[tail++] = i;
    }
    current = noRows;
    epoch++;
    lastOrder = order;
    lastCount = count;
    let built: Standing[] | undefined;
    return {
      count: n,
      standings() {
        if (built !== undefined) return built;
        const ranks = ranksOf(order, count, n);
        const before = previous === undefined ? undefined : ranksOf(previous, previousCount, n);
        built = new Array(n);
        for (let k = 0; k < n; k++) {
          const i = order[k] as number;
          const row = rows[i] as StandingRow;
          const m = METRICS * i;
          const rank = ranks[i] === 0 ? null : (ranks[i] as number);
          const previousRank = before === undefined || before[i] === 0 ? null : (before[i] as number);
          built[k] = {
            rank,
            rankChange: rank === null || previousRank === null ? null : previousRank - rank,
            entrantId: row.entrantId,
            name: row.name,
            modelFamily: row.modelFamily,
            status: statusOf[statuses[i] as number] as EntrantStatus,
            totalReturn: metricOf(kept[m] as number),
            totalPnl: (inexact?.get(i) ?? exactToFixed(equityUnits[i] as number)) - row.startingCapital,
            sharpeRatio: metricOf(kept[m + 1] as number),
            maxDrawdown: metricOf(kept[m + 2] as number),
            winRate: metricOf(kept[m + 3] as number),
            trades: counts[2 * i] as number,
            durationSeconds: counts[2 * i + 1] as number,
            score: scores === undefined ? null : metricOf(scores[i] as number),
          };
        }
        return built;
      },
    };
  };

  return { refresh, snapshot, standings: (rows) => snapshot(rows).standings() };
}

/** A row's total P&L: scored equity − starting capital (exact). */
export const totalPnlOf = (row: StandingRow): Fixed => row.scoredEquity - row.startingCapital;

/** Each entrant's rank in an order (1 = best; 0 = not ranked). */
function ranksOf(order: Int32Array, count: number, n: number): Int32Array {
  const ranks = new Int32Array(n);
  for (let k = 0; k < count; k++) ranks[order[k] as number] = k + 1;
  return ranks;
}

/** Refreshes a row's metric fields from its running statistics (after each of the entrant's rounds). */
export function refreshStandingRow(row: StandingRow): void {
  const s = row.stats;
  row.totalReturn = runningTotalReturn(s);
  row.sharpeRatio = runningSharpeRatio(s);
  // Storing a number in a field that may hold null allocates it: drawdown and win rate change on
  // few marks, so they are stored only when they do.
  const maxDrawdown = runningMaxDrawdown(s);
  if (row.maxDrawdown !== maxDrawdown) row.maxDrawdown = maxDrawdown;
  const winRate = runningWinRate(s);
  if (row.winRate !== winRate) row.winRate = winRate;
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
