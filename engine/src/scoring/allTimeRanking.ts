import type { MetricValue } from "../metrics/metric.ts";
import { findDuplicateIds, InvalidRankingInputError } from "./invalidRankingInputError.ts";
import { percentileRanks } from "./percentileRank.ts";

export type SeasonStanding = {
  readonly participantId: string;
  /** Final rank in the season, 1 = best; ranks of a season are 1..n, each once. */
  readonly rank: number;
  readonly totalReturn: MetricValue;
  readonly sharpeRatio: MetricValue;
};

export type SeasonResult = { readonly seasonId: string; readonly standings: readonly SeasonStanding[] };

/** How much each part of a season result counts; normalized by their sum. */
export type AllTimeWeights = { placement: number; performance: number; riskAdjusted: number };

export const defaultAllTimeWeights: AllTimeWeights = { placement: 0.5, performance: 0.25, riskAdjusted: 0.25 };

export type AllTimeRankingParameters = {
  /** Finished seasons, oldest first. */
  readonly seasons: readonly SeasonResult[];
  /** Seasons after which a result counts half (exponential decay). */
  readonly halfLifeSeasons: number;
  readonly weights?: AllTimeWeights;
};

export type SeasonPlacement = {
  seasonId: string;
  rank: number;
  fieldSize: number;
  /** The season's decay weight, 0.5^(age / halfLifeSeasons), age 0 for the latest season. */
  weight: number;
  /** The season score in [0, 1] before decay. */
  seasonScore: number;
};

export type AllTimeRanked = {
  participantId: string;
  rank: number;
  /** Σ over the seasons played of weight × season score, rounded to 6 decimals. */
  points: number;
  seasonsPlayed: number;
  /** Seasons played / seasons held since the first one played. */
  participationRate: number;
  /** Compounded across seasons: Π(1 + season return) - 1; null if no season has a return. */
  cumulativeReturn: MetricValue;
  /** Mean of the season Sharpe ratios that exist. */
  averageSharpe: MetricValue;
  bestRank: number;
  placements: SeasonPlacement[];
};

/**
 * The all-time leaderboard (seeds 000 and 004): every season a participant played adds
 *
 *   weight_s × (wP × placement percentile + wR × return percentile + wS × Sharpe percentile) / (wP + wR + wS)
 *
 * where the percentiles are within that season's field (`percentileRanks`; placement percentile
 * (n - rank + 1) / n) and weight_s = 0.5^(age / halfLifeSeasons) decays older seasons. Seasons not
 * played add nothing, so consistent participation accumulates: a top-20 finisher every season
 * overtakes a one-time winner who stopped playing. Ties: more seasons played, better best rank,
 * then participant id (code-unit order), so the order never depends on input order.
 */
export function rankAllTime({
  seasons,
  halfLifeSeasons,
  weights = defaultAllTimeWeights,
}: AllTimeRankingParameters): AllTimeRanked[] {
  const problems = findAllTimeProblems(seasons, halfLifeSeasons, weights);
  if (problems.length > 0)
    throw new InvalidRankingInputError(
      "all-time ranking input",
      problems,
      "Pass finished seasons oldest first, each with ranks 1..n once per participant, a positive half-life and non-negative weights.",
    );

  const weightSum = weights.placement + weights.performance + weights.riskAdjusted;
  const byParticipant = new Map<
    string,
    { firstSeason: number; placements: SeasonPlacement[]; returns: number[]; sharpes: number[] }
  >();
  seasons.forEach((season, seasonIndex) => {
    const n = season.standings.length;
    const age = seasons.length - 1 - seasonIndex;
    const weight = 0.5 ** (age / halfLifeSeasons);
    const returnPct = percentileRanks({ values: season.standings.map((s) => s.totalReturn), better: "higher" });
    const sharpePct = percentileRanks({ values: season.standings.map((s) => s.sharpeRatio), better: "higher" });
    season.standings.forEach((standing, i) => {
      const placementPct = (n - standing.rank + 1) / n;
      const seasonScore =
        (weights.placement * placementPct +
          weights.performance * (returnPct[i] as number) +
          weights.riskAdjusted * (sharpePct[i] as number)) /
        weightSum;
      let record = byParticipant.get(standing.participantId);
      if (record === undefined) {
        record = { firstSeason: seasonIndex, placements: [], returns: [], sharpes: [] };
        byParticipant.set(standing.participantId, record);
      }
      record.placements.push({ seasonId: season.seasonId, rank: standing.rank, fieldSize: n, weight, seasonScore });
      if (standing.totalReturn !== null) record.returns.push(standing.totalReturn);
      if (standing.sharpeRatio !== null) record.sharpes.push(standing.sharpeRatio);
    });
  });

  const rows = [...byParticipant.entries()].map(([participantId, record]) => {
    let points = 0;
    for (const placement of record.placements) points += placement.weight * placement.seasonScore;
    let growth = 1;
    for (const r of record.returns) growth *= 1 + r;
    return {
      participantId,
      rank: 0,
      points: Math.round(points * 1e6) / 1e6,
      seasonsPlayed: record.placements.length,
      participationRate: record.placements.length / (seasons.length - record.firstSeason),
      cumulativeReturn: record.returns.length === 0 ? null : growth - 1,
      averageSharpe:
        record.sharpes.length === 0 ? null : record.sharpes.reduce((sum, s) => sum + s, 0) / record.sharpes.length,
      bestRank: Math.min(...record.placements.map((placement) => placement.rank)),
      placements: record.placements,
    };
  });
  rows.sort(
    (a, b) =>
      b.points - a.points ||
      b.seasonsPlayed - a.seasonsPlayed ||
      a.bestRank - b.bestRank ||
      (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0),
  );
  return rows.map((row, position) => ({ ...row, rank: position + 1 }));
}

function findAllTimeProblems(seasons: readonly SeasonResult[], halfLife: number, weights: AllTimeWeights): string[] {
  const problems = findDuplicateIds(
    seasons.map((season) => season.seasonId),
    "seasonId",
  );
  if (!(Number.isFinite(halfLife) && halfLife > 0))
    problems.push(`halfLifeSeasons is ${halfLife}: it must be a positive number of seasons`);
  for (const [name, weight] of Object.entries(weights)) {
    if (!(Number.isFinite(weight) && weight >= 0)) problems.push(`weights.${name} is ${weight}: it must be >= 0`);
  }
  if (weights.placement + weights.performance + weights.riskAdjusted <= 0)
    problems.push("weights are all zero: give at least one positive weight");
  for (const season of seasons) {
    const n = season.standings.length;
    problems.push(
      ...findDuplicateIds(
        season.standings.map((s) => s.participantId),
        `season ${season.seasonId}: participantId`,
      ),
    );
    const ranks = new Set<number>();
    for (const standing of season.standings) {
      if (!(Number.isInteger(standing.rank) && standing.rank >= 1 && standing.rank <= n) || ranks.has(standing.rank))
        problems.push(
          `season ${season.seasonId}: ${standing.participantId} has rank ${standing.rank}; ranks must be 1..${n}, each once`,
        );
      ranks.add(standing.rank);
    }
  }
  return problems;
}
