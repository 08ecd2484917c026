import type { Fixed } from "../money/fixed.ts";

/**
 * An open net position in one asset. Plain mutable object owned by its account (the per-mark path
 * updates `markPrice` and `unrealizedPnl` in place, allocation-free apart from the bigints).
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
  /** The last price the position was marked at. */
  markPrice: Fixed;
  /** quantity × (markPrice − averageEntryPrice). */
  unrealizedPnl: Fixed;
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
