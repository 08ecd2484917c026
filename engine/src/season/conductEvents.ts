import type { MarketRound } from "../broker/marketTape.ts";
import type { OrderPreview } from "../broker/previewOrder.ts";
import type { FillEvent, OrderIntentEvent, StopChangeEvent } from "../conduct/agentActivity.ts";
import type { Account } from "../domain/account.ts";
import type { Fill } from "../domain/fill.ts";
import type { Position } from "../domain/position.ts";
import { type Fixed, mulFixed } from "../money/fixed.ts";

/**
 * Builders of the conduct rules' activity events (conduct/agentActivity.ts) from what the season
 * loop sees. Sizes are measured at the round's reference price, before slippage, as the rules require.
 */

/** The agent's order before any rule has seen it, with the position it would change. */
export function intentEvent(
  account: Account,
  preview: OrderPreview,
  round: MarketRound,
  orderId: string,
): OrderIntentEvent {
  const before = preview.before;
  const reference = preview.referencePrice;
  const position = account.positions[preview.asset.index];
  return {
    kind: "intent",
    round: round.index,
    time: round.time,
    orderId,
    symbol: preview.asset.symbol,
    quantity: preview.side === "buy" ? preview.quantity : -preview.quantity,
    price: reference,
    stopPrice: preview.order.stopLoss ?? null,
    equity: preview.equityBefore,
    position: {
      quantity: before.quantity,
      averageEntryPrice: before.averageEntryPrice,
      unrealizedPnl: before.quantity === 0n ? 0n : mulFixed(before.quantity, reference - before.averageEntryPrice),
      stopPrice: position?.stopLoss ?? null,
    },
  };
}

/** A fill as the conduct rules read it: signed quantity and the position it left. */
export function fillEvent(fill: Fill, orderId: string): FillEvent {
  return {
    kind: "fill",
    round: fill.round,
    time: fill.time,
    orderId,
    symbol: fill.symbol,
    quantity: fill.side === "buy" ? fill.quantity : -fill.quantity,
    price: fill.price,
    fee: fill.fee,
    realizedPnl: fill.realizedPnl,
    positionAfter: fill.positionAfter,
  };
}

/**
 * The stop change a filled order made, if any: a position opened (or reversed) with a stop gets its
 * first stop (previous null); a kept position whose stop the order moved gets the move. Closing a
 * position drops its stop without an event (the rules' convention).
 */
export function stopEventAfterOrder(
  beforeQuantity: Fixed,
  beforeStop: Fixed | undefined,
  after: Position | undefined,
  round: MarketRound,
): StopChangeEvent | undefined {
  if (after === undefined) return undefined;
  const reopened = beforeQuantity === 0n || beforeQuantity > 0n !== after.quantity > 0n;
  const previousStop = reopened ? null : (beforeStop ?? null);
  const newStop = after.stopLoss ?? null;
  if (previousStop === newStop) return undefined;
  return {
    kind: "stop",
    round: round.index,
    time: round.time,
    symbol: after.symbol,
    side: after.quantity > 0n ? "long" : "short",
    entryPrice: after.averageEntryPrice,
    previousStop,
    newStop,
  };
}

/** A requested move of an open position's stop, as the conduct rules judge it before it happens. */
export function stopChangeEvent(position: Position, newStop: Fixed, round: MarketRound): StopChangeEvent {
  return {
    kind: "stop",
    round: round.index,
    time: round.time,
    symbol: position.symbol,
    side: position.quantity > 0n ? "long" : "short",
    entryPrice: position.averageEntryPrice,
    previousStop: position.stopLoss ?? null,
    newStop,
  };
}
