import type { MarketRound } from "../broker/marketTape.ts";
import type { SeasonWindow } from "../conduct/activityHours.ts";
import { type ActivityTable, hourlyActivityOf } from "../conduct/activityTable.ts";
import type { ConductOutcome, ConductRuleId } from "../conduct/conductOutcome.ts";
import type { ConductPolicy, Settlement } from "../conduct/conductPolicy.ts";
import { requirementIds } from "../conduct/requirementFailure.ts";
import { bannedStrategyIds } from "../conduct/violation.ts";
import type { CompiledSeason } from "../config/compileSeasonRules.ts";
import { isFinalStatus } from "../domain/entrantStatus.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import { computePerformanceMetrics, type PerformanceMetrics } from "../metrics/performanceMetrics.ts";
import { fixedToNumber } from "../money/fixed.ts";
import { agentQualityIndex } from "../scoring/agentQualityIndex.ts";
import { rankLlmTrader } from "../scoring/llmTraderRanking.ts";
import { compareModelFamilies } from "../scoring/modelFamilyComparison.ts";
import { rankByTotalPnl } from "../scoring/totalPnlRanking.ts";
import { scoreTournament } from "../scoring/tournamentScore.ts";
import type { TournamentScoringConfig } from "../scoring/tournamentScoringConfig.ts";
import type { EntrantRuntime, SeasonHeader } from "./createSeason.ts";
import { totalPnlOf } from "./liveRanking.ts";
import { type MarkSeries, seriesColumns } from "./markSeries.ts";
import { type RewardPlace, rewardShares } from "./rewardShares.ts";
import type { SeasonRecord } from "./seasonRecord.ts";
import type { ScoreDetail, SeasonResultEntry, SeasonResults } from "./seasonResults.ts";

export type SettleSeasonParameters = {
  header: SeasonHeader;
  compiled: CompiledSeason;
  runtimes: readonly EntrantRuntime[];
  /** The entrants' equity and exposure at each mark (columns by EntrantRuntime.slot). */
  series: MarkSeries;
  /** The entrants' activity hours when the season has activity requirements. */
  activityTable: ActivityTable | undefined;
  banned: ConductPolicy;
  requirements: ConductPolicy;
  /** Some banned strategy flags or disqualifies. */
  judges: boolean;
  window: SeasonWindow;
  rewardSplitBps: readonly number[] | undefined;
};

/** Entrants whose mark series are read together: 8 doubles are a 64-byte cache line. */
const SERIES_BLOCK = 8;

const ruleOrder: readonly ConductRuleId[] = [...bannedStrategyIds, ...requirementIds];

/**
 * Settlement after the last round:
 * 1. conduct: every banned strategy found in the log (flags, disqualifications); for entrants still
 *    in the season, seed 003's activity requirements and minimum trade count (disqualification);
 *    the forfeits found during the season;
 * 2. batch metrics per entrant over its scored equity marks (frozen at its final round);
 * 3. the season's scoring method over the entrants still ranked (not disqualified, not forfeited):
 *    LLMTrader's order (seed 001), total P&L (seed 002) or a Tournament Score (seed 003);
 * 4. reward shares by place (ties split evenly), the Agent Quality Index, the model-family comparison.
 */
