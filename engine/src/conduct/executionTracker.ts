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
  /**
   * Intents of the current round not yet filled (older ones were denied or cancelled), but for
   * `lastIntent`, whose id is never a key here: a fill usually follows its intent at once, and
   * then pairing them takes no map work. Created on first use.
   */
  pending: Map<string, OrderIntentEvent> | undefined;
  /**
   * Whether `pending` may hold an entry: false in the usual intent-then-fill case, so that the
   * map (one more cold object per entrant) is not touched at all.
   */
  pendingUsed: boolean;
  /** The last intent, while it is not filled. */
  lastIntent: OrderIntentEvent | undefined;
  pendingRound: number;
  /**
   * Per symbol traded, in the order first seen: its name, its position and its open round trip
   * (undefined: none), three slots each. One small array read by a short scan: an entrant trades
   * few symbols, and two maps (four cold objects per entrant) cost more than the scan.
   */
  book: (string | Fixed | OpenRoundTrip | undefined)[];
};

export function createExecutionTracker(): ExecutionTracker {
  return { pending: undefined, pendingUsed: false, lastIntent: undefined, pendingRound: -1, book: [] };
}

/** The index of `symbol`'s slots in `book`; -1 when it was never traded. */
function bookSlot(book: ExecutionTracker["book"], symbol: string): number {
  for (let i = 0; i < book.length; i += 3) if (book[i] === symbol) return i;
  return -1;
}

/** The position the tracked fills leave in `symbol` (0 when none). */
export function trackedPosition(tracker: ExecutionTracker, symbol: string): Fixed {
  const slot = bookSlot(tracker.book, symbol);
  return slot < 0 ? 0n : (tracker.book[slot + 1] as Fixed);
}

/** The round trip open in `symbol`, if any. */
export function openTrip(tracker: ExecutionTracker, symbol: string): OpenRoundTrip | undefined {
  const slot = bookSlot(tracker.book, symbol);
  return slot < 0 ? undefined : (tracker.book[slot + 2] as OpenRoundTrip | undefined);
}

/** Advances the tracker by one event; returns the execution when the event is a fill. */
export function trackEvent(tracker: ExecutionTracker, event: ActivityEvent): Execution | undefined {
  if (event.kind === "intent") {
    if (event.round !== tracker.pendingRound) {
      // Earlier rounds' intents that never filled were denied or cancelled.
      if (tracker.pendingUsed) {
        tracker.pending?.clear();
        tracker.pendingUsed = false;
      }
      tracker.lastIntent = undefined;
      tracker.pendingRound = event.round;
    }
    checkIntentPosition(tracker, event);
    const last = tracker.lastIntent;
    if (last !== undefined) {
      tracker.pending ??= new Map();
      tracker.pending.set(last.orderId, last);
      tracker.pendingUsed = true;
    }
    if (tracker.pendingUsed) tracker.pending?.delete(event.orderId); // a repeated id: the newer intent replaces it
    tracker.lastIntent = event;
    return undefined;
  }
  if (event.kind !== "fill") return undefined;

  const book = tracker.book;
  let slot = bookSlot(book, event.symbol);
  const held = slot < 0 ? 0n : (book[slot + 1] as Fixed);
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
  let intent: OrderIntentEvent | undefined;
  if (tracker.lastIntent?.orderId === event.orderId) {
    intent = tracker.lastIntent;
    tracker.lastIntent = undefined;
  } else if (tracker.pendingUsed && tracker.pending !== undefined) {
    intent = tracker.pending.get(event.orderId);
    tracker.pending.delete(event.orderId);
  }
  const after = event.positionAfter;
  const change = classifyOrderEffect(before, after);
  const price = intent?.price ?? event.price;
  if (slot < 0) {
    slot = book.length;
    book.push(event.symbol, after, undefined);
  } else book[slot + 1] = after;

  let closed: ClosedRoundTrip | undefined;
  let opened: OpenRoundTrip | undefined;
  const trip = book[slot + 2] as OpenRoundTrip | undefined;
  if (trip !== undefined && (change === "reduce" || change === "close" || change === "reverse")) {
    trip.realizedPnl += event.realizedPnl;
  }
  if ((change === "close" || change === "reverse") && trip !== undefined) {
    closed = {
      symbol: trip.symbol,
      side: trip.side,
      openRound: trip.openRound,
      openOrderId: trip.openOrderId,
      openingNotional: trip.openingNotional,
      grossEntryNotional: trip.grossEntryNotional,
      realizedPnl: trip.realizedPnl,
      closeRound: event.round,
      closeOrderId: event.orderId,
    };
    book[slot + 2] = undefined;
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
    book[slot + 2] = opened;
  }
  // A close leaves nothing: |0| × price is 0 without the multiplication.
  const notionalAfter = opened?.openingNotional ?? (after === 0n ? 0n : mulFixed(absFixed(after), price));
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

/** `checked`: the tracker read `intent` last, so it checked its position against the same fills. */
export function previewIntent(tracker: ExecutionTracker, intent: OrderIntentEvent, checked = false): IntentPreview {
  if (!checked) checkIntentPosition(tracker, intent);
  const before = intent.position.quantity;
  const after = before + intent.quantity;
  const change = classifyOrderEffect(before, after);
  const trip = openTrip(tracker, intent.symbol);
  const closingPnl =
    change === "close" || change === "reverse"
      ? mulFixed(intent.price - intent.position.averageEntryPrice, before)
      : undefined;
  const estimatedTripPnl = closingPnl !== undefined && trip !== undefined ? trip.realizedPnl + closingPnl : undefined;
  return new Preview(before, after, change, trip, closingPnl, estimatedTripPnl, intent.price);
}

/** An intent's preview whose size is computed when a rule first reads it: only sizing rules do. */
class Preview implements IntentPreview {
  readonly before: Fixed;
  readonly after: Fixed;
  readonly change: OrderEffect;
  readonly trip: OpenRoundTrip | undefined;
  readonly closingPnl: Fixed | undefined;
  readonly estimatedTripPnl: Fixed | undefined;
  readonly #price: Fixed;
  #notionalAfter: Fixed | undefined;

  constructor(
    before: Fixed,
    after: Fixed,
    change: OrderEffect,
    trip: OpenRoundTrip | undefined,
    closingPnl: Fixed | undefined,
    estimatedTripPnl: Fixed | undefined,
    price: Fixed,
  ) {
    this.before = before;
    this.after = after;
    this.change = change;
    this.trip = trip;
    this.closingPnl = closingPnl;
    this.estimatedTripPnl = estimatedTripPnl;
    this.#price = price;
  }

  get notionalAfter(): Fixed {
    if (this.#notionalAfter === undefined) {
      this.#notionalAfter = this.after === 0n ? 0n : mulFixed(absFixed(this.after), this.#price);
    }
    return this.#notionalAfter;
  }
}

function checkIntentPosition(tracker: ExecutionTracker, intent: OrderIntentEvent): void {
  const held = trackedPosition(tracker, intent.symbol);
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
