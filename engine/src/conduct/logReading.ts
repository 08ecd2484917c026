import type { ActivityEvent, OrderIntentEvent, ReleasableActivity } from "./agentActivity.ts";
import {
  type Execution,
  type ExecutionTracker,
  type IntentPreview,
  previewIntent,
  trackEvent,
} from "./executionTracker.ts";
import { activityLogHint, InvalidConductInputError, releasedLogHint } from "./invalidConductInputError.ts";

/**
 * The tracker's reading of a log, shared by every rule that reads the same `events` array: one
 * pass per event whatever the number of rules. Cached by array identity and advanced as the
 * (append-only) array grows; a shorter array is read again from the start.
 *
 * Positions count the log's events from its start, the released ones included (`released`:
 * events dropped from the front of the array once read, see `releaseRead`).
 *
 * The reading is its own execution tracker, and a conduct policy's per-log state extends
 * it: an entrant's conduct state is one object, read once per order (it is cold by then).
 */
export class LogReading implements ExecutionTracker {
  pending: Map<string, OrderIntentEvent> | undefined = undefined;
  pendingUsed = false;
  lastIntent: OrderIntentEvent | undefined = undefined;
  pendingRound = -1;
  book: ExecutionTracker["book"] = [];
  /** Events dropped from the front of the array: `events[i]` is the log's event number `released + i`. */
  released = 0;
  /** Events read, from the start of the log. */
  read = 0;
  /** executions[i]: the execution of events[i] when it is a fill (aligned with the array). */
  executions: (Execution | undefined)[] = [];
  /**
   * The last event read while it is in the array (a preview of it skips the position check); dropped
   * with the array's events, so that a released fill does not live on until the entrant's next event.
   */
  last: ActivityEvent | undefined = undefined;
  /** Its kind, round and time (-∞ before the first): the order check reads no old event object. */
  lastKind: ActivityEvent["kind"] | undefined = undefined;
  lastRound = Number.NEGATIVE_INFINITY;
  lastTime = Number.NEGATIVE_INFINITY;
  /** The last intent previewed and its preview, so that every rule asked about it shares one. */
  previewedIntent: OrderIntentEvent | undefined = undefined;
  preview: IntentPreview | undefined = undefined;
  /** Set when reading failed after a release: the log cannot be read again from its start. */
  failure: { error: unknown } | undefined = undefined;
}

const readings = new WeakMap<readonly ActivityEvent[], LogReading>();

/** The reading cached for `events`, if any (a policy then shares it instead of starting its own). */
export function sharedReading(events: readonly ActivityEvent[]): LogReading | undefined {
  return readings.get(events);
}

/** Makes `reading` the one `readingOf(events)` returns; the caller saw `sharedReading(events)` undefined. */
export function shareReading(events: readonly ActivityEvent[], reading: LogReading): void {
  readings.set(events, reading);
}

/** The reading cached for `events` (created empty): the same object for as long as the array lives. */
export function readingOf(events: readonly ActivityEvent[]): LogReading {
  let reading = readings.get(events);
  if (reading === undefined) {
    reading = new LogReading();
    readings.set(events, reading);
  }
  return reading;
}

/** The reading of `events` advanced to their end; `released`: events already dropped from the front. */
export function readLog(events: readonly ActivityEvent[], released = 0): LogReading {
  return syncReading(readingOf(events), events, released);
}

