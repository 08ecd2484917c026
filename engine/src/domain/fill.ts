import type { Fixed } from "../money/fixed.ts";
import type { ExclusionReason } from "./denial.ts";
import type { OrderSide } from "./order.ts";

/** What caused a fill: an agent's market order, a triggered stop-loss, or a forced liquidation. */
export type FillKind = "order" | "stopLoss" | "liquidation";

/** One execution. JSON-safe (bigints become decimal strings of 8-decimal fixed-point units). */
export type Fill = {
  kind: FillKind;
  entrantId: string;
  round: number;
  /** Unix seconds of the round's bar open. */
  time: number;
  symbol: string;
  side: OrderSide;
  /** Traded quantity, always > 0. */
  quantity: Fixed;
  /** Execution price, slippage included. */
  price: Fixed;
  /** quantity × price. */
  notional: Fixed;
  fee: Fixed;
  /** P&L realized by the quantity this fill closed, before fees. */
  realizedPnl: Fixed;
  /** Signed position quantity after the fill. */
  positionAfter: Fixed;
  /**
   * When the fill closes a position (fully, or by flipping it): the round trip's realized P&L net of
   * every fee paid on it. The metrics' closed trades (win rate, profit factor) are these.
   */
  closedTradePnl?: Fixed;
  excludedFromScoring: boolean;
  /** Why the fill is excluded from scoring (seed 003 constraints), when it is. */
  exclusions?: readonly ExclusionReason[];
  clientOrderId?: string;
};
