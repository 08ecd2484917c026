import { checkActiveHours, defaultMinActiveShareBps } from "./activeHours.ts";
import { type HourlyActivity, hourlyActivity, type SeasonWindow } from "./activityHours.ts";
import type { ActivityEvent, AgentActivity, ConductIntent, ReleasableActivity } from "./agentActivity.ts";
import {
  type ConductAction,
  type ConductDenial,
  type ConductOutcome,
  type ConductRuleId,
  conductActions,
} from "./conductOutcome.ts";
import { type ConfigObservation, checkConfigFreeze, type TournamentKind } from "./configFreeze.ts";
import { type DoublingDownThresholds, doublingDownDetector } from "./doublingDown.ts";
import { foldOf } from "./foldRunner.ts";
import { checkInactiveStreak, defaultMaxInactiveHours } from "./inactiveStreak.ts";
import { InvalidConductConfigError } from "./invalidConductConfigError.ts";
import {
  LogReading,
  logShorterThanRead,
  previewOnce,
  releasedUnread,
  releaseRead,
  releaseUnread,
  sharedReading,
  shareReading,
  syncReading,
} from "./logReading.ts";
import { type MartingaleThresholds, martingaleDetector } from "./martingale.ts";
import { checkMinTradeCount, type MinTradeCountParameters } from "./minTradeCount.ts";
import type { RequirementFailure } from "./requirementFailure.ts";
import { requirementIds } from "./requirementFailure.ts";
import { type RevengeTradingThresholds, revengeTradingDetector } from "./revengeTrading.ts";
import { type StopLossWideningThresholds, stopLossWideningDetector } from "./stopLossWidening.ts";
import type { DetectorDefinition, DetectorFold, StrategyDetector } from "./strategyDetector.ts";
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
  /**
   * The trade count kept during the season: filled orders the agent sent, the orders a tournament
   * excludes from scoring left out. When absent it is counted from the log (minTradeCount.ts).
   */
  trades?: number;
};

