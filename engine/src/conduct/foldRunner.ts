import type { ActivityEvent, ConductIntent } from "./agentActivity.ts";
import type { IntentPreview } from "./executionTracker.ts";
import { type LogReading, logShorterThanRead, releasedUnread } from "./logReading.ts";
import type { DetectorFold, StrategyDetector } from "./strategyDetector.ts";
import type { BannedStrategyId, Violation, ViolationEvidence } from "./violation.ts";

/** How far a fold has read one log, and its state there. */
export type FoldProgress = {
  state: unknown;
  /** Events observed, counted from the start of the log (released ones included). */
  read: number;
  /** Moves on whenever an observed event may have changed the violations; never goes back. */
  version: number;
  /** The violations at `cachedVersion`. */
  cached: readonly Violation[] | undefined;
  cachedVersion: number;
  /** Set when observing failed after a release: the log cannot be read again from its start. */
  failure: { error: unknown } | undefined;
};

/** A detector's fold driven by a caller that keeps one progress per log (a standalone detector does). */
export type FoldRunner = {
  start(): FoldProgress;
  /**
   * Observes the events `progress` has not. `reading` is the shared reading of `events`, already
   * advanced to their end; `released`: events dropped before `events[0]`.
   */
  advance(progress: FoldProgress, events: readonly ActivityEvent[], released: number, reading: LogReading): void;
  inspect(progress: FoldProgress, intent: ConductIntent, preview: IntentPreview | undefined): Violation | undefined;
  /** The violations at the progress's point; shared between calls, so never to be changed. */
  violations(progress: FoldProgress): readonly Violation[];
};

const folds = new WeakMap<object, DetectorFold<unknown, ViolationEvidence>>();

/**
 * The fold behind a detector made by `defineDetector`; undefined for any other object. The conduct
 * policy drives the folds of all its rules itself, keeping their states side by side per log.
 */
export function foldOf(detector: StrategyDetector): DetectorFold<unknown, ViolationEvidence> | undefined {
  return folds.get(detector);
}

/** Records the fold behind `detector` (defineDetector does, for every detector it builds). */
export function registerFold<TState, TEvidence extends ViolationEvidence>(
  detector: StrategyDetector<TEvidence>,
  fold: DetectorFold<TState, TEvidence>,
): void {
  folds.set(detector, fold as unknown as DetectorFold<unknown, ViolationEvidence>);
}

/** Drives `fold` for a caller that keeps the progress; `id` names the rule in errors. */
export function createFoldRunner<TState, TEvidence extends ViolationEvidence>(
  id: BannedStrategyId,
  fold: DetectorFold<TState, TEvidence>,
): FoldRunner {
  const reset = (progress: FoldProgress) => {
    progress.state = fold.initialState();
    progress.read = 0;
    progress.version++; // a new reading: violations cached at any earlier version are stale
    progress.cached = undefined;
  };
  return {
    start: () => ({
      state: fold.initialState(),
      read: 0,
      version: 0,
      cached: undefined,
      cachedVersion: -1,
      failure: undefined,
    }),
    advance(progress, events, released, reading) {
      if (progress.failure !== undefined) throw progress.failure.error;
      const total = released + events.length;
      if (progress.read > total) {
        if (released > 0) throw logShorterThanRead(`the ${id} rule`, released, events.length, progress.read);
        reset(progress); // a new log in the array
      }
      if (progress.read < released) throw releasedUnread(`the ${id} rule`, released, progress.read);
      if (progress.read === total) return;
      const state = progress.state as TState;
      const executions = reading.executions; // aligned with `events`
      let changed = false;
      try {
        for (let i = progress.read - released; i < events.length; i++) {
          if (fold.observe(state, events[i] as ActivityEvent, executions[i])) changed = true;
        }
      } catch (error) {
        // A half-applied event leaves the state unusable: read a whole log again from the start,
        // keep the error for a released one (it cannot be read again).
        if (released === 0) reset(progress);
        else progress.failure = { error };
        throw error;
      }
      progress.read = total;
      if (changed) progress.version++;
    },
    inspect: (progress, intent, preview) => fold.inspect(progress.state as TState, intent, preview),
    violations(progress) {
      if (progress.cached === undefined || progress.cachedVersion !== progress.version) {
        progress.cached = fold.violations(progress.state as TState);
        progress.cachedVersion = progress.version;
      }
      return progress.cached;
    },
  };
}