export function settleSeason(parameters: SettleSeasonParameters): SeasonResults {
  const { header, compiled, runtimes, series, activityTable, banned, requirements, judges, window } = parameters;
  const { rules, tape } = compiled;
  const last = tape.rounds[tape.rounds.length - 1] as MarketRound;
  const settlementRecords: SeasonRecord[] = [];
  const checksRequirements = requirements.config.activity !== null || requirements.config.minTradeCount !== null;

  const conduct = runtimes.map((runtime) => {
    const outcomes: ConductOutcome[] = [...runtime.forfeits];
    if (judges && runtime.activity !== undefined) outcomes.push(...banned.review(runtime.activity));
    if (checksRequirements && !isFinalStatus(runtime.account.status)) {
      // The log was released as the season went: the activity hours and the trade count (filled orders
      // the agent sent, those excluded from scoring left out) were kept instead.
      const settlement: Settlement = { window, round: last.index, trades: runtime.row.trades };
      if (activityTable !== undefined) settlement.hours = hourlyActivityOf(activityTable, runtime.slot);
      const failures = requirements.settle(runtime.activity ?? { entrant: runtime.id, events: [] }, settlement);
      for (const outcome of failures)
        settlementRecords.push({ type: "conductOutcome", ...head(runtime, last), outcome });
      outcomes.push(...failures);
      if (failures.some((outcome) => outcome.status === "disqualified"))
        compiled.riskEngine.retireEntrant(runtime.account, last, "disqualified", settlementRecords as RoundRecord[]);
    }
    outcomes.sort((a, b) => a.round - b.round || ruleOrder.indexOf(a.rule) - ruleOrder.indexOf(b.rule));
    return outcomes;
  });

  // The series are read a block of entrants at a time (adjacent columns share cache lines).
  const metrics: PerformanceMetrics[] = [];
  for (let from = 0; from < runtimes.length; from += SERIES_BLOCK) {
    const block = runtimes.slice(from, from + SERIES_BLOCK);
    const equities = seriesColumns(
      series,
      series.equity,
      from,
      block.map((runtime) => runtime.marks),
    );
    const exposures = seriesColumns(
      series,
      series.exposure,
      from,
      block.map((runtime) => runtime.marks - 1),
    );
    block.forEach((runtime, k) => {
      metrics.push(
        computePerformanceMetrics({
          equity: equities[k] as number[],
          periodsPerYear: rules.scoring.periodsPerYear,
          riskFreeRatePerYear: rules.scoring.riskFreeRatePerYear,
          closedTrades: runtime.closedTrades.map((pnl) => ({ pnl })),
          fillCount: runtime.row.trades,
          exposure: exposures[k] as number[],
          tradedNotionalByMarket: tradedNotionalByMarket(runtime, compiled),
        }),
      );
    });
  }

  const ranked = runtimes
    .map((runtime, i) => ({ runtime, i }))
    .filter(({ runtime }) => runtime.account.status !== "disqualified" && runtime.account.status !== "forfeited");
  const placement = rank(parameters, ranked, metrics);

  const split = parameters.rewardSplitBps;
  const shares =
    split === undefined
      ? new Map<string, number>()
      : rewardShares({
          places: placement.order.map(({ entrantId, tiedWithAbove }) => ({ entrantId, tiedWithAbove })),
          splitBps: split,
        });

  const entries: SeasonResultEntry[] = runtimes.map((runtime, i) => {
    const { entrant, account } = runtime;
    const placed = placement.byId.get(runtime.id);
    const entry: SeasonResultEntry = {
      rank: placed?.rank ?? null,
      entrantId: runtime.id,
      index: entrant.index,
      name: entrant.name,
      modelFamily: entrant.modelFamily,
      status: account.status,
      finalAtRound: account.finalAtRound ?? null,
      score: placed?.score ?? null,
      scoreDetail: placed?.detail ?? null,
      totalPnl: totalPnlOf(runtime.row),
      equity: runtime.lastEquity,
      metrics: metrics[i] as PerformanceMetrics,
      rewardShareBps: shares.get(runtime.id) ?? 0,
      conduct: conduct[i] as ConductOutcome[],
      qualityIndex: agentQualityIndex({ decisions: runtime.decisions, asOf: window.end * 1_000 }),
      rounds: runtime.rounds,
    };
    if (entrant.wallet !== undefined) entry.wallet = entrant.wallet.toLowerCase();
    return entry;
  });
  entries.sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return a.index - b.index;
  });

  const modelFamilies = compareModelFamilies({
    sessions: ranked.map(({ runtime, i }) => {
      const m = metrics[i] as PerformanceMetrics;
      return {
        entrantId: runtime.id,
        modelFamily: runtime.entrant.modelFamily,
        totalReturn: m.totalReturn,
        sharpeRatio: m.sharpeRatio,
        winRate: m.winRate,
      };
    }),
  });

  return {
    format: "podium.season-results/1",
    seasonId: header.seasonId,
    rulesHash: header.rulesHash,
    datasetHash: header.datasetHash,
    seed: header.seed,
    scoringMethod: rules.scoring.method,
    rounds: header.rounds,
    start: header.start,
    end: header.end,
    rewardSplitBps: split === undefined ? null : [...split],
    entrants: entries,
    modelFamilies,
    settlementRecords,
  };
}

