import type { Account } from "../domain/account.ts";
import type { Position } from "../domain/position.ts";
import { exactMulFixedSplit, highLimb, isExactUnits } from "../money/exactMulFixed.ts";
import { exactToFixed } from "../money/exactToFixed.ts";
import type { Fixed } from "../money/fixed.ts";
import { fixedToUnits } from "../money/fixedToUnits.ts";
import type { MarketRound } from "./marketTape.ts";

/**
 * A round's prices as integer doubles (fixed-point units), converted once per round for every
 * account's quiet mark. For the stop check, each asset's lowest and highest price of the bar, its
 * open included (a stop the open gapped through is reached too).
 */
export type RoundUnits = {
  round: MarketRound;
  closes: Float64Array;
  lows: Float64Array;
  highs: Float64Array;
  /** Every price converted exactly (below 2^53 units); otherwise the quiet mark is never taken. */
  exact: boolean;
};

export function roundUnits(round: MarketRound): RoundUnits {
  const count = round.closes.length;
  const units: RoundUnits = {
    round,
    closes: new Float64Array(count),
    lows: new Float64Array(count),
    highs: new Float64Array(count),
    exact: true,
  };
  for (let i = 0; i < count; i++) {
    const close = Number(round.closes[i] as Fixed);
    const bar = round.bars[i];
    // No bar: no stop is checked (triggerStopLosses skips the asset), so no price may reach it.
    const open = bar === undefined ? Number.NaN : Number(bar.open);
    const low = bar === undefined ? Number.NaN : Math.min(open, Number(bar.low));
    const high = bar === undefined ? Number.NaN : Math.max(open, Number(bar.high));
    units.closes[i] = close;
    units.lows[i] = low;
    units.highs[i] = high;
    units.exact &&= isExactUnits(close) && (bar === undefined || (isExactUnits(low) && isExactUnits(high)));
  }
  return units;
}

/**
 * Every account's book as integer doubles for the quiet mark, in one contiguous array owned by a
 * risk engine: a slot per account, assigned at its first quiet mark (Account.markPool/markSlot),
 * so that a round's marks walk the memory in order instead of one small array per account.
 */
export type MarkLanePool = {
  lanes: Float64Array;
  /** Doubles per slot. */
  readonly stride: number;
  /** Offset in a slot of its margins (one per lane, after the lanes: the mark does not read them). */
  readonly margins: number;
  /** Doubles in use (the next slot's offset). */
  used: number;
};

// Slot layout: a header, then per open position (in asset order) its asset index, quantity,
// average entry, stop (NaN: none) and |quantity|'s limbs (exactMulFixedSplit), all as integer
// doubles; then the positions' margins, lane by lane.
const VERSION = 0; // Account.bookVersion the slot was written at; -1: never
const BASE = 1; // cash + Σ margin
const EXACT = 2; // 1 when every amount converted exactly
const COUNT = 3; // open positions
const HEADER = 4;
const LANE = 6;

export function createMarkLanePool(assetCount: number): MarkLanePool {
  const margins = HEADER + assetCount * LANE;
  const stride = margins + assetCount;
  return { lanes: new Float64Array(stride * 64), stride, margins, used: 0 };
}

/** The offset of the account's slot in the pool, assigned (the pool grown) on first use. */
function slotOf(account: Account, pool: MarkLanePool): number {
  if (account.markPool === pool) return account.markSlot;
  const at = pool.used;
  if (at + pool.stride > pool.lanes.length) {
    const grown = new Float64Array(pool.lanes.length * 2);
    grown.set(pool.lanes);
    pool.lanes = grown;
  }
  pool.used = at + pool.stride;
  pool.lanes[at + VERSION] = -1;
  account.markPool = pool;
  account.markSlot = at;
  return at;
}

/** Writes a position into the lane at `lane` (margin at `margin`). */
function writeLane(lanes: Float64Array, lane: number, margin: number, assetIndex: number, position: Position): void {
  const quantity = fixedToUnits(position.quantity);
  lanes[lane] = assetIndex;
  lanes[lane + 1] = quantity;
  lanes[lane + 2] = fixedToUnits(position.averageEntryPrice);
  lanes[lane + 3] = position.stopLoss === undefined ? Number.NaN : fixedToUnits(position.stopLoss);
  const high = highLimb(quantity);
  lanes[lane + 4] = high;
  lanes[lane + 5] = (quantity < 0 ? -quantity : quantity) - high * 1e8;
  lanes[margin] = fixedToUnits(position.margin);
}

/**
 * Completes the slot at `at` from its `count` lanes and the cash: the base (cash, then each margin
 * in lane order) and whether every amount is exact (a stop of NaN is none), as of `version`.
 */
function sealSlot(lanes: Float64Array, at: number, margins: number, count: number, cash: Fixed, version: number): void {
  let base = fixedToUnits(cash);
  let exact = isExactUnits(base);
  for (let k = 0, lane = at + HEADER; k < count; k++, lane += LANE) {
    const margin = lanes[at + margins + k] as number;
    const stop = lanes[lane + 3] as number;
    base += margin;
    exact &&=
      isExactUnits(lanes[lane + 1] as number) &&
      isExactUnits(lanes[lane + 2] as number) &&
      isExactUnits(margin) &&
      isExactUnits(base) &&
      (Number.isNaN(stop) || isExactUnits(stop));
  }
  lanes[at + VERSION] = version;
  lanes[at + BASE] = base;
  lanes[at + EXACT] = exact ? 1 : 0;
  lanes[at + COUNT] = count;
}

