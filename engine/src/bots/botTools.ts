import type { AgentDecision } from "../agents/agent.ts";
import type { AssetObservation, PositionObservation, RoundObservation } from "../agents/roundObservation.ts";
import { slippedPrice } from "../broker/slippedPrice.ts";
import type { PositionSide } from "../domain/denial.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import { BPS_ONE, type Fixed } from "../money/fixed.ts";
import { SILENT_HOLD } from "../season/decisionRecord.ts";
import { observedEquity, observedPosition } from "../season/roundObservations.ts";

/**
 * What the built-in bots share: sizing, stops that satisfy the season's stop-loss rule, order
 * construction. Bots are deterministic functions of the observations they are given (plus a seeded
 * stream for the random one) and answer synchronously.
 */

/** The silent hold: the season loop recognises this very object and records nothing for it. */
export const HOLD: AgentDecision = SILENT_HOLD as AgentDecision;

/** Margin kept inside the season's maximum stop distance, so rounding and slippage never push a stop past it. */
const STOP_MARGIN_BPS = 10;

export function decision(orders: Order[], stopLossUpdates: StopLossUpdate[], reasoning: string): AgentDecision {
  if (orders.length === 0 && stopLossUpdates.length === 0) return reasoning === "" ? HOLD : { ...HOLD, reasoning };
  return { orders, stopLossUpdates, reasoning, outcome: "trade" };
}

/** Indices (in the observation's asset order) of the symbols a bot trades: all, or the listed ones present. */
export function assetIndices(observation: RoundObservation, symbols: readonly string[] | undefined): number[] {
  const indices: number[] = [];
  observation.assets.forEach((asset, i) => {
    if (symbols === undefined || symbols.includes(asset.symbol)) indices.push(i);
  });
  return indices;
}

/** The observation's position in `symbol` (in a season, built alone: observedPosition). */
export function positionOf(observation: RoundObservation, symbol: string): PositionObservation | undefined {
  return observedPosition(observation, symbol);
}

/** The season's highest leverage for the asset, or the bot's own if lower. */
export function leverageFor(observation: RoundObservation, symbol: string, wanted: number): number {
  return Math.min(wanted, observation.rules.maxLeverage[symbol] ?? 1);
}

/** Notional worth `shareBps` of equity as margin at `leverage`: equity × share × leverage. */
export function notionalFor(observation: RoundObservation, shareBps: number, leverage: number): Fixed {
  const equity = observedEquity(observation);
  if (equity <= 0n) return 0n;
  return (equity * BigInt(shareBps) * BigInt(Math.round(leverage * 100))) / (BPS_ONE * 100n);
}

/** The price a market order on `side` fills at this round (the season's slippage included). */
export function expectedFill(observation: RoundObservation, asset: AssetObservation, side: "buy" | "sell"): Fixed {
  return slippedPrice(asset.price, side, BigInt(observation.rules.slippageBps));
}

/**
 * A stop-loss `distanceBps` from `entry` on the protective side, kept inside the season's maximum
 * distance (seed 001: 8%) and strictly on the protective side of the round's price; undefined when
 * the season offers no stop orders (seed 002) or no such stop exists (the position is already
 * further under water than the maximum distance).
 */
export function protectiveStop(
  observation: RoundObservation,
  asset: AssetObservation,
  side: PositionSide,
  entry: Fixed,
  distanceBps: number,
): Fixed | undefined {
  const { rules } = observation;
  if (!rules.stopOrders) return undefined;
  const max = rules.stopLossMaxDistanceBps;
  const bps = BigInt(Math.max(1, max === undefined ? distanceBps : Math.min(distanceBps, max - STOP_MARGIN_BPS)));
  if (side === "long") {
    // Rounded up: the stop may only be nearer the entry than the distance, never further.
    const stop = (entry * (BPS_ONE - bps) + BPS_ONE - 1n) / BPS_ONE;
    return stop > 0n && stop < asset.price ? stop : undefined;
  }
  const stop = (entry * (BPS_ONE + bps)) / BPS_ONE;
  return stop > asset.price ? stop : undefined;
}

/** An order opening (or adding to) a position, by notional, with its stop when the season offers stops. */
export function openOrder(
  clientOrderId: string,
  asset: AssetObservation,
  side: PositionSide,
  notional: Fixed,
  leverage: number,
  stopLoss: Fixed | undefined,
): Order {
  const order: Order = { clientOrderId, symbol: asset.symbol, side: side === "long" ? "buy" : "sell", notional };
  if (leverage !== 1) order.leverage = leverage;
  if (stopLoss !== undefined) order.stopLoss = stopLoss;
  return order;
}

/** An order closing a whole position. */
export function closeOrder(clientOrderId: string, position: PositionObservation): Order {
  return {
    clientOrderId,
    symbol: position.symbol,
    side: position.side === "long" ? "sell" : "buy",
    quantity: position.quantity,
  };
}

/** The average entry after adding `notional` at `fill` to a position (the broker's formula, for sizing stops). */
export function averageAfterAdd(position: PositionObservation, notional: Fixed, fill: Fixed): Fixed {
  const added = (notional * 100_000_000n) / fill;
  const quantity = position.quantity + added;
  if (quantity === 0n) return fill;
  return (position.quantity * position.entryPrice + added * fill) / quantity;
}
