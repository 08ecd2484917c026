import type { Fixed } from "../money/fixed.ts";

/**
 * The input of every conduct rule: one entrant's chronological activity log, as the core records it.
 * Small and JSON-safe (money is `Fixed`, which canonical JSON writes as an integer string; "none"
 * is `null`, never `undefined`). Conduct rules read it; they never change it.
 *
 * Order of events: non-decreasing `round` and `time`. An order's intent comes before its fill, and
 * both are in the same round (market orders fill or are cancelled in the round they are sent). An
 * intent without a fill was denied or cancelled: conduct scans ignore it. Fills without an intent
 * (a stop-loss or a forced liquidation the risk engine executed) are real trades and count.
 * The log starts flat: every position's quantity follows from the fills before it.
 */

/** An open position as the core sees it just before an order, valued at the round's price. */
export type PositionSnapshot = {
  /** Signed quantity in units of the asset: > 0 long, < 0 short, 0 flat. */
  quantity: Fixed;
  /** Average entry price of the open quantity; 0 when flat. */
  averageEntryPrice: Fixed;
  /** Unrealized P&L of the open quantity at the round's price; 0 when flat. */
  unrealizedPnl: Fixed;
  /** The position's stop-loss price; null when flat or when no stop is set. */
  stopPrice: Fixed | null;
};

type Stamp = {
  /** Round index, from 0. */
  round: number;
  /** Unix time in seconds (UTC) of the round. */
  time: number;
};

/** An order the agent asked for, before any rule looked at it. */
export type OrderIntentEvent = Stamp & {
  kind: "intent";
  /** Unique within the entrant's log; its fill carries the same id. */
  orderId: string;
  symbol: string;
  /** Signed quantity to trade: > 0 buys, < 0 sells. */
  quantity: Fixed;
  /** The round's reference price (before slippage): every size a conduct rule measures uses it. */
  price: Fixed;
  /** Stop-loss asked for the resulting position; null keeps the current stop (none when opening). */
  stopPrice: Fixed | null;
  /** Portfolio equity just before the order (for sizes measured as leverage or share of equity). */
  equity: Fixed;
  /** The position in `symbol` just before the order. */
  position: PositionSnapshot;
};

/** A trade that happened: an agent order's fill, or a stop/liquidation executed by the risk engine. */
export type FillEvent = Stamp & {
  kind: "fill";
  /** The intent's id for an agent order; any other unique id for a risk-engine execution. */
  orderId: string;
  symbol: string;
  /** Signed quantity traded: > 0 bought, < 0 sold. */
  quantity: Fixed;
  /** Execution price, slippage included. */
  price: Fixed;
  fee: Fixed;
  /** Realized P&L of the part of the position this fill reduced or closed, before fees; 0 if it only added. */
  realizedPnl: Fixed;
  /** Signed position quantity right after the fill. */
  positionAfter: Fixed;
};

/**
 * A change of an open position's stop-loss (placing, moving or removing it). The core records one
 * whenever a stop changes, whether an order or a separate request changed it. Closing a position
 * drops its stop without an event; a reversed position's first stop has `previousStop: null`.
 */
export type StopChangeEvent = Stamp & {
  kind: "stop";
  symbol: string;
  side: LongOrShort;
  /** Average entry price of the position when the stop changed. */
  entryPrice: Fixed;
  /** null: the position had no stop (this event places the first one). */
  previousStop: Fixed | null;
  /** null: the stop is removed. */
  newStop: Fixed | null;
};

/** The portfolio marked to market at the end of a round. */
export type MarkEvent = Stamp & {
  kind: "mark";
  equity: Fixed;
};

/**
 * What the agent answered in a decision round. `orders` and `hold` (an explicit "do nothing") are
 * valid replies and make the round's hour active; `invalid` (an unusable reply) and `missing`
 * (no reply, timeout, error) are not.
 */
export const decisionOutcomes = ["orders", "hold", "invalid", "missing"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export type DecisionEvent = Stamp & {
  kind: "decision";
  outcome: DecisionOutcome;
};

export type ActivityEvent = OrderIntentEvent | FillEvent | StopChangeEvent | MarkEvent | DecisionEvent;

/** One entrant's log. Append-only: detectors cache their reading of `events` by array identity. */
export type AgentActivity = {
  entrant: string;
  events: readonly ActivityEvent[];
  /**
   * How many events were dropped from the front of `events` after every rule had read them
   * (`ConductPolicy.release`): `events[i]` is the log's event number `released + i`. Absent: 0,
   * the whole log.
   */
  released?: number;
};

/** A log whose read events conduct rules may drop (`ConductPolicy.release`, `StrategyDetector.release`). */
export type ReleasableActivity = {
  entrant: string;
  events: ActivityEvent[];
  released?: number;
};

/** What a season may ask a detector about before it happens: an order, or a stop-loss change. */
export type ConductIntent = OrderIntentEvent | StopChangeEvent;

export type LongOrShort = "long" | "short";

/** The side of a signed quantity; undefined when flat. */
export function sideOf(quantity: Fixed): LongOrShort | undefined {
  if (quantity > 0n) return "long";
  if (quantity < 0n) return "short";
  return undefined;
}
