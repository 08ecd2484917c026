import { type Fixed, mulFixed } from "../money/fixed.ts";
import type { ActivityEvent, FillEvent, LongOrShort, OrderIntentEvent } from "./agentActivity.ts";
import { activityLogHint, InvalidConductInputError } from "./invalidConductInputError.ts";
import { absFixed, classifyOrderEffect, type OrderEffect } from "./orderEffect.ts";

/**
 * The shared reading of a log that trade-pattern detectors need: which intents were executed,
 * how each fill changed its position, and the round trips (flat → position → flat, a reversal
 * ending one and starting the next). Sizes use the intent's reference price, so that a detector's
 * pre-trade check and its post-hoc scan measure an order the same way; fills without an intent
 * (risk-engine executions) use their fill price.
 */
export type OpenRoundTrip = {
  symbol: string;
  side: LongOrShort;
  openRound: number;
  openOrderId: string;
  /** |quantity opened| × price of the opening order. */
  openingNotional: Fixed;
  /** Opening notional plus the notional of every add. */
  grossEntryNotional: Fixed;
  /** Sum of the realized P&L of the fills that reduced the position so far (before fees). */
  realizedPnl: Fixed;
};

export type ClosedRoundTrip = OpenRoundTrip & { closeRound: number; closeOrderId: string };

/** A fill read in context. */
export type Execution = {
  fill: FillEvent;
  /** The agent's intent; undefined for a risk-engine execution. */
  intent: OrderIntentEvent | undefined;
  before: Fixed;
  after: Fixed;
  change: OrderEffect;
  /** The intent's reference price, or the fill price for a risk-engine execution. */
  price: Fixed;
  /** |after| × price: the position's size after the fill. */
  notionalAfter: Fixed;
  /** The round trip this fill ended (close or reversal). */
  closed: ClosedRoundTrip | undefined;
  /** The round trip this fill started (open or reversal). */
  opened: OpenRoundTrip | undefined;
};

export type ExecutionTracker = {
  /** Intents of the current round not yet filled (older ones were denied or cancelled). */
  pending: Map<string, OrderIntentEvent>;
  pendingRound: number;
  positions: Map<string, Fixed>;
  open: Map<string, OpenRoundTrip>;
};

export function createExecutionTracker(): ExecutionTracker {
  return { pending: new Map(), pendingRound: -1, positions: new Map(), open: new Map() };
}

/**
 * The tracker's reading of a log, shared by every detector that reads the same `events` array:
 * one pass per event whatever the number of rules. Cached by array identity and advanced as the
 * (append-only) array grows; a shorter array is read again from the start.
 */
export type LogReading = {
  tracker: ExecutionTracker;
  /** executions[i]: the execution of events[i] when it is a fill. */
  executions: (Execution | undefined)[];
  /** The last intent previewed, so that every rule asked about it shares one preview. */
  previewed: { intent: OrderIntentEvent; preview: IntentPreview } | undefined;
};

const readings = new WeakMap<readonly ActivityEvent[], LogReading>();

export function readLog(events: readonly ActivityEvent[]): LogReading {
  let reading = readings.get(events);
  if (reading === undefined || reading.executions.length > events.length) {
    reading = { tracker: createExecutionTracker(), executions: [], previewed: undefined };
    readings.set(events, reading);
  }
  const { tracker, executions } = reading;
  if (executions.length < events.length) reading.previewed = undefined;
  try {
    for (let i = executions.length; i < events.length; i++) {
      const event = events[i] as ActivityEvent;
      const previous = events[i - 1];
      if (previous !== undefined && (event.round < previous.round || event.time < previous.time)) {
        throw new InvalidConductInputError(
          "activity log",
          [
            `event ${i} (${event.kind}, round ${event.round}, time ${event.time}) comes before event ${i - 1} (${previous.kind}, round ${previous.round}, time ${previous.time})`,
          ],
          activityLogHint,
        );
      }
      executions.push(trackEvent(tracker, event));
    }
  } catch (error) {
    // A half-applied event leaves the tracker unusable: forget it, so the next call fails the same way.
    readings.delete(events);
    throw error;
  }
  return reading;
}

