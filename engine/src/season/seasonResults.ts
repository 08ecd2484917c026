import type { ConductOutcome } from "../conduct/conductOutcome.ts";
import type { ScoringMethod } from "../config/seasonRules.ts";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import type { PerformanceMetrics } from "../metrics/performanceMetrics.ts";
import type { Fixed } from "../money/fixed.ts";
import type { AgentQualityIndexReturnType } from "../scoring/agentQualityIndex.ts";
import type { LlmTraderCriterion } from "../scoring/llmTraderRanking.ts";
import type { ModelFamilySummary } from "../scoring/modelFamilyComparison.ts";
import type { ScoreComponent } from "../scoring/tournamentScoringConfig.ts";
import type { SeasonRecord } from "./seasonRecord.ts";

/** How the season's method arrived at an entrant's score. */
export type ScoreDetail =
  /** Seed 001's ordering; `decidedBy` names the criterion that put it below the entrant just above. */
  | { method: "llmtrader"; decidedBy: LlmTraderCriterion | null }
  /** Seed 002: total P&L, exact. */
  | { method: "totalPnl" }
  /** Seed 003's Tournament Score: percentile ranks of the method's components, and penalty points (seed 004). */
  | {
      method: Exclude<ScoringMethod, "llmtrader" | "totalPnl">;
      baseScore: number;
      penaltyPoints: number;
      components: Partial<Record<ScoreComponent, number>>;
    };

export type SeasonResultEntry = {
  /** 1 = best; null for a disqualified or forfeited entrant (removed from the leaderboard). */
  rank: number | null;
  entrantId: string;
  index: number;
  name: string;
  modelFamily: string;
  wallet?: string;
  status: EntrantStatus;
  /** The round at which the status became final (the score is frozen there); null if still in at the end. */
  finalAtRound: number | null;
  /**
   * The number the entrant is ranked by: its Sharpe ratio for LLMTrader's ordering (the primary
   * criterion; the rest are tie-breaks, see `scoreDetail`), its total P&L in quote currency for the
   * macro arena, its 0-100 Tournament Score for tournaments; null when unranked.
   */
  score: number | null;
  scoreDetail: ScoreDetail | null;
  /** Scored equity − starting capital at the entrant's last mark, exact. */
  totalPnl: Fixed;
  /** Equity at the entrant's last mark, everything included. */
  equity: Fixed;
  /** Batch metrics (metrics/performanceMetrics.ts) over the entrant's scored equity marks, from the start to its last round. */
  metrics: PerformanceMetrics;
  /** Share of the prize pool in basis points, when the season has a split by place; 0 otherwise. */
  rewardShareBps: number;
  /** Every conduct outcome: flags, disqualifications (during the season or at settlement), forfeit. */
  conduct: ConductOutcome[];
  /** Seed 003's Agent Quality Index over the entrant's recorded decisions. */
  qualityIndex: AgentQualityIndexReturnType;
  /** Rounds the entrant took part in. */
  rounds: number;
};

export type SeasonResults = {
  format: "podium.season-results/1";
  seasonId: string;
  rulesHash: string;
  datasetHash: string;
  seed: string;
  scoringMethod: ScoringMethod;
  rounds: number;
  /** Unix seconds: the first round's open and the last round's close. */
  start: number;
  end: number;
  /** The split by place the rewards follow (basis points), or null. */
  rewardSplitBps: number[] | null;
  /** Ranked entrants best first, then the unranked in registration order. */
  entrants: SeasonResultEntry[];
  /** Seed 000's model-family comparison over the ranked entrants. */
  modelFamilies: ModelFamilySummary[];
  /** What settlement did: disqualifications by the activity and trade-count requirements and their liquidations. */
  settlementRecords: SeasonRecord[];
};
