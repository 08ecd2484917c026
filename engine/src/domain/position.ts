import { type Fixed, mulFixed } from "../money/fixed.ts";

/**
 * An open net position in one asset. Mutable object owned by its account. The unrealized P&L is
 * not stored: it is a function of quantity, entry and mark (positionUnrealizedPnl), computed where
 * it is read, which is far less often than every position is marked. Neither is the mark written
 * at every mark: see createPosition.
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
  /**
   * The last price the position was marked at (its unrealized P&L follows: positionUnrealizedPnl).
   * For a position made by createPosition: the account's `markedAt[assetIndex]` while that is set.
   */
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

/** What a position reads its mark through: the account's last whole-book mark (Account.markedAt). */
type MarkOwner = { readonly markedAt: readonly Fixed[] | undefined };

/**
 * A position whose mark is the owner's `markedAt[assetIndex]` while the owner has one (the whole
 * book was marked at those prices), and the stored price otherwise: a mark of the whole book then
 * writes no position object (they are scattered over the heap: a write each was a cache miss per
 * open position per round). Whoever clears `markedAt` first stores the marks (storeMarks in
 * account.ts). Writing `markPrice` while `markedAt` is set is meant for the same price only. A
 * closed position (out of the book) still follows the account's marks: its mark means nothing.
 */
class LazilyMarkedPosition implements Position {
  symbol: string;
  assetIndex: number;
  quantity: Fixed;
  averageEntryPrice: Fixed;
  stopLoss: Fixed | undefined;
  leverage: number;
  margin: Fixed;
  realizedPnl: Fixed;
  fees: Fixed;
  openedAtRound: number;
  excludedFromScoring: boolean;
  storedMark: Fixed;
  readonly owner: MarkOwner;

  constructor(fields: Position, owner: MarkOwner) {
    this.symbol = fields.symbol;
    this.assetIndex = fields.assetIndex;
    this.quantity = fields.quantity;
    this.averageEntryPrice = fields.averageEntryPrice;
    this.stopLoss = fields.stopLoss;
    this.leverage = fields.leverage;
    this.margin = fields.margin;
    this.realizedPnl = fields.realizedPnl;
    this.fees = fields.fees;
    this.openedAtRound = fields.openedAtRound;
    this.excludedFromScoring = fields.excludedFromScoring;
    this.storedMark = fields.markPrice;
    this.owner = owner;
  }

  get markPrice(): Fixed {
    const prices = this.owner.markedAt;
    return prices === undefined ? this.storedMark : (prices[this.assetIndex] as Fixed);
  }

  set markPrice(price: Fixed) {
    this.storedMark = price;
  }
}

/** A position of `owner`'s book whose mark follows the owner's whole-book marks (see LazilyMarkedPosition). */
export function createPosition(fields: Position, owner: MarkOwner): Position {
  return new LazilyMarkedPosition(fields, owner);
}
