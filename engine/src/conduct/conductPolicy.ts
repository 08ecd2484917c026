import { checkActiveHours, defaultMinActiveShareBps } from "./activeHours.ts";
import { type HourlyActivity, hourlyActivity, type SeasonWindow } from "./activityHours.ts";
import type { AgentActivity, ConductIntent } from "./agentActivity.ts";
import {
  type ConductAction,
  type ConductDenial,
  type ConductOutcome,
  type ConductRuleId,
  conductActions,
} from "./conductOutcome.ts";
import { type ConfigObservation, checkConfigFreeze, type TournamentKind } from "./configFreeze.ts";
import { type DoublingDownThresholds, doublingDownDetector } from "./doublingDown.ts";
import { checkInactiveStreak, defaultMaxInactiveHours } from "./inactiveStreak.ts";
import { InvalidConductConfigError } from "./invalidConductConfigError.ts";
import { type MartingaleThresholds, martingaleDetector } from "./martingale.ts";
import { checkMinTradeCount } from "./minTradeCount.ts";
import type { RequirementFailure } from "./requirementFailure.ts";
import { requirementIds } from "./requirementFailure.ts";
import { type RevengeTradingThresholds, revengeTradingDetector } from "./revengeTrading.ts";
import { type StopLossWideningThresholds, stopLossWideningDetector } from "./stopLossWidening.ts";
import type { DetectorDefinition, StrategyDetector } from "./strategyDetector.ts";
import type { ThresholdValues } from "./thresholds.ts";
import { type UnlimitedGridThresholds, unlimitedGridDetector } from "./unlimitedGrid.ts";
import { type BannedStrategyId, bannedStrategyIds, type Violation, type ViolationEvidence } from "./violation.ts";
import { type WashTradingThresholds, washTradingDetector } from "./washTrading.ts";

/**
 * A season's conduct rules (seed 001's banned strategies, seed 004's wash trading, seed 003's
 * config freeze and activity requirements) and what it does about each: the one place that turns
 * violations and failed requirements into denials and outcome records.
 */
type RuleConfig<TThresholds> = { action: ConductAction } & Partial<TThresholds>;

export type BannedStrategiesConfig = {
  martingale?: RuleConfig<MartingaleThresholds>;
  "doubling-down"?: RuleConfig<DoublingDownThresholds>;
  "revenge-trading"?: RuleConfig<RevengeTradingThresholds>;
  "stop-loss-widening"?: RuleConfig<StopLossWideningThresholds>;
  "unlimited-grid"?: RuleConfig<UnlimitedGridThresholds>;
  "wash-trading"?: RuleConfig<WashTradingThresholds>;
};

export type ConductConfig = {
  /** The banned strategies the season enforces, each with its action and any thresholds; absent: not enforced. */
  bannedStrategies?: BannedStrategiesConfig;
  /** Seed 003 tournaments: "non-daily" freezes the agent's config; "daily" does not. Absent: no freeze. */
  tournament?: TournamentKind;
  /** Seed 003's activity requirements (non-daily tournaments only). */
  activity?: { minActiveShareBps?: number; maxInactiveHours?: number };
  /** Seed 003's minimum trade count, checked at settlement. */
  minTradeCount?: number;
};

/** The config with every default filled in: what goes into the season's committed rules. */
export type ResolvedConductConfig = {
  bannedStrategies: { [K in BannedStrategyId]?: { action: ConductAction } & ThresholdValues };
  tournament: TournamentKind | null;
  activity: { minActiveShareBps: number; maxInactiveHours: number } | null;
  minTradeCount: number | null;
};

export type Settlement = {
  window: SeasonWindow;
  /** The round the outcomes take effect (the season's last). */
  round: number;
  /** Activity kept during the season; when absent it is read from the log's decision events. */
  hours?: HourlyActivity;
};

export type ConductPolicy = {
  readonly config: ResolvedConductConfig;
  /** Pre-trade: the denial when a rule the season enforces with "deny" fires on this order or stop change. */
  reviewIntent(intent: ConductIntent, history: AgentActivity): ConductDenial | undefined;
  /** Flags and disqualifications from banned strategies found in the log so far (incremental; call after any round). */
  review(history: AgentActivity): ConductOutcome[];
  /** At settlement: `review` plus the activity requirements and the minimum trade count. */
  settle(history: AgentActivity, settlement: Settlement): ConductOutcome[];
  /** The forfeit when a non-daily tournament's entrant ran a config other than the frozen one. */
  checkConfigFreeze(
    entrant: string,
    frozenConfigHash: string,
    observations: readonly ConfigObservation[],
  ): ConductOutcome | undefined;
};