/** Writes the book into the slot at `at` (after it changed: Account.bookVersion). */
function writeSlot(account: Account, pool: MarkLanePool, at: number): void {
  const lanes = pool.lanes;
  const positions = account.positions;
  let count = 0;
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    if (position === undefined) continue;
    writeLane(lanes, at + HEADER + count * LANE, at + pool.margins + count, i, position);
    count++;
  }
  sealSlot(lanes, at, pool.margins, count, account.cash, account.bookVersion);
}

/**
 * Brings the slot up to date after one change of the book's position in `assetIndex` (a fill, a
 * stop move: one Account.bookVersion step from `versionBefore`), right after it: only that
 * position (just written, in the cache) is read, not the whole book, whose bigints are scattered
 * over the heap and cold by the next mark. Does nothing unless the slot held the book as of
 * `versionBefore`: the next quiet mark then writes it all.
 */
export function refreshMarkLane(account: Account, assetIndex: number, versionBefore: number): void {
  const pool = account.markPool;
  if (pool === undefined || account.bookVersion !== versionBefore + 1) return;
  const lanes = pool.lanes;
  const at = account.markSlot;
  if (lanes[at + VERSION] !== versionBefore) return;
  const margins = at + pool.margins;
  let count = lanes[at + COUNT] as number;
  // The lane of the asset, or where it goes (lanes are in asset order).
  let k = 0;
  while (k < count && (lanes[at + HEADER + k * LANE] as number) < assetIndex) k++;
  const found = k < count && lanes[at + HEADER + k * LANE] === assetIndex;
  const position = account.positions[assetIndex];
  if (position === undefined) {
    if (found) {
      lanes.copyWithin(at + HEADER + k * LANE, at + HEADER + (k + 1) * LANE, at + HEADER + count * LANE);
      lanes.copyWithin(margins + k, margins + k + 1, margins + count);
      count--;
    }
  } else {
    if (!found) {
      lanes.copyWithin(at + HEADER + (k + 1) * LANE, at + HEADER + k * LANE, at + HEADER + count * LANE);
      lanes.copyWithin(margins + k + 1, margins + k, margins + count);
      count++;
    }
    writeLane(lanes, at + HEADER + k * LANE, margins + k, assetIndex, position);
  }
  sealSlot(lanes, at, pool.margins, count, account.cash, account.bookVersion);
}

/** Doubles per position lane of a slot: asset index, quantity, average entry, stop, |quantity|'s limbs. */
export const MARK_LANE = LANE;

/**
 * The offset in `account.markPool.lanes` of the account's first position lane when its slot holds
 * the current book (Account.bookVersion) exactly, else -1; `markLaneEnd` is then the offset past its
 * last lane. After a quiet mark (and before the book changes) it is current: a rule of that mark
 * may read the quantities there, in asset order, instead of the positions' bigints.
 */
export function currentMarkLanes(account: Account): number {
  const pool = account.markPool;
  if (pool === undefined) return -1;
  const at = account.markSlot;
  const lanes = pool.lanes;
  return lanes[at + VERSION] === account.bookVersion && lanes[at + EXACT] === 1 ? at + HEADER : -1;
}

/** The offset past the last position lane of the slot whose first lane `currentMarkLanes` gave. */
export function markLaneEnd(lanes: Float64Array, first: number): number {
  return first + (lanes[first - HEADER + COUNT] as number) * LANE;
}

/**
 * The mark of a round in which no stop is reached, on the account's slot of `pool`: the same
 * equity and `markedAt` as triggerStopLosses + markToMarket, without reading the positions'
 * bigints (they are scattered over the heap; the slot is rewritten only after the book changes),
 * nor writing the positions' marks (they read `markedAt`: createPosition). Returns the new equity
 * as an integer double, exact; NaN, changing nothing, when a stop is reached or an amount is
 * beyond the exact range of doubles: the caller then runs the full path.
 */
export function quietMark(account: Account, units: RoundUnits, pool: MarkLanePool): number {
  if (!units.exact) return Number.NaN;
  const at = slotOf(account, pool);
  const lanes = pool.lanes;
  if (lanes[at + VERSION] !== account.bookVersion) writeSlot(account, pool, at);
  if (lanes[at + EXACT] !== 1) return Number.NaN;
  const end = at + HEADER + (lanes[at + COUNT] as number) * LANE;
  let equity = lanes[at + BASE] as number;
  for (let lane = at + HEADER; lane < end; lane += LANE) {
    const i = lanes[lane] as number;
    const quantity = lanes[lane + 1] as number;
    const stop = lanes[lane + 3] as number;
    // A long's stop is reached at or above the bar's low (or open), a short's at or below its high.
    if (quantity > 0 ? (units.lows[i] as number) <= stop : (units.highs[i] as number) >= stop) return Number.NaN;
    const move = (units.closes[i] as number) - (lanes[lane + 2] as number);
    equity += exactMulFixedSplit(quantity, lanes[lane + 4] as number, lanes[lane + 5] as number, move);
  }
  // NaN (a product out of range) fails this too.
  if (!isExactUnits(equity)) return Number.NaN;
  account.markedAt = units.round.closes;
  account.equity = exactToFixed(equity);
  return equity;
}
