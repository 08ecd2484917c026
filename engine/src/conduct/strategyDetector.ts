import type { ActivityEvent, AgentActivity, ConductIntent } from "./agentActivity.ts";
import { type Execution, type IntentPreview, previewOnce, readLog } from "./executionTracker.ts";
import { InvalidConductConfigError } from "./invalidConductConfigError.ts";
import { resolveThresholds, type ThresholdSpecs, type ThresholdValues } from "./thresholds.ts";
import type { BannedStrategyId, Violation, ViolationEvidence } from "./violation.ts";

/**
 * A banned-strategy rule with two entry points that always agree, because both read the log
 * through the same fold:
 * - `inspectIntent` before an order or a stop change is applied, so a season can DENY it;
 * - `scan` over the log at any time (settlement, or after a round), to FLAG or DISQUALIFY.
 * `scan` judges only what happened (fills, applied stop changes); intents that never filled are ignored.
 */
export type StrategyDetector<TEvidence extends ViolationEvidence = ViolationEvidence> = {
  readonly id: BannedStrategyId;
  /** The thresholds in force, defaults filled in: part of the season's committed rules. */
  readonly thresholds: ThresholdValues;
  /**
   * Would this intent be a violation, given the log so far? `history` may or may not already hold
   * the intent itself (an unfilled intent changes nothing).
   */
  inspectIntent(intent: ConductIntent, history: AgentActivity): Violation<TEvidence> | undefined;
  /** Every violation in the log, in the order they became evident. */
  scan(history: AgentActivity): Violation<TEvidence>[];
};

/**
 * A detector as a left fold over the log: a mutable state advanced one event at a time. The
 * wrapper remembers, per `events` array, how far it has read, so calling the detector after each
 * append costs only the new events (append-only logs; a shorter array is read again from scratch).
 * The order bookkeeping every detector needs (executionTracker.ts) is read once per log and shared.
 */
export type DetectorFold<TState, TEvidence extends ViolationEvidence> = {
  initialState(): TState;
  /** `execution`: the shared reading of the event when it is a fill (executionTracker.ts). */
  observe(state: TState, event: ActivityEvent, execution: Execution | undefined): void;
  /** `preview`: the order's effect on its position (shared by all rules); undefined for a stop change. */
  inspect(state: TState, intent: ConductIntent, preview: IntentPreview | undefined): Violation<TEvidence> | undefined;
  /** Violations so far; must not change the state. */
  violations(state: TState): Violation<TEvidence>[];
};

/** A banned-strategy rule: where it comes from, its thresholds, and how to build its detector. */
export type DetectorDefinition<TThresholds extends ThresholdValues, TEvidence extends ViolationEvidence> = {
  readonly id: BannedStrategyId;
  /** The seed document that names the rule, e.g. "001 Banned Strategies". */
  readonly source: string;
  readonly defaults: TThresholds;
  readonly specs: ThresholdSpecs<TThresholds>;
  /** Reads thresholds from config (possibly JSON) and reports every problem with its path. */
  resolve(input: unknown, path: string, allowedExtraKeys?: readonly string[]): ResolvedDetector<TThresholds, TEvidence>;
  /** Builds the detector; throws InvalidConductConfigError listing every bad threshold. */
  create(thresholds?: Partial<TThresholds>): StrategyDetector<TEvidence>;
};

export type ResolvedDetector<TThresholds extends ThresholdValues, TEvidence extends ViolationEvidence> = {
  problems: string[];
  thresholds: TThresholds;
  /** Undefined when there are problems. */
  detector: StrategyDetector<TEvidence> | undefined;
};

export type DefineDetectorParameters<
  TThresholds extends ThresholdValues,
  TState,
  TEvidence extends ViolationEvidence,
> = {
  id: BannedStrategyId;
  source: string;
  defaults: TThresholds;
  specs: ThresholdSpecs<TThresholds>;
  /** Extra cross-field checks once every value is in range (e.g. "min below max"). */
  check?: (thresholds: TThresholds, path: string) => string[];
  fold(thresholds: TThresholds): DetectorFold<TState, TEvidence>;
};

export function defineDetector<TThresholds extends ThresholdValues, TState, TEvidence extends ViolationEvidence>(
  parameters: DefineDetectorParameters<TThresholds, TState, TEvidence>,
): DetectorDefinition<TThresholds, TEvidence> {
  const { id, source, defaults, specs } = parameters;
  const resolve = (input: unknown, path: string, allowedExtraKeys: readonly string[] = []) => {
    const { thresholds, problems } = resolveThresholds(input, defaults, specs, path, allowedExtraKeys);
    if (problems.length === 0 && parameters.check) problems.push(...parameters.check(thresholds, path));
    const detector =
      problems.length === 0
        ? foldDetector(id, Object.freeze({ ...thresholds }), parameters.fold(thresholds))
        : undefined;
    return { problems, thresholds, detector };
  };
  return {
    id,
    source,
    defaults,
    specs,
    resolve,
    create(thresholds = {}) {
      const resolved = resolve(thresholds, id);
      if (resolved.detector === undefined) throw new InvalidConductConfigError(resolved.problems);
      return resolved.detector;
    },
  };
}

function foldDetector<TState, TEvidence extends ViolationEvidence>(
  id: BannedStrategyId,
  thresholds: ThresholdValues,
  fold: DetectorFold<TState, TEvidence>,
): StrategyDetector<TEvidence> {
  const progress = new WeakMap<readonly ActivityEvent[], { state: TState; read: number }>();
  const advance = (events: readonly ActivityEvent[]) => {
    const reading = readLog(events);
    let entry = progress.get(events);
    if (entry === undefined || entry.read > events.length) {
      entry = { state: fold.initialState(), read: 0 };
      progress.set(events, entry);
    }
    try {
      for (; entry.read < events.length; entry.read++) {
        fold.observe(entry.state, events[entry.read] as ActivityEvent, reading.executions[entry.read]);
      }
    } catch (error) {
      progress.delete(events); // a half-applied event leaves the state unusable
      throw error;
    }
    return { state: entry.state, reading };
  };
  return {
    id,
    thresholds,
    inspectIntent(intent, history) {
      const { state, reading } = advance(history.events);
      return fold.inspect(state, intent, intent.kind === "intent" ? previewOnce(reading, intent) : undefined);
    },
    scan: (history) => fold.violations(advance(history.events).state),
  };
}