/** What the policy needs of a rule's definition: reading its thresholds into a detector. */
type ThresholdReader = Pick<DetectorDefinition<ThresholdValues, ViolationEvidence>, "resolve">;

const definitions: Readonly<Record<BannedStrategyId, ThresholdReader>> = {
  martingale: martingaleDetector,
  "doubling-down": doublingDownDetector,
  "revenge-trading": revengeTradingDetector,
  "stop-loss-widening": stopLossWideningDetector,
  "unlimited-grid": unlimitedGridDetector,
  "wash-trading": washTradingDetector,
};

const ruleOrder: readonly ConductRuleId[] = [...bannedStrategyIds, ...requirementIds];

type Enforced = { detector: StrategyDetector; action: ConductAction };

/** Every problem in a conduct config, each with its path; empty when valid. */
export function conductConfigProblems(input: unknown, path = "conduct"): string[] {
  return readConfig(input, path).problems;
}

/** Builds the season's conduct policy; throws InvalidConductConfigError listing every problem at once. */
export function createConductPolicy(input: ConductConfig): ConductPolicy {
  const { problems, config, enforced } = readConfig(input, "conduct");
  if (problems.length > 0) throw new InvalidConductConfigError(problems);
  const denying = enforced.filter((rule) => rule.action === "deny");
  const judging = enforced.filter((rule) => rule.action !== "deny");

  const review = (history: AgentActivity): ConductOutcome[] =>
    sortOutcomes(
      judging.flatMap(({ detector, action }) =>
        detector.scan(history).map((violation) => violationOutcome(history.entrant, violation, action)),
      ),
    );

  return {
    config,
    reviewIntent(intent, history) {
      const violations: Violation[] = [];
      for (const { detector } of denying) {
        const violation = detector.inspectIntent(intent, history);
        if (violation !== undefined) violations.push(violation);
      }
      if (violations.length === 0) return undefined;
      return {
        entrant: history.entrant,
        round: intent.round,
        time: intent.time,
        symbol: intent.symbol,
        orderId: intent.kind === "intent" ? intent.orderId : null,
        reasonCode: "BANNED_STRATEGY",
        rules: violations.map((v) => v.detector),
        reason: violations.map((v) => v.reason).join(" "),
        violations,
      };
    },
    review,
    settle(history, settlement) {
      const failures: RequirementFailure[] = [];
      if (config.activity !== null) {
        const { minActiveShareBps, maxInactiveHours } = config.activity;
        const hours = settlement.hours ?? hourlyActivity(history, settlement.window);
        const active = checkActiveHours(hours, { minActiveShareBps });
        const streak = checkInactiveStreak(hours, { maxInactiveHours });
        if (active !== undefined) failures.push(active);
        if (streak !== undefined) failures.push(streak);
      }
      if (config.minTradeCount !== null) {
        const trades = checkMinTradeCount(history, { minTrades: config.minTradeCount });
        if (trades !== undefined) failures.push(trades);
      }
      const disqualifications: ConductOutcome[] = failures.map((failure) => ({
        entrant: history.entrant,
        action: "disqualify",
        status: "disqualified",
        rule: failure.requirement,
        round: settlement.round,
        rounds: [],
        reason: failure.reason,
        evidence: failure.evidence,
      }));
      return sortOutcomes([...review(history), ...disqualifications]);
    },
    checkConfigFreeze(entrant, frozenConfigHash, observations) {
      if (config.tournament === null) return undefined;
      const breach = checkConfigFreeze({ tournament: config.tournament, frozenConfigHash, observations });
      if (breach === undefined) return undefined;
      return {
        entrant,
        action: "forfeit",
        status: "forfeited",
        rule: "config-freeze",
        round: breach.round,
        rounds: [breach.round],
        reason: breach.reason,
        evidence: breach.evidence,
      };
    },
  };
}

function violationOutcome(entrant: string, violation: Violation, action: ConductAction): ConductOutcome {
  const disqualify = action === "disqualify";
  return {
    entrant,
    action: disqualify ? "disqualify" : "flag",
    status: disqualify ? "disqualified" : null,
    rule: violation.detector,
    round: violation.rounds[violation.rounds.length - 1] ?? 0,
    rounds: violation.rounds,
    reason: violation.reason,
    evidence: violation.evidence,
  };
}

/** By round, then by rule (banned strategies in their listed order, then requirements); stable otherwise. */
function sortOutcomes(outcomes: ConductOutcome[]): ConductOutcome[] {
  return outcomes.sort((a, b) => a.round - b.round || ruleOrder.indexOf(a.rule) - ruleOrder.indexOf(b.rule));
}

