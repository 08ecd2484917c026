import { canonicalIndicator, indicatorMentions } from "./indicatorMentions.ts";
import { InvalidRankingInputError } from "./invalidRankingInputError.ts";
import { reasoningSteps } from "./reasoningSteps.ts";

/** One decision of an agent as the engine records it (an agent round). */
export type AgentDecisionRecord = {
  /** Decision time, Unix milliseconds UTC (from the injected clock). */
  readonly time: number;
  /** The agent's reasoning text, as returned with its orders. */
  readonly reasoning: string;
  /** Steps counted by the agent harness; otherwise counted from `reasoning` (`reasoningSteps`). */
  readonly reasoningSteps?: number;
  /** Indicators the agent declared (matched to canonical names); otherwise found in `reasoning` (`indicatorMentions`). */
  readonly indicators?: readonly string[];
  /** The decision parsed and passed validation. */
  readonly valid: boolean;
  /** Its orders were all filled (or it deliberately held): the goal run completed. */
  readonly executed: boolean;
  /** A graded goal_run score in [0, 1], when the arena grades goals. */
  readonly goalScore?: number;
  /** Positions this decision opened, and how many of them carried a stop-loss / take-profit. */
  readonly positionsOpened: number;
  readonly positionsWithStopLoss: number;
  readonly positionsWithTakeProfit: number;
};

/** Saturation points: a component reaches 1 at these values. */
export type AgentQualityScales = {
  /** Distinct indicators over the window that count as full sophistication. */
  indicators: number;
  /** Average reasoning steps per decision that count as full depth. */
  reasoningSteps: number;
};

export const defaultAgentQualityScales: AgentQualityScales = { indicators: 6, reasoningSteps: 8 };

export type AgentQualityIndexParameters = {
  readonly decisions: readonly AgentDecisionRecord[];
  /** The end of the window, Unix ms (injected: never the wall clock). */
  readonly asOf: number;
  /** Window length in days; seed 003 uses a 90-day rolling window. */
  readonly windowDays?: number;
  readonly scales?: AgentQualityScales;
};

export type AgentQualityIndexReturnType = {
  /** 0-100, rounded to 6 decimals; null with no decision in the window. */
  index: number | null;
  decisions: number;
  goalExecution: number | null;
  riskDiscipline: number | null;
  signalSophistication: number | null;
  reasoningDepth: number | null;
  /** Distinct indicators seen in the window, sorted. */
  indicators: string[];
};

const DAY_MS = 86_400_000;

/**
 * Agent Quality Index (seed 003), each component in [0, 1], over decisions with asOf - window < time <= asOf:
 * - goal execution (30%): completion rate (valid and executed); when goal scores exist, the mean of
 *   the completion rate and the average goal score;
 * - risk discipline (25%): (stop-loss coverage + take-profit coverage) / 2 over positions opened;
 *   0 when no position was opened (no evidence of discipline);
 * - signal sophistication (25%): distinct indicators in the window / scales.indicators, capped at 1;
 * - reasoning depth (20%): average steps per decision / scales.reasoningSteps, capped at 1.
 * AQI = 100 × (0.30 goal + 0.25 risk + 0.25 signal + 0.20 reasoning).
 */
export function agentQualityIndex({
  decisions,
  asOf,
  windowDays = 90,
  scales = defaultAgentQualityScales,
}: AgentQualityIndexParameters): AgentQualityIndexReturnType {
  const problems = findDecisionProblems(decisions, asOf, windowDays, scales);
  if (problems.length > 0)
    throw new InvalidRankingInputError(
      "Agent Quality Index input",
      problems,
      "Give decision times in Unix ms, counts as non-negative integers (covered <= opened), goal scores in [0, 1] and positive scales.",
    );

  const from = asOf - windowDays * DAY_MS;
  const inWindow = decisions.filter((decision) => decision.time > from && decision.time <= asOf);
  if (inWindow.length === 0)
    return {
      index: null,
      decisions: 0,
      goalExecution: null,
      riskDiscipline: null,
      signalSophistication: null,
      reasoningDepth: null,
      indicators: [],
    };

  const completionRate = inWindow.filter((d) => d.valid && d.executed).length / inWindow.length;
  const graded = inWindow.flatMap((d) => (d.goalScore === undefined ? [] : [d.goalScore]));
  const goalExecution =
    graded.length === 0 ? completionRate : (completionRate + graded.reduce((a, b) => a + b, 0) / graded.length) / 2;

  let opened = 0;
  let withStop = 0;
  let withTarget = 0;
  for (const d of inWindow) {
    opened += d.positionsOpened;
    withStop += d.positionsWithStopLoss;
    withTarget += d.positionsWithTakeProfit;
  }
  const riskDiscipline = opened === 0 ? 0 : (withStop / opened + withTarget / opened) / 2;

  const indicatorSet = new Set<string>();
  for (const d of inWindow) {
    if (d.indicators === undefined) for (const name of indicatorMentions(d.reasoning)) indicatorSet.add(name);
    else for (const name of d.indicators) indicatorSet.add(canonicalIndicator(name));
  }
  const indicators = [...indicatorSet].sort();
  const signalSophistication = Math.min(1, indicators.length / scales.indicators);

  let steps = 0;
  for (const d of inWindow) steps += d.reasoningSteps ?? reasoningSteps(d.reasoning);
  const reasoningDepth = Math.min(1, steps / inWindow.length / scales.reasoningSteps);

  const index =
    100 * (0.3 * goalExecution + 0.25 * riskDiscipline + 0.25 * signalSophistication + 0.2 * reasoningDepth);
  return {
    index: Math.round(index * 1e6) / 1e6,
    decisions: inWindow.length,
    goalExecution,
    riskDiscipline,
    signalSophistication,
    reasoningDepth,
    indicators,
  };
}

function findDecisionProblems(
  decisions: readonly AgentDecisionRecord[],
  asOf: number,
  windowDays: number,
  scales: AgentQualityScales,
): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(asOf)) problems.push(`asOf is ${asOf}: give Unix milliseconds`);
  if (!(Number.isFinite(windowDays) && windowDays > 0)) problems.push(`windowDays is ${windowDays}: it must be > 0`);
  for (const [name, scale] of Object.entries(scales))
    if (!(Number.isFinite(scale) && scale > 0)) problems.push(`scales.${name} is ${scale}: it must be > 0`);
  const count = (value: number | undefined) => value === undefined || (Number.isInteger(value) && value >= 0);
  decisions.forEach((d, i) => {
    if (!Number.isFinite(d.time)) problems.push(`decisions[${i}].time is ${d.time}: give Unix milliseconds`);
    for (const field of [
      "positionsOpened",
      "positionsWithStopLoss",
      "positionsWithTakeProfit",
      "reasoningSteps",
    ] as const)
      if (!count(d[field])) problems.push(`decisions[${i}].${field} is ${d[field]}: it must be a non-negative integer`);
    if (d.positionsWithStopLoss > d.positionsOpened || d.positionsWithTakeProfit > d.positionsOpened)
      problems.push(
        `decisions[${i}] covers more positions with stops or targets than it opened (${d.positionsOpened})`,
      );
    if (d.goalScore !== undefined && !(d.goalScore >= 0 && d.goalScore <= 1))
      problems.push(`decisions[${i}].goalScore is ${d.goalScore}: it must be within [0, 1]`);
  });
  return problems;
}
