import { type Fixed, mulFixed } from "../money/fixed.ts";

/**
 * An open net position in one asset. Plain mutable object owned by its account (the per-mark path
 * updates `markPrice` in place). The unrealized P&L is not stored: it is a function of quantity,
 * entry and mark (positionUnrealizedPnl), computed where it is read, which is far less often than
 * every position is marked.
 *
 * Value conventions (see broker/README.md):
 * - margin = |quantity| × averageEntryPrice / leverage, posted from cash when opened, released pro
 *   rata when reduced;
 * - unrealizedPnl = quantity × (markPrice − averageEntryPrice), rounded half away from zero;
 * - the position's marked value = margin + unrealizedPnl.
 */
export type Position = {
  symbol: string;
  /** Index of the asset in the season's universe (the order of the dataset's assets). */
  assetIndex: number;
  /** Signed quantity: > 0 long, < 0 short. Never 0 (a flat asset has no position). */
  quantity: Fixed;
  /** Quantity-weighted average fill price of the fills that opened or increased the position. */
  averageEntryPrice: Fixed;
  /** The stop-loss price, if any: below the market for a long, above it for a short. */
  stopLoss: Fixed | undefined;
  /** Leverage the position's margin was posted at. */
  leverage: number;
  /** Initial margin still posted for the open quantity. */
  margin: Fixed;
  /** The last price the position was marked at (its unrealized P&L follows: positionUnrealizedPnl). */
  markPrice: Fixed;
  /** Realized P&L of the fills that reduced the position since it was opened (before fees). */
  realizedPnl: Fixed;
  /** Fees of every fill of this position since it was opened. */
  fees: Fixed;
  openedAtRound: number;
  /**
   * True once any fill of the position breached a tournament constraint the season excludes from
   * scoring (seed 003): the whole position is then left out of scored equity until it is closed.
   */
  excludedFromScoring: boolean;
};

/** quantity × (markPrice − averageEntryPrice), rounded half away from zero (mulFixed). */
export function positionUnrealizedPnl(position: Pick<Position, "quantity" | "markPrice" | "averageEntryPrice">): Fixed {
  return mulFixed(position.quantity, position.markPrice - position.averageEntryPrice);
}