/** Advances the tracker by one event; returns the execution when the event is a fill. */
export function trackEvent(tracker: ExecutionTracker, event: ActivityEvent): Execution | undefined {
  if (event.kind === "intent") {
    if (event.round !== tracker.pendingRound) {
      tracker.pending.clear(); // earlier rounds' intents that never filled were denied or cancelled
      tracker.pendingRound = event.round;
    }
    checkIntentPosition(tracker, event);
    tracker.pending.set(event.orderId, event);
    return undefined;
  }
  if (event.kind !== "fill") return undefined;

  const held = tracker.positions.get(event.symbol) ?? 0n;
  const before = event.positionAfter - event.quantity;
  if (before !== held) {
    throw new InvalidConductInputError(
      "activity log",
      [
        `fill ${event.orderId} (round ${event.round}, ${event.symbol}) implies a position of ${before} before it (positionAfter − quantity), but the earlier fills leave ${held}`,
      ],
      activityLogHint,
    );
  }
  const intent = tracker.pending.get(event.orderId);
  tracker.pending.delete(event.orderId);
  const after = event.positionAfter;
  const change = classifyOrderEffect(before, after);
  const price = intent?.price ?? event.price;
  tracker.positions.set(event.symbol, after);

  let closed: ClosedRoundTrip | undefined;
  let opened: OpenRoundTrip | undefined;
  const trip = tracker.open.get(event.symbol);
  if (trip !== undefined && (change === "reduce" || change === "close" || change === "reverse")) {
    trip.realizedPnl += event.realizedPnl;
  }
  if ((change === "close" || change === "reverse") && trip !== undefined) {
    closed = { ...trip, closeRound: event.round, closeOrderId: event.orderId };
    tracker.open.delete(event.symbol);
  }
  if (change === "add" && trip !== undefined) {
    trip.grossEntryNotional += mulFixed(absFixed(after - before), price);
  }
  if (change === "open" || change === "reverse") {
    const openingNotional = mulFixed(absFixed(after), price);
    opened = {
      symbol: event.symbol,
      side: after > 0n ? "long" : "short",
      openRound: event.round,
      openOrderId: event.orderId,
      openingNotional,
      grossEntryNotional: openingNotional,
      realizedPnl: 0n,
    };
    tracker.open.set(event.symbol, opened);
  }
  const notionalAfter = opened?.openingNotional ?? mulFixed(absFixed(after), price);
  return { fill: event, intent, before, after, change, price, notionalAfter, closed, opened };
}

/** The effect an intent would have: its position before and after, and the round trip it would change. */
export type IntentPreview = {
  before: Fixed;
  after: Fixed;
  change: OrderEffect;
  /** The round trip open in the intent's symbol, if any. */
  trip: OpenRoundTrip | undefined;
  /** |after| × the intent's price: the position's size if the order fills. */
  notionalAfter: Fixed;
  /** For an intent that closes or reverses: (price − average entry) × quantity before. */
  closingPnl: Fixed | undefined;
  /**
   * For an intent that closes or reverses: the round trip's realized P&L so far plus the P&L of
   * closing the rest at the intent's price, (price − average entry) × quantity before.
   */
  estimatedTripPnl: Fixed | undefined;
};

export function previewIntent(tracker: ExecutionTracker, intent: OrderIntentEvent): IntentPreview {
  checkIntentPosition(tracker, intent);
  const before = intent.position.quantity;
  const after = before + intent.quantity;
  const change = classifyOrderEffect(before, after);
  const trip = tracker.open.get(intent.symbol);
  const closingPnl =
    change === "close" || change === "reverse"
      ? mulFixed(intent.price - intent.position.averageEntryPrice, before)
      : undefined;
  const estimatedTripPnl = closingPnl !== undefined && trip !== undefined ? trip.realizedPnl + closingPnl : undefined;
  const notionalAfter = mulFixed(absFixed(after), intent.price);
  return { before, after, change, trip, notionalAfter, closingPnl, estimatedTripPnl };
}

/** The preview of `intent` against a log's reading, computed once however many rules ask. */
export function previewOnce(reading: LogReading, intent: OrderIntentEvent): IntentPreview {
  if (reading.previewed?.intent !== intent)
    reading.previewed = { intent, preview: previewIntent(reading.tracker, intent) };
  return reading.previewed.preview;
}

function checkIntentPosition(tracker: ExecutionTracker, intent: OrderIntentEvent): void {
  const held = tracker.positions.get(intent.symbol) ?? 0n;
  if (intent.position.quantity !== held) {
    throw new InvalidConductInputError(
      "activity log",
      [
        `intent ${intent.orderId} (round ${intent.round}, ${intent.symbol}) says the position is ${intent.position.quantity}, but the earlier fills leave ${held}`,
      ],
      activityLogHint,
    );
  }
}