const topLevelKeys = ["bannedStrategies", "tournament", "activity", "minTradeCount"];

function readConfig(
  input: unknown,
  path: string,
): { problems: string[]; config: ResolvedConductConfig; enforced: Enforced[] } {
  const problems: string[] = [];
  const config: ResolvedConductConfig = { bannedStrategies: {}, tournament: null, activity: null, minTradeCount: null };
  const enforced: Enforced[] = [];
  if (!isObject(input)) {
    return { problems: [`${path}: expected an object, got ${kindOf(input)}`], config, enforced };
  }
  for (const key of Object.keys(input)) {
    if (!topLevelKeys.includes(key)) problems.push(`${path}.${key}: unknown field (known: ${topLevelKeys.join(", ")})`);
  }

  const banned = input.bannedStrategies;
  if (banned !== undefined && !isObject(banned)) {
    problems.push(`${path}.bannedStrategies: expected an object keyed by rule, got ${kindOf(banned)}`);
  } else if (banned !== undefined) {
    for (const key of Object.keys(banned)) {
      if (!(bannedStrategyIds as readonly string[]).includes(key)) {
        problems.push(`${path}.bannedStrategies.${key}: unknown rule (known: ${bannedStrategyIds.join(", ")})`);
      }
    }
    for (const id of bannedStrategyIds) {
      const rule = banned[id];
      if (rule === undefined) continue;
      const rulePath = `${path}.bannedStrategies.${id}`;
      if (!isObject(rule)) {
        problems.push(`${rulePath}: expected { action, ...thresholds }, got ${kindOf(rule)}`);
        continue;
      }
      const action = rule.action;
      const actionValid = typeof action === "string" && (conductActions as readonly string[]).includes(action);
      if (!actionValid) {
        problems.push(`${rulePath}.action: expected one of "deny", "flag", "disqualify", got ${kindOf(action)}`);
      }
      const resolved = definitions[id].resolve(rule, rulePath, ["action"]);
      problems.push(...resolved.problems);
      if (actionValid && resolved.detector !== undefined) {
        enforced.push({ detector: resolved.detector, action: action as ConductAction });
        config.bannedStrategies[id] = { action: action as ConductAction, ...resolved.thresholds };
      }
    }
  }

  const tournament = input.tournament;
  if (tournament !== undefined) {
    if (tournament === "daily" || tournament === "non-daily") config.tournament = tournament;
    else problems.push(`${path}.tournament: expected "daily" or "non-daily", got ${kindOf(tournament)}`);
  }

  const activity = input.activity;
  if (activity !== undefined) {
    if (!isObject(activity)) {
      problems.push(`${path}.activity: expected { minActiveShareBps?, maxInactiveHours? }, got ${kindOf(activity)}`);
    } else {
      if (tournament !== "non-daily") {
        problems.push(
          `${path}.activity: activity requirements apply to non-daily tournaments only (seed 003); set tournament to "non-daily" or remove activity`,
        );
      }
      for (const key of Object.keys(activity)) {
        if (key !== "minActiveShareBps" && key !== "maxInactiveHours") {
          problems.push(`${path}.activity.${key}: unknown field (known: minActiveShareBps, maxInactiveHours)`);
        }
      }
      const minActiveShareBps = activity.minActiveShareBps ?? defaultMinActiveShareBps;
      const maxInactiveHours = activity.maxInactiveHours ?? defaultMaxInactiveHours;
      const shareOk = isIntegerIn(minActiveShareBps, 0, 10_000);
      const streakOk = isIntegerIn(maxInactiveHours, 1, 1_000_000);
      if (!shareOk) {
        problems.push(
          `${path}.activity.minActiveShareBps: expected an integer in [0, 10000] (8000 = 80%), got ${kindOf(minActiveShareBps)}`,
        );
      }
      if (!streakOk) {
        problems.push(
          `${path}.activity.maxInactiveHours: expected an integer in [1, 1000000] hours, got ${kindOf(maxInactiveHours)}`,
        );
      }
      if (shareOk && streakOk) {
        config.activity = {
          minActiveShareBps: minActiveShareBps as number,
          maxInactiveHours: maxInactiveHours as number,
        };
      }
    }
  }

  const minTradeCount = input.minTradeCount;
  if (minTradeCount !== undefined) {
    if (isIntegerIn(minTradeCount, 0, 1_000_000_000)) config.minTradeCount = minTradeCount as number;
    else problems.push(`${path}.minTradeCount: expected a non-negative integer, got ${kindOf(minTradeCount)}`);
  }
  return { problems, config, enforced };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function kindOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
