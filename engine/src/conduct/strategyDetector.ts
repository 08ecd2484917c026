import type { ActivityEvent, AgentActivity, ConductIntent, ReleasableActivity } from "./agentActivity.ts";
import type { Execution, IntentPreview } from "./executionTracker.ts";
import { createFoldRunner, type FoldProgress, registerFold } from "./foldRunner.ts";
import { InvalidConductConfigError } from "./invalidConductConfigError.ts";
import { previewOnce, readingOf, readLog, releaseRead } from "./logReading.ts";
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
  /**
   * Bounded memory: reads every event of `history` not read yet, then drops them all from
   * `history.events` and adds their count to `history.released`. Later calls given the same log
   * object (same array, its `released` count) read only the events appended since and answer
   * exactly as on the whole log. Any other rule reading the same array must have read all of it
   * first (`ConductPolicy.release` does that for every rule it enforces); one that had not fails
   * with InvalidConductInputError instead of judging a partial log.
   */
  release(history: ReleasableActivity): void;
};

/**
 * A detector as a left fold over the log: a mutable state advanced one event at a time. The
 * wrapper remembers, per `events` array, how far it has read, so calling the detector after each
 * append costs only the new events (append-only logs; a shorter array is read again from scratch).
 * The order bookkeeping every detector needs (logReading.ts) is read once per log and shared.
 * Evidence is built from the state, never from the events array, so released events are not needed.
 */
export type DetectorFold<TState, TEvidence extends ViolationEvidence> = {
  /**
   * The event kinds `observe` may change the state for or return true on; absent: every kind. A
   * caller may skip showing the fold any other event (the conduct policy shows most rules fills only).
   */
  readonly observes?: readonly ActivityEvent["kind"][];
  initialState(): TState;
  /**
   * `execution`: the shared reading of the event when it is a fill (executionTracker.ts). Returns
   * true when the event may have changed what `violations` returns, false when it certainly did
   * not: callers keep the violations they built until a fold says they changed.
   */
  observe(state: TState, event: ActivityEvent, execution: Execution | undefined): boolean;
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
  const runner = createFoldRunner(id, fold);
  const progressByLog = new WeakMap<readonly ActivityEvent[], FoldProgress>();
  /** The shared reading and this rule's progress, both advanced to the end of `history.events`. */
  const advance = (history: AgentActivity) => {
    const { events } = history;
    const released = history.released ?? 0;
    const reading = readLog(events, released);
    let progress = progressByLog.get(events);
    if (progress === undefined) {
      progress = runner.start();
      progressByLog.set(events, progress);
    }
    runner.advance(progress, events, released, reading);
    return progress;
  };
  const detector: StrategyDetector<TEvidence> = {
    id,
    thresholds,
    inspectIntent(intent, history) {
      const progress = advance(history);
      const preview = intent.kind === "intent" ? previewOnce(readingOf(history.events), intent) : undefined;
      return runner.inspect(progress, intent, preview) as Violation<TEvidence> | undefined;
    },
    scan: (history) => runner.violations(advance(history)).slice() as Violation<TEvidence>[],
    release(history) {
      advance(history);
      releaseRead(history, readingOf(history.events));
    },
  };
  registerFold(detector, fold);
  return detector;
}