/** Advances `reading` (the reading of `events`) over the events it has not read yet. */
export function syncReading(reading: LogReading, events: readonly ActivityEvent[], released: number): LogReading {
  if (reading.failure !== undefined) throw reading.failure.error;
  const total = released + events.length;
  if (released < reading.released || reading.read > total) {
    // Not the log read so far. A whole log is read again from the start (a new log in the array);
    // once events were released, a count that does not add up is an error, never a silent restart.
    if (released > 0 || reading.released > 0) {
      throw releasedMismatch(released, events.length, reading.released, reading.read);
    }
    resetReading(reading);
  }
  if (released > reading.read) throw releasedUnread("the shared reading of the log", released, reading.read);
  if (released > reading.released) {
    reading.executions.splice(0, released - reading.released);
    reading.released = released;
  }
  if (reading.read === total) return reading;
  reading.previewedIntent = undefined;
  reading.preview = undefined;
  const executions = reading.executions;
  try {
    for (let i = reading.read - released; i < events.length; i++) {
      const event = events[i] as ActivityEvent;
      if (event.round < reading.lastRound || event.time < reading.lastTime) {
        throw new InvalidConductInputError(
          "activity log",
          [
            `event ${released + i} (${event.kind}, round ${event.round}, time ${event.time}) comes before event ${released + i - 1} (${reading.lastKind}, round ${reading.lastRound}, time ${reading.lastTime})`,
          ],
          activityLogHint,
        );
      }
      executions.push(trackEvent(reading, event));
      reading.last = event;
      reading.lastKind = event.kind;
      reading.lastRound = event.round;
      reading.lastTime = event.time;
      reading.read++;
    }
  } catch (error) {
    // A half-applied event leaves the tracker unusable. A whole log is read again from the start
    // on the next call (which fails the same way); a released one cannot be, so it keeps the error.
    if (reading.released === 0) resetReading(reading);
    else reading.failure = { error };
    throw error;
  }
  return reading;
}

/** The preview of `intent` against a log's reading, computed once however many rules ask. */
export function previewOnce(reading: LogReading, intent: OrderIntentEvent): IntentPreview {
  if (reading.previewedIntent !== intent || reading.preview === undefined) {
    reading.preview = previewIntent(reading, intent, reading.last === intent);
    reading.previewedIntent = intent;
  }
  return reading.preview;
}

/**
 * Drops every event of `history` from its array and adds their count to `history.released`. The
 * caller has advanced `reading` and every rule that reads the array to the end of it.
 */
export function releaseRead(history: ReleasableActivity, reading: LogReading): void {
  const released = (history.released ?? 0) + history.events.length;
  if (reading.read !== released) throw releasedUnread("the shared reading of the log", released, reading.read);
  releaseUnread(history);
  clear(reading.executions);
  reading.released = released;
  // What was read of the dropped events is in the tracker: no event object outlives the array.
  reading.last = undefined;
  reading.previewedIntent = undefined;
  reading.preview = undefined;
}

/** Drops every event of `history` from its array, adding their count to `history.released`, unread. */
export function releaseUnread(history: ReleasableActivity): void {
  history.released = (history.released ?? 0) + history.events.length;
  clear(history.events);
}

/**
 * Empties an array keeping its storage: `length = 0` drops it, and the next push allocates it
 * again (an entrant's log is emptied after most rounds it traded in).
 */
function clear(array: unknown[]): void {
  while (array.length > 0) array.pop();
}

/** A rule (or the shared reading) asked to go on past events dropped before it read them. */
export function releasedUnread(reader: string, released: number, read: number): InvalidConductInputError {
  return new InvalidConductInputError(
    "activity log",
    [`${released} events were released from the log, but ${reader} had read only ${read} of them`],
    releasedLogHint,
  );
}

/** A rule that read more of a released log than the log now holds. */
export function logShorterThanRead(
  reader: string,
  released: number,
  held: number,
  read: number,
): InvalidConductInputError {
  return new InvalidConductInputError(
    "activity log",
    [`the log says ${released} events were released and holds ${held} more, but ${reader} had read ${read}`],
    releasedLogHint,
  );
}

function releasedMismatch(released: number, held: number, wasReleased: number, read: number) {
  return new InvalidConductInputError(
    "activity log",
    [
      `the log says ${released} events were released and holds ${held} more, but the rules had seen ${wasReleased} released and read ${read}`,
    ],
    releasedLogHint,
  );
}

function resetReading(reading: LogReading): void {
  reading.pending = undefined;
  reading.pendingUsed = false;
  reading.lastIntent = undefined;
  reading.pendingRound = -1;
  reading.book = [];
  reading.released = 0;
  reading.read = 0;
  reading.executions = [];
  reading.last = undefined;
  reading.lastKind = undefined;
  reading.lastRound = Number.NEGATIVE_INFINITY;
  reading.lastTime = Number.NEGATIVE_INFINITY;
  reading.previewedIntent = undefined;
  reading.preview = undefined;
  reading.failure = undefined;
}