export type ConductPolicy = {
  readonly config: ResolvedConductConfig;
  /** Pre-trade: the denial when a rule the season enforces with "deny" fires on this order or stop change. */
  reviewIntent(intent: ConductIntent, history: AgentActivity): ConductDenial | undefined;
  /**
   * Flags and disqualifications from banned strategies found in the log so far (incremental; call
   * after any round). A call that finds nothing new costs the new events only: the outcomes are
   * rebuilt only when a rule's violations changed. The outcome objects are shared between calls
   * (the array is the caller's): never change them.
   */
  review(history: AgentActivity): ConductOutcome[];
  /**
   * Bounded memory: every rule the policy enforces (deny, flag, disqualify) and the shared reading
   * read the events of `history` they have not read yet; then all of them are dropped from
   * `history.events` and their count is added to `history.released`. Call it after `review` (or at
   * any time); keep appending to the same array and passing the same object: `reviewIntent`,
   * `review` and `settle` then answer exactly as they would on the whole log, and evidence never
   * needs the dropped events. Rules outside this policy must not read the same array afterwards
   * (they fail with InvalidConductInputError). `settle` needs `hours` (with activity requirements)
   * and `trades` (with a minimum trade count) for a released log, as neither can be read from it.
   */
  release(history: ReleasableActivity): void;
  /**
   * At settlement: `review` plus the activity requirements and the minimum trade count (from
   * `settlement.hours` and `settlement.trades` when given, else read from the log).
   */
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
const ruleRank = new Map<ConductRuleId, number>(ruleOrder.map((rule, rank) => [rule, rank]));

type Enforced = { detector: StrategyDetector; action: ConductAction };

/** An enforced rule as the policy drives it: `slot` is its state's index in a PolicyLog, `bit` is 1 << slot. */
type Rule = {
  id: BannedStrategyId;
  fold: DetectorFold<unknown, ViolationEvidence>;
  action: ConductAction;
  slot: number;
  bit: number;
};

/**
 * The rules advanced together: the deny rules (before each order) and the judging ones (after a
 * round), each group with one count of events read, so that a call reads no per-rule object but
 * the states of the rules an event concerns. The rules are also listed by the event kinds they
 * observe: an event is shown only to the rules whose state it can change (most see fills only).
 */
type Group = {
  rules: readonly Rule[];
  deny: boolean;
  intents: readonly Rule[];
  fills: readonly Rule[];
  stops: readonly Rule[];
  marks: readonly Rule[];
  decisions: readonly Rule[];
};

function groupOf(rules: readonly Rule[], deny: boolean): Group {
  const observing = (kind: ActivityEvent["kind"]) =>
    rules.filter((rule) => rule.fold.observes === undefined || rule.fold.observes.includes(kind));
  return {
    rules,
    deny,
    intents: observing("intent"),
    fills: observing("fill"),
    stops: observing("stop"),
    marks: observing("mark"),
    decisions: observing("decision"),
  };
}

/**
 * What the policy keeps per log (per `events` array): one lookup per call, whatever the number of
 * rules, and one object (each entrant's is cold by its next trade: reading one is a cache miss).
 * It is the log's shared reading too, unless another reader of the array made that first.
 */
class PolicyLog extends LogReading {
  /** The shared reading of the log: this object, or the one another reader of the array made first. */
  reading: LogReading;
  /** Fold states, by slot. */
  states: unknown[];
  /** Per slot: moves on whenever an observed event may have changed the rule's violations; never goes back. */
  versions: number[];
  /** Moves on with any judging rule's version: a review that finds it unchanged reads no rule. */
  judgeVersion = 0;
  /** `judgeVersion` when the outcomes were last built (-1: never). */
  judgeSeen = -1;
  /** Events the deny and the judging rules observed, counted from the start of the log (released ones included). */
  denyRead = 0;
  judgeRead = 0;
  /** Set when observing failed after a release: the log cannot be read again from its start. */
  denyFailure: { error: unknown } | undefined = undefined;
  judgeFailure: { error: unknown } | undefined = undefined;
  /** The entrant the cached outcomes name. */
  entrant: string;
  /** Per judging rule: the fold version its outcomes were built at (-1: never), and those outcomes. */
  seen: number[];
  outcomesByRule: ConductOutcome[][];
  /** Every judging rule's outcomes, sorted. */
  outcomes: ConductOutcome[] = [];

  constructor(
    shared: LogReading | undefined,
    entrant: string,
    states: unknown[],
    versions: number[],
    seen: number[],
    outcomesByRule: ConductOutcome[][],
  ) {
    super();
    this.reading = shared ?? this;
    this.states = states;
    this.versions = versions;
    this.entrant = entrant;
    this.seen = seen;
    this.outcomesByRule = outcomesByRule;
  }
}

/** Every problem in a conduct config, each with its path; empty when valid. */
export function conductConfigProblems(input: unknown, path = "conduct"): string[] {
  return readConfig(input, path).problems;
}

/** Builds the season's conduct policy; throws InvalidConductConfigError listing every problem at once. */
export function createConductPolicy(input: ConductConfig): ConductPolicy {
  const { problems, config, enforced } = readConfig(input, "conduct");
  if (problems.length > 0) throw new InvalidConductConfigError(problems);
  const rules: Rule[] = enforced.map(({ detector, action }, slot) => {
    const fold = foldOf(detector);
    if (fold === undefined) throw new Error(`unreachable: the ${detector.id} rule was not made by defineDetector`);
    return { id: detector.id, fold, action, slot, bit: 1 << slot };
  });
  const denying = rules.filter((rule) => rule.action === "deny");
  const judging = rules.filter((rule) => rule.action !== "deny");
  const denyGroup = groupOf(denying, true);
  const judgeGroup = groupOf(judging, false);
  // Release advances both, the one holding the first rule first: errors name the rule they named when
  // every rule was advanced on its own, in slot order.
  const bothGroups = rules[0]?.action === "deny" ? [denyGroup, judgeGroup] : [judgeGroup, denyGroup];

  const logs = new WeakMap<readonly ActivityEvent[], PolicyLog>();
  // The last log used: the season asks about one entrant's orders in a row.
  let lastEvents: readonly ActivityEvent[] | undefined;
  let lastLog: PolicyLog | undefined;

  /** This policy's cache for `history`, with the shared reading advanced to the end of the log. */
  const logOf = (history: AgentActivity): PolicyLog => {
    const events = history.events;
    let log = events === lastEvents ? lastLog : logs.get(events);
    if (log === undefined) {
      const shared = sharedReading(events);
      log = new PolicyLog(
        shared,
        history.entrant,
        rules.map((rule) => rule.fold.initialState()),
        rules.map(() => 0),
        judging.map(() => -1),
        judging.map(() => []),
      );
      if (shared === undefined) shareReading(events, log);
      logs.set(events, log);
    }
    lastEvents = events;
    lastLog = log;
    syncReading(log.reading, events, history.released ?? 0);
    return log;
  };

  /** A new log in the array: the group's rules start again (violations built at any earlier version are stale). */
  const resetGroup = (log: PolicyLog, group: Group) => {
    for (const rule of group.rules) {
      log.states[rule.slot] = rule.fold.initialState();
      log.versions[rule.slot] = (log.versions[rule.slot] as number) + 1;
    }
    if (group.deny) log.denyRead = 0;
    else {
      log.judgeRead = 0;
      log.judgeVersion++;
    }
  };

  /** Observes, with every rule of `group`, the events the group has not; the shared reading is at the end. */
  const advance = (log: PolicyLog, group: Group, history: AgentActivity) => {
    const over = group.rules;
    const first = over[0];
    if (first === undefined) return;
    const failure = group.deny ? log.denyFailure : log.judgeFailure;
    if (failure !== undefined) throw failure.error;
    const { events } = history;
    const released = history.released ?? 0;
    const total = released + events.length;
    let read = group.deny ? log.denyRead : log.judgeRead;
    if (read > total) {
      if (released > 0) throw logShorterThanRead(`the ${first.id} rule`, released, events.length, read);
      resetGroup(log, group); // a new log in the array
      read = 0;
    }
    if (read < released) throw releasedUnread(`the ${first.id} rule`, released, read);
    if (read === total) return;
    const { versions } = log;
    const executions = log.reading.executions; // aligned with `events`
    let changed = 0; // bits of the rules whose violations may have changed
    try {
      // Event by event, each shown to the rules that observe its kind only.
      for (let i = read - released; i < events.length; i++) {
        const event = events[i] as ActivityEvent;
        const kind = event.kind;
        const observers =
          kind === "fill"
            ? group.fills
            : kind === "intent"
              ? group.intents
              : kind === "stop"
                ? group.stops
                : kind === "mark"
                  ? group.marks
                  : group.decisions;
        for (let r = 0; r < observers.length; r++) {
          const rule = observers[r] as Rule;
          if (rule.fold.observe(log.states[rule.slot], event, executions[i])) changed |= rule.bit;
        }
      }
    } catch (error) {
      // A half-applied event leaves the states unusable: read a whole log again from the start,
      // keep the error for a released one (it cannot be read again).
      if (released === 0) resetGroup(log, group);
      else if (group.deny) log.denyFailure = { error };
      else log.judgeFailure = { error };
      throw error;
    }
    if (changed !== 0) {
      for (const rule of over)
        if ((changed & rule.bit) !== 0) versions[rule.slot] = (versions[rule.slot] as number) + 1;
      if (!group.deny) log.judgeVersion++;
    }
    if (group.deny) log.denyRead = total;
    else log.judgeRead = total;
  };

  const review = (history: AgentActivity): ConductOutcome[] => {
    if (judging.length === 0) return [];
    const log = logOf(history);
    advance(log, judgeGroup, history);
    let changed = log.entrant !== history.entrant;
    if (!changed && log.judgeSeen === log.judgeVersion) return log.outcomes.length === 0 ? [] : log.outcomes.slice();
    log.entrant = history.entrant;
    log.judgeSeen = log.judgeVersion;
    for (let j = 0; j < judging.length; j++) {
      const rule = judging[j] as Rule;
      const version = log.versions[rule.slot] as number;
      if (!changed && version === log.seen[j]) continue;
      // Built again only when the rule's violations may have changed (or for another entrant name).
      const violations = rule.fold.violations(log.states[rule.slot]);
      const outcomes: ConductOutcome[] = [];
      for (const violation of violations) outcomes.push(violationOutcome(history.entrant, violation, rule.action));
      log.outcomesByRule[j] = outcomes;
      log.seen[j] = version;
      changed = true;
    }
    if (changed) {
      const all: ConductOutcome[] = [];
      for (const outcomes of log.outcomesByRule) for (const outcome of outcomes) all.push(outcome);
      log.outcomes = sortOutcomes(all);
    }
    return log.outcomes.length === 0 ? [] : log.outcomes.slice();
  };

  return {
    config,
    reviewIntent(intent, history) {
      if (denying.length === 0) return undefined;
      const log = logOf(history);
      advance(log, denyGroup, history);
      const preview = intent.kind === "intent" ? previewOnce(log.reading, intent) : undefined;
      let violations: Violation[] | undefined;
      for (const rule of denying) {
        const violation = rule.fold.inspect(log.states[rule.slot], intent, preview);
        if (violation === undefined) continue;
        if (violations === undefined) violations = [violation];
        else violations.push(violation);
      }
      if (violations === undefined) return undefined;
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
    release(history) {
      if (history.events.length === 0) return; // nothing to read or drop (most rounds of most entrants)
      if (rules.length === 0) {
        releaseUnread(history); // no rule of this policy reads the log: nothing to read first
        return;
      }
      const log = logOf(history);
      for (const group of bothGroups) advance(log, group, history);
      releaseRead(history, log.reading);
    },
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
        const parameters: MinTradeCountParameters = { minTrades: config.minTradeCount };
        if (settlement.trades !== undefined) parameters.trades = settlement.trades;
        const trades = checkMinTradeCount(history, parameters);
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
  return outcomes.sort(
    (a, b) => a.round - b.round || (ruleRank.get(a.rule) as number) - (ruleRank.get(b.rule) as number),
  );
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