function head(runtime: EntrantRuntime, round: MarketRound) {
  return { round: round.index, time: round.time, entrantId: runtime.id };
}

/** Σ |fill notional| per market of the fills that count for scoring, for turnover and diversification. */
function tradedNotionalByMarket(runtime: EntrantRuntime, compiled: CompiledSeason): Record<string, number> {
  const traded: Record<string, number> = {};
  compiled.tape.universe.assets.forEach((asset) => {
    const notional = runtime.stats.tradedNotional[asset.index] as number;
    if (notional > 0) traded[asset.symbol] = notional;
  });
  return traded;
}

type Placed = { rank: number; score: number | null; detail: ScoreDetail };
type Placement = { order: (RewardPlace & { entrantId: string })[]; byId: Map<string, Placed> };

function rank(
  parameters: SettleSeasonParameters,
  ranked: readonly { runtime: EntrantRuntime; i: number }[],
  metrics: readonly PerformanceMetrics[],
): Placement {
  const { scoring } = parameters.compiled.rules;
  const byId = new Map<string, Placed>();
  const order: Placement["order"] = [];
  const metricsOf = (i: number) => metrics[i] as PerformanceMetrics;
  const runtimeById = new Map(ranked.map(({ runtime, i }) => [runtime.id, { runtime, i }]));

  if (scoring.method === "llmtrader") {
    const result = rankLlmTrader({
      entries: ranked.map(({ runtime, i }) => ({ entrantId: runtime.id, ...pickLlmTrader(metricsOf(i)) })),
      ...(scoring.tolerances === undefined ? {} : { tolerances: scoring.tolerances }),
    });
    for (const placed of result) {
      const { i } = runtimeById.get(placed.entrantId) as { i: number };
      byId.set(placed.entrantId, {
        rank: placed.rank,
        score: metricsOf(i).sharpeRatio,
        detail: { method: "llmtrader", decidedBy: placed.decidedBy },
      });
      order.push({ entrantId: placed.entrantId, tiedWithAbove: placed.decidedBy === "entrantOrder" });
    }
  } else if (scoring.method === "totalPnl") {
    const result = rankByTotalPnl({
      entries: ranked.map(({ runtime }) => ({ entrantId: runtime.id, totalPnl: totalPnlOf(runtime.row) })),
    });
    let previous: bigint | undefined;
    for (const placed of result) {
      byId.set(placed.entrantId, {
        rank: placed.rank,
        score: fixedToNumber(placed.totalPnl),
        detail: { method: "totalPnl" },
      });
      order.push({ entrantId: placed.entrantId, tiedWithAbove: previous === placed.totalPnl });
      previous = placed.totalPnl;
    }
  } else {
    const config: TournamentScoringConfig = { method: scoring.method };
    if (scoring.weights !== undefined) config.weights = scoring.weights;
    if (scoring.penalties !== undefined) config.penalties = scoring.penalties;
    const result = scoreTournament({
      scoring: config,
      entries: ranked.map(({ runtime, i }) => ({
        entrantId: runtime.id,
        metrics: metricsOf(i),
        riskViolations: runtime.row.riskViolations,
      })),
    });
    let previous: { score: number; pnl: number | null } | undefined;
    for (const placed of result) {
      const { i } = runtimeById.get(placed.entrantId) as { i: number };
      const pnl = metricsOf(i).totalPnl;
      byId.set(placed.entrantId, {
        rank: placed.rank,
        score: placed.score,
        detail: {
          method: scoring.method,
          baseScore: placed.baseScore,
          penaltyPoints: placed.penaltyPoints,
          components: placed.components,
        },
      });
      order.push({
        entrantId: placed.entrantId,
        tiedWithAbove: previous !== undefined && previous.score === placed.score && previous.pnl === pnl,
      });
      previous = { score: placed.score, pnl };
    }
  }
  return { order, byId };
}

function pickLlmTrader(m: PerformanceMetrics) {
  return {
    sharpeRatio: m.sharpeRatio,
    totalReturn: m.totalReturn,
    calmarRatio: m.calmarRatio,
    maxDrawdown: m.maxDrawdown,
    winRate: m.winRate,
  };
}
