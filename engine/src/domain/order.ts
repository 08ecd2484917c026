import type { Fixed } from "../money/fixed.ts";

/** Buy adds to the signed position quantity, sell subtracts from it: long and short are one net position. */
export type OrderSide = "buy" | "sell";

type OrderFields = {
  /** The agent's identifier for the order, echoed in its fill or denial. */
  clientOrderId: string;
  /** Upper-case ticker of a dataset asset, e.g. "BTC", "EURUSD". */
  symbol: string;
  side: OrderSide;
  /**
   * Leverage of the margin posted for the quantity this order opens: initial margin = notional / leverage.
   * At least 1, at most two decimals (2.5 is fine, 2.333 is not). Default: the position's leverage
   * when adding to it, else 1. A position has one leverage: adding at another one is denied.
   */
  leverage?: number;
  /**
   * Stop-loss price of the position after this order (protective side: below the market for a
   * long, above for a short). Omitted: an existing position keeps its stop.
   */
  stopLoss?: Fixed;
};

/**
 * A market order: the only order type (seed 002, "market-only execution model"). It fills at the
 * round's price or is cancelled with a typed denial. Size it by quantity (units of the asset) or by
 * notional (quote currency at the fill price): exactly one of the two.
 */
export type Order = OrderFields &
  ({ quantity: Fixed; notional?: undefined } | { notional: Fixed; quantity?: undefined });

/** A request to move the stop-loss of an open position. Stops may only be tightened (seed 001). */
export type StopLossUpdate = {
  clientOrderId: string;
  symbol: string;
  stopLoss: Fixed;
};
