import type { MarkLanePool } from "../broker/quietMark.ts";
import { type Fixed, mulFixed } from "../money/fixed.ts";
import type { EntrantStatus, PauseReason } from "./entrantStatus.ts";
import { type Position, positionUnrealizedPnl } from "./position.ts";

/**
 * One entrant's book. A plain mutable object: the broker and the risk engine update it in place so
 * that the per-mark path allocates nothing but bigints.
 *
 * Identity (tested): equity = cash + Σ (position.margin + positionUnrealizedPnl(position)).
 * Cash is free cash: initial margin leaves it when a position opens and comes back, with the
 * realized P&L, when it is reduced; fees are paid from it. Hence also
 * equity = startingCapital + realizedPnl − feesPaid + Σ unrealizedPnl.
 */
export type Account = {
  entrantId: string;
  status: EntrantStatus;
  /** Round at which the status became final (terminated, eliminated, ...): the score is frozen there. */
  finalAtRound: number | undefined;
  /** Why the entrant is paused, while it is. */
  pauseReason: PauseReason | undefined;
  /** Unix seconds: rounds whose bar opens at or after this time may trade again. 0 when not paused. */
  pausedUntil: number;
  startingCapital: Fixed;
  cash: Fixed;
  /** Open positions by asset index (see Universe); undefined where flat. */
  positions: (Position | undefined)[];
  openPositionCount: number;
  /** Cumulative realized P&L of every fill, before fees. */
  realizedPnl: Fixed;
  feesPaid: Fixed;
  /** Equity at the last mark or fill. */
  equity: Fixed;
  /**
   * The price array (a MarketRound's closes or order prices) every position was last marked at, or
   * undefined when a fill has changed the book since. Lets an order at the prices of the last mark
   * skip re-marking the whole book: the hot path of a season whose orders fill at the close. While
   * it is set, positions made by createPosition read their mark from it: clear it through storeMarks.
   */
  markedAt: readonly Fixed[] | undefined;
  /** Highest marked equity of the season, starting capital included (seed 001's high-water mark). */
  highWaterMark: Fixed;
  /** UTC day number (unix seconds / 86,400) of the last round the account saw. */
  day: number;
  /** Equity at the last mark before the current UTC day's first round (seed 001's daily reference). */
  dayStartEquity: Fixed;
  /** Index of the last round the account saw, -1 before the first. */
  lastRound: number;
  /** FILLED orders (stop-loss and liquidation fills are not the agent's trades). */
  orderFillCount: number;
  /**
   * Realized P&L net of fees of closed positions that were excluded from scoring (seed 003).
   * Scored equity leaves it out, together with the unrealized P&L of open excluded positions.
   */
  excludedPnl: Fixed;
  /**
   * Incremented by every change of the book (fills, stop-loss moves): lets per-entrant caches see
   * that the positions changed. Change the book only through the broker and the risk engine.
   */
  bookVersion: number;
  /**
   * The pool holding the book as integer doubles for the quiet mark (broker/quietMark.ts), as of a
   * `bookVersion`, and the offset of the account's slot in it; undefined and -1 before the first.
   */
  markPool: MarkLanePool | undefined;
  markSlot: number;
  /**
   * Incremented by every change of a value the mark floors read (high-water mark, day-start equity,
   * starting capital, status): the risk engine's floor cache below is valid while it is unchanged.
   * Change those values only through the risk engine (or bump this).
   */
  referenceVersion: number;
  /** The `referenceVersion` the mark floor cache was computed at (risk/markFloors.ts); -1: never. */
  markFloorVersion: number;
  /** The highest of the mark rules' floors (undefined: none can fire), and it as a double (-∞ for none). */
  markFloor: Fixed | undefined;
  markFloorUnits: number;
  /** Number(highWaterMark): compared with an exact double equity, it gives the bigint comparison's answer. */
  highWaterUnits: number;
  /**
   * The `bookVersion` and `referenceVersion` of the last mark taken flat and at or above every
   * floor; -1 before. While both are unchanged, a flat account's mark finds the same cash, high-water
   * mark and floors: the risk engine skips it on rounds on which only floored rules act.
   */
  quietFlatBook: number;
  quietFlatReference: number;
};

export type CreateAccountParameters = {
  entrantId: string;
  startingCapital: Fixed;
  /** Number of assets in the season's universe. */
  assetCount: number;
};

export function createAccount({ entrantId, startingCapital, assetCount }: CreateAccountParameters): Account {
  return {
    entrantId,
    status: "active",
    finalAtRound: undefined,
    pauseReason: undefined,
    pausedUntil: 0,
    startingCapital,
    cash: startingCapital,
    positions: new Array<Position | undefined>(assetCount).fill(undefined),
    openPositionCount: 0,
    realizedPnl: 0n,
    feesPaid: 0n,
    equity: startingCapital,
    markedAt: undefined,
    highWaterMark: startingCapital,
    day: Number.NEGATIVE_INFINITY,
    dayStartEquity: startingCapital,
    lastRound: -1,
    orderFillCount: 0,
    excludedPnl: 0n,
    bookVersion: 0,
    markPool: undefined,
    markSlot: -1,
    referenceVersion: 0,
    markFloorVersion: -1,
    markFloor: undefined,
    markFloorUnits: Number.NEGATIVE_INFINITY,
    highWaterUnits: Number(startingCapital),
    quietFlatBook: -1,
    quietFlatReference: -1,
  };
}

/** Σ unrealized P&L of the open positions at their last marks. */
export function totalUnrealizedPnl(account: Account): Fixed {
  let sum = 0n;
  for (const position of account.positions) if (position !== undefined) sum += positionUnrealizedPnl(position);
  return sum;
}

/** Σ margin posted by the open positions. */
export function totalMargin(account: Account): Fixed {
  let sum = 0n;
  for (const position of account.positions) if (position !== undefined) sum += position.margin;
  return sum;
}

/** Σ |quantity| × markPrice: the book's gross market value at the last marks (exposure = this / equity). */
export function grossNotional(account: Account): Fixed {
  let sum = 0n;
  for (const position of account.positions) {
    if (position === undefined) continue;
    sum += mulFixed(position.quantity < 0n ? -position.quantity : position.quantity, position.markPrice);
  }
  return sum;
}

/** cash + Σ (margin + unrealized P&L), from the positions' last marks: the definition of equity. */
export function computeEquity(account: Account): Fixed {
  return account.cash + totalMargin(account) + totalUnrealizedPnl(account);
}

/**
 * Equity without what seed 003 filters from the leaderboard: the P&L (realized, unrealized and
 * fees) of positions opened or increased by excluded trades.
 */
export function scoredEquity(account: Account): Fixed {
  let excludedOpen = 0n;
  for (const position of account.positions) {
    if (position?.excludedFromScoring)
      excludedOpen += position.realizedPnl - position.fees + positionUnrealizedPnl(position);
  }
  return account.equity - account.excludedPnl - excludedOpen;
}

/**
 * Stores the book's marks in its positions and clears `markedAt` (a fill is about to change one
 * position): positions read their marks from `markedAt` while it is set (createPosition).
 */
export function storeMarks(account: Account): void {
  const prices = account.markedAt;
  if (prices === undefined) return;
  account.markedAt = undefined;
  for (const position of account.positions)
    if (position !== undefined) position.markPrice = prices[position.assetIndex] as Fixed;
}
