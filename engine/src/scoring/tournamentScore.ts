import type { PerformanceMetrics } from "../metrics/performanceMetrics.ts";
import { findDuplicateIds, InvalidRankingInputError } from "./invalidRankingInputError.ts";
import { percentileRanks } from "./percentileRank.ts";
import { overTradingPenaltyPoints, riskViolationPenaltyPoints } from "./scorePenalties.ts";
import {
  assertTournamentScoringConfig,
  componentWeights,
  type ScoreComponent,
  scoreComponents,
  type TournamentScoringConfig,
} from "./tournamentScoringConfig.ts";

/** The metrics a tournament score reads. */
export type TournamentMetrics = Pick<
  PerformanceMetrics,
  | "totalPnl"
  | "sharpeRatio"
  | "sortinoRatio"
  | "winRate"
  | "profitFactor"
  | "consistencyScore"
  | "maxDrawdown"
  | "diversification"
  | "turnover"
>;

export type TournamentEntry = {
  readonly entrantId: string;
  readonly metrics: TournamentMetrics;
  /** Risk violations flagged by the risk rules (for the optional penalty). */
  readonly riskViolations?: number;
};

export type TournamentScored = {
  entrantId: string;
  /** 1 = best; unique. */
  rank: number;
  /** The 0-100 Tournament Score after penalties, rounded to 6 decimals. */
  score: number;
  /** The weighted percentile score before penalties, rounded to 6 decimals. */
  baseScore: number;
  penaltyPoints: number;
  /** The percentile rank (0-1] of each weighted component. */
  components: Partial<Record<ScoreComponent, number>>;
};

export type ScoreTournamentParameters = {
  /** Entrants in registration order (the last tie-break). */
  readonly entries: readonly TournamentEntry[];
  readonly scoring: TournamentScoringConfig;
};

const componentMetric: Record<ScoreComponent, { metric: keyof TournamentMetrics; better: "higher" | "lower" }> = {
  pnl: { metric: "totalPnl", better: "higher" },
  sharpe: { metric: "sharpeRatio", better: "higher" },
  sortino: { metric: "sortinoRatio", better: "higher" },
  win_rate: { metric: "winRate", better: "higher" },
  profit_factor: { metric: "profitFactor", better: "higher" },
  consistency: { metric: "consistencyScore", better: "higher" },
  drawdown: { metric: "maxDrawdown", better: "lower" },
  diversification: { metric: "diversification", better: "higher" },
};

/**
 * The Tournament Score (seed 003): every metric is converted to a percentile rank within the
 * tournament (`percentileRanks`), the method's weights combine them, and the weighted mean is
 * scaled to 0-100: score = 100 × Σ w_c × pct_c / Σ w_c. Optional penalties (seed 004) then take
 * points off, never below 0. Ranked by score, then total P&L, then registration order.
 */
export function scoreTournament({ entries, scoring }: ScoreTournamentParameters): TournamentScored[] {
  const config = assertTournamentScoringConfig(scoring);
  const problems = findDuplicateIds(
    entries.map((entry) => entry.entrantId),
    "entrantId",
  );
  entries.forEach((entry, i) => {
    const violations = entry.riskViolations;
    if (violations !== undefined && !(Number.isInteger(violations) && violations >= 0))
      problems.push(`entries[${i}].riskViolations is ${violations}: it must be a non-negative integer`);
  });
  if (problems.length > 0)
    throw new InvalidRankingInputError("tournament entries", problems, "Give each entrant once with its metrics.");

  const weights = componentWeights(config);
  const used = scoreComponents.filter((component) => (weights[component] ?? 0) > 0);
  const weightSum = used.reduce((sum, component) => sum + (weights[component] as number), 0);
  const percentiles = new Map<ScoreComponent, number[]>();
  for (const component of used) {
    const { metric, better } = componentMetric[component];
    percentiles.set(component, percentileRanks({ values: entries.map((entry) => entry.metrics[metric]), better }));
  }

  const scored = entries.map((entry, index) => {
    const components: Partial<Record<ScoreComponent, number>> = {};
    let weighted = 0;
    for (const component of used) {
      const pct = (percentiles.get(component) as number[])[index] as number;
      components[component] = pct;
      weighted += (weights[component] as number) * pct;
    }
    const baseScore = round6((100 * weighted) / weightSum);
    const { overTrading, riskViolations } = config.penalties ?? {};
    const penaltyPoints = round6(
      (overTrading ? overTradingPenaltyPoints(entry.metrics.turnover, overTrading) : 0) +
        (riskViolations ? riskViolationPenaltyPoints(entry.riskViolations ?? 0, riskViolations) : 0),
    );
    return {
      entry,
      index,
      baseScore,
      penaltyPoints,
      score: Math.max(0, round6(baseScore - penaltyPoints)),
      components,
    };
  });

  scored.sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const pa = a.entry.metrics.totalPnl;
    const pb = b.entry.metrics.totalPnl;
    if (pa !== pb) {
      if (pa === null) return 1;
      if (pb === null) return -1;
      return pb - pa;
    }
    return a.index - b.index;
  });
  return scored.map((s, position) => ({
    entrantId: s.entry.entrantId,
    rank: position + 1,
    score: s.score,
    baseScore: s.baseScore,
    penaltyPoints: s.penaltyPoints,
    components: s.components,
  }));
}

/** Rounds to 6 decimals so that float noise (80.00000000000001) never reaches a leaderboard. */
function round6(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded;
}
