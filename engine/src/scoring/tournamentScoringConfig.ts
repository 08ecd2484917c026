import { InvalidRankingInputError } from "./invalidRankingInputError.ts";

/** Seed 003's scoring methods. */
export const tournamentMethods = ["pnl", "risk_adjusted", "consistency", "sharpe", "custom"] as const;
export type TournamentMethod = (typeof tournamentMethods)[number];

/**
 * Score components, each the percentile rank of one metric within the tournament. `drawdown` ranks
 * max drawdown inverted (lower is better), which is also the order of seed 003's "1 - Drawdown".
 * `profit_factor` is used by the consistency method; `diversification` is seed 004's extra.
 */
export const scoreComponents = [
  "pnl",
  "sharpe",
  "sortino",
  "win_rate",
  "profit_factor",
  "consistency",
  "drawdown",
  "diversification",
] as const;
export type ScoreComponent = (typeof scoreComponents)[number];

/** Custom weight keys: seed 003's six, plus `diversification_weight` (seed 004). */
export const customWeightKeys = [
  "pnl_weight",
  "sharpe_weight",
  "sortino_weight",
  "win_rate_weight",
  "consistency_weight",
  "drawdown_weight",
  "diversification_weight",
] as const;
export type CustomWeightKey = (typeof customWeightKeys)[number];
export type CustomScoringWeights = Partial<Record<CustomWeightKey, number>>;

/**
 * Over-trading penalty (seed 004 "over-trading penalties"): with season turnover T above the
 * threshold, subtract maxPoints × min(1, (T - threshold) / threshold) points: nothing at the
 * threshold, the full penalty at twice it.
 */
export type OverTradingPenalty = { turnoverThreshold: number; maxPoints: number };

/** Risk-violation penalty (seed 004 "penalty factors"): pointsPerViolation each, at most maxPoints. */
export type RiskViolationPenalty = { pointsPerViolation: number; maxPoints: number };

export type TournamentScoringConfig = {
  method: TournamentMethod;
  /** Only for `custom`: non-negative weights, at least one positive; normalized by their sum. */
  weights?: CustomScoringWeights;
  penalties?: { overTrading?: OverTradingPenalty; riskViolations?: RiskViolationPenalty };
};

/** The named methods' weights (seed 003), applied to percentile ranks like every method. */
export const methodWeights: Readonly<
  Record<Exclude<TournamentMethod, "custom">, Partial<Record<ScoreComponent, number>>>
> = {
  pnl: { pnl: 1 },
  sharpe: { sharpe: 1 },
  risk_adjusted: { sharpe: 0.4, sortino: 0.3, drawdown: 0.3 },
  consistency: { win_rate: 0.4, profit_factor: 0.3, sortino: 0.3 },
};

/** The component weights a config scores with (custom keys mapped to components, zero weights dropped). */
export function componentWeights(config: TournamentScoringConfig): Partial<Record<ScoreComponent, number>> {
  if (config.method !== "custom") return methodWeights[config.method];
  const weights: Partial<Record<ScoreComponent, number>> = {};
  for (const key of customWeightKeys) {
    const weight = config.weights?.[key];
    if (weight !== undefined && weight > 0) weights[key.slice(0, -"_weight".length) as ScoreComponent] = weight;
  }
  return weights;
}

/**
 * Every problem with a scoring config, for presets to merge into their own report. Accepts unknown
 * input (configs come from JSON) and checks types as well as values.
 */
export function findTournamentScoringProblems(config: unknown): string[] {
  const problems: string[] = [];
  if (typeof config !== "object" || config === null) return ["scoring config must be an object"];
  const { method, weights, penalties, ...unknownKeys } = config as Record<string, unknown>;
  for (const key of Object.keys(unknownKeys))
    problems.push(`scoring.${key} is not a scoring field: use method, weights, penalties`);
  if (!tournamentMethods.includes(method as TournamentMethod))
    problems.push(`scoring.method is ${JSON.stringify(method)}: use one of ${tournamentMethods.join(", ")}`);
  if (method === "custom") {
    if (typeof weights !== "object" || weights === null) {
      problems.push("scoring.weights is required by the custom method");
    } else {
      let positive = 0;
      let invalid = 0;
      for (const [key, weight] of Object.entries(weights)) {
        if (!customWeightKeys.includes(key as CustomWeightKey)) {
          problems.push(`scoring.weights.${key} is not a weight key: use ${customWeightKeys.join(", ")}`);
          invalid += 1;
        } else if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
          problems.push(`scoring.weights.${key} is ${JSON.stringify(weight)}: it must be a finite number >= 0`);
          invalid += 1;
        } else if (weight > 0) positive += 1;
      }
      if (invalid === 0 && positive === 0)
        problems.push("scoring.weights has no positive weight: give at least one weight above 0");
    }
  } else if (weights !== undefined) {
    problems.push(`scoring.weights is only read by the custom method, not ${JSON.stringify(method)}: remove it`);
  }
  if (penalties !== undefined) {
    if (typeof penalties !== "object" || penalties === null) problems.push("scoring.penalties must be an object");
    else {
      const { overTrading, riskViolations, ...rest } = penalties as Record<string, unknown>;
      for (const key of Object.keys(rest))
        problems.push(`scoring.penalties.${key} is not a penalty: use overTrading, riskViolations`);
      if (overTrading !== undefined)
        checkNumbers(problems, "scoring.penalties.overTrading", overTrading, {
          turnoverThreshold: "positive",
          maxPoints: "points",
        });
      if (riskViolations !== undefined)
        checkNumbers(problems, "scoring.penalties.riskViolations", riskViolations, {
          pointsPerViolation: "points",
          maxPoints: "points",
        });
    }
  }
  return problems;
}

function checkNumbers(
  problems: string[],
  path: string,
  value: unknown,
  fields: Record<string, "positive" | "points">,
): void {
  if (typeof value !== "object" || value === null) {
    problems.push(`${path} must be an object with ${Object.keys(fields).join(", ")}`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!(key in fields)) problems.push(`${path}.${key} is not a field: use ${Object.keys(fields).join(", ")}`);
  for (const [field, kind] of Object.entries(fields)) {
    const number = record[field];
    const ok =
      typeof number === "number" &&
      Number.isFinite(number) &&
      (kind === "positive" ? number > 0 : number >= 0 && number <= 100);
    if (!ok)
      problems.push(
        `${path}.${field} is ${JSON.stringify(number)}: it must be ${kind === "positive" ? "a number > 0" : "points between 0 and 100"}`,
      );
  }
}

/** Throws one error listing every problem, or returns the config typed. */
export function assertTournamentScoringConfig(config: unknown): TournamentScoringConfig {
  const problems = findTournamentScoringProblems(config);
  if (problems.length > 0)
    throw new InvalidRankingInputError(
      "tournament scoring config",
      problems,
      'Example: { method: "custom", weights: { sharpe_weight: 0.5, drawdown_weight: 0.5 } } or { method: "risk_adjusted" }.',
    );
  return config as TournamentScoringConfig;
}
