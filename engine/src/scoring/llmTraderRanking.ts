import type { MetricValue } from "../metrics/metric.ts";
import { findDuplicateIds, InvalidRankingInputError } from "./invalidRankingInputError.ts";

/** What the LLMTrader order reads for each entrant (a subset of `PerformanceMetrics`). */
export type LlmTraderRankingEntry = {
  readonly entrantId: string;
  readonly sharpeRatio: MetricValue;
  readonly totalReturn: MetricValue;
  readonly calmarRatio: MetricValue;
  readonly maxDrawdown: MetricValue;
  readonly winRate: MetricValue;
};

/**
 * How close two values must be to count as "similar" (seed 001: "when two participants have similar
 * Sharpe ratios, the one who earned more in absolute terms ranks higher"). Values are compared on a
 * grid of this step, `Math.round(value / step)`: Sharpe ratios that show the same at two decimals
 * are similar. A grid, unlike |a - b| <= step, is transitive, so the order never depends on the sort.
 */
export type LlmTraderTolerances = {
  readonly sharpeRatio: number;
  readonly totalReturn: number;
  readonly calmarRatio: number;
};

/** Sharpe and Calmar to 0.01, total return to 0.0001 (0.01 percentage point). */
export const defaultLlmTraderTolerances: LlmTraderTolerances = {
  sharpeRatio: 0.01,
  totalReturn: 0.0001,
  calmarRatio: 0.01,
};

/** The criterion that put an entrant below the one ranked just above it. */
export type LlmTraderCriterion =
  | "sharpeRatio"
  | "totalReturn"
  | "calmarRatio"
  | "maxDrawdown"
  | "winRate"
  | "entrantOrder";

export type LlmTraderRanked = {
  entrantId: string;
  /** 1 = best; unique (the last tie-break is entrant order). */
  rank: number;
  /** Which criterion separated this entrant from the one ranked just above; null for rank 1. */
  decidedBy: LlmTraderCriterion | null;
};

export type RankLlmTraderParameters = {
  /** Entrants in registration order (the final tie-break). */
  readonly entries: readonly LlmTraderRankingEntry[];
  readonly tolerances?: LlmTraderTolerances;
};

/**
 * Ranks a season the LLMTrader way (seed 001): higher Sharpe, then higher absolute (total) return,
 * then higher Calmar, each compared on its tolerance grid; then lower max drawdown, then higher
 * win rate, compared exactly; then registration order. A null value (no data) loses to any number.
 */
export function rankLlmTrader({
  entries,
  tolerances = defaultLlmTraderTolerances,
}: RankLlmTraderParameters): LlmTraderRanked[] {
  const problems = findDuplicateIds(
    entries.map((entry) => entry.entrantId),
    "entrantId",
  );
  for (const [name, step] of Object.entries(tolerances)) {
    if (!(Number.isFinite(step) && step > 0))
      problems.push(`tolerance ${name} is ${step}: it must be a positive number`);
  }
  if (problems.length > 0)
    throw new InvalidRankingInputError(
      "LLMTrader ranking input",
      problems,
      "Give each entrant once, and positive tolerances (defaults: Sharpe 0.01, return 0.0001, Calmar 0.01).",
    );

  const order = entries.map((_, i) => i);
  order.sort((a, b) => {
    const criterion = decidingCriterion(
      entries[a] as LlmTraderRankingEntry,
      entries[b] as LlmTraderRankingEntry,
      tolerances,
    );
    return criterion === "entrantOrder" ? a - b : criterion.sign;
  });
  return order.map((index, position) => {
    const entry = entries[index] as LlmTraderRankingEntry;
    const above = position === 0 ? null : (entries[order[position - 1] as number] as LlmTraderRankingEntry);
    const decidedBy = above === null ? null : criterionName(decidingCriterion(above, entry, tolerances));
    return { entrantId: entry.entrantId, rank: position + 1, decidedBy };
  });
}

/**
 * The LLMTrader comparator for two entrants: < 0 when a ranks above b, > 0 when below, 0 when they
 * tie on every criterion (callers then use registration order, as `rankLlmTrader` does).
 */
export function compareLlmTrader(
  a: LlmTraderRankingEntry,
  b: LlmTraderRankingEntry,
  tolerances: LlmTraderTolerances = defaultLlmTraderTolerances,
): number {
  const decision = decidingCriterion(a, b, tolerances);
  return decision === "entrantOrder" ? 0 : decision.sign;
}

type Decision = { criterion: Exclude<LlmTraderCriterion, "entrantOrder">; sign: number } | "entrantOrder";

/** The first criterion on which a and b differ; sign < 0 when a ranks first. */
function decidingCriterion(
  a: LlmTraderRankingEntry,
  b: LlmTraderRankingEntry,
  tolerances: LlmTraderTolerances,
): Decision {
  const steps: [Exclude<LlmTraderCriterion, "entrantOrder">, number][] = [
    [
      "sharpeRatio",
      compareHigher(onGrid(a.sharpeRatio, tolerances.sharpeRatio), onGrid(b.sharpeRatio, tolerances.sharpeRatio)),
    ],
    [
      "totalReturn",
      compareHigher(onGrid(a.totalReturn, tolerances.totalReturn), onGrid(b.totalReturn, tolerances.totalReturn)),
    ],
    [
      "calmarRatio",
      compareHigher(onGrid(a.calmarRatio, tolerances.calmarRatio), onGrid(b.calmarRatio, tolerances.calmarRatio)),
    ],
    ["maxDrawdown", compareHigher(negate(a.maxDrawdown), negate(b.maxDrawdown))],
    ["winRate", compareHigher(a.winRate, b.winRate)],
  ];
  for (const [criterion, sign] of steps) if (sign !== 0) return { criterion, sign };
  return "entrantOrder";
}

function criterionName(decision: Decision): LlmTraderCriterion {
  return decision === "entrantOrder" ? "entrantOrder" : decision.criterion;
}

function onGrid(value: MetricValue, step: number): MetricValue {
  return value === null ? null : Math.round(value / step);
}

/** Lower drawdown is better: compare the negated values as "higher is better", nulls still last. */
function negate(value: MetricValue): MetricValue {
  return value === null ? null : -value;
}

/** < 0 when a is better (higher), > 0 when b is, 0 when equal; null loses to any number. */
function compareHigher(a: MetricValue, b: MetricValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a > b ? -1 : 1;
}
