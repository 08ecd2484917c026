import type { MetricValue } from "../metrics/metric.ts";
import { percentile } from "../metrics/percentile.ts";
import { findDuplicateIds, InvalidRankingInputError } from "./invalidRankingInputError.ts";

/** One finished (or current) session of an entrant, with the model family it ran. */
export type ModelFamilySession = {
  readonly entrantId: string;
  /** e.g. "claude", "gpt", "deepseek", "rule-based". */
  readonly modelFamily: string;
  readonly totalReturn: MetricValue;
  readonly sharpeRatio: MetricValue;
  readonly winRate: MetricValue;
};

/** Five-number summary (np.percentile linear interpolation for the quartiles). */
export type FiveNumberSummary = { count: number; min: number; q1: number; median: number; q3: number; max: number };

export type SessionHighlight = { entrantId: string; totalReturn: number };

export type ModelFamilySummary = {
  modelFamily: string;
  sessions: number;
  /** Mean over sessions with a value; null if none has one. */
  averageReturn: MetricValue;
  averageSharpe: MetricValue;
  winRateDistribution: FiveNumberSummary | null;
  /** Highest / lowest total return; on equal returns the earlier session in input order. */
  bestSession: SessionHighlight | null;
  worstSession: SessionHighlight | null;
};

export type CompareModelFamiliesParameters = { readonly sessions: readonly ModelFamilySession[] };

/**
 * The model-family comparison view (seed 000): per family, average return, average Sharpe, the
 * win-rate distribution, and the best and worst individual sessions. Families are listed in
 * code-unit order of their names, so the output never depends on input order.
 */
export function compareModelFamilies({ sessions }: CompareModelFamiliesParameters): ModelFamilySummary[] {
  const problems = findDuplicateIds(
    sessions.map((s) => s.entrantId),
    "entrantId",
  );
  sessions.forEach((s, i) => {
    if (s.modelFamily.trim() === "") problems.push(`sessions[${i}].modelFamily is empty`);
  });
  if (problems.length > 0)
    throw new InvalidRankingInputError(
      "model-family sessions",
      problems,
      "Give each session once with a model family name.",
    );

  const families = new Map<string, ModelFamilySession[]>();
  for (const session of sessions) {
    const list = families.get(session.modelFamily) ?? [];
    list.push(session);
    families.set(session.modelFamily, list);
  }
  return [...families.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((modelFamily) => summarize(modelFamily, families.get(modelFamily) as ModelFamilySession[]));
}

function summarize(modelFamily: string, sessions: ModelFamilySession[]): ModelFamilySummary {
  const returns = present(sessions.map((s) => s.totalReturn));
  const winRates = present(sessions.map((s) => s.winRate));
  let best: SessionHighlight | null = null;
  let worst: SessionHighlight | null = null;
  for (const { entrantId, totalReturn } of sessions) {
    if (totalReturn === null) continue;
    if (best === null || totalReturn > best.totalReturn) best = { entrantId, totalReturn };
    if (worst === null || totalReturn < worst.totalReturn) worst = { entrantId, totalReturn };
  }
  return {
    modelFamily,
    sessions: sessions.length,
    averageReturn: average(returns),
    averageSharpe: average(present(sessions.map((s) => s.sharpeRatio))),
    winRateDistribution:
      winRates.length === 0
        ? null
        : {
            count: winRates.length,
            min: percentile(winRates, 0),
            q1: percentile(winRates, 25),
            median: percentile(winRates, 50),
            q3: percentile(winRates, 75),
            max: percentile(winRates, 100),
          },
    bestSession: best,
    worstSession: worst,
  };
}

function present(values: readonly MetricValue[]): number[] {
  return values.filter((value): value is number => value !== null);
}

function average(values: readonly number[]): MetricValue {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
