import type { Account } from "../domain/account.ts";
import { exactMulFixed, isExactUnits } from "../money/exactMulFixed.ts";
import type { Fixed } from "../money/fixed.ts";
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

// Account.markLanes layout: a header, the open slots, then per asset its quantity, average entry
// and stop (NaN: none), all as integer doubles.
const VERSION = 0;
const BASE = 1; // cash + Σ margin
const EXACT = 2; // 1 when every amount converted exactly
const COUNT = 3;
const SLOTS = 4;
const STRIDE = 3;

/** Reads the book into the account's lanes when it changed since they were written (Account.bookVersion). */
function lanesOf(account: Account): Float64Array {
  const positions = account.positions;
  const assets = positions.length;
  const size = SLOTS + assets * (1 + STRIDE);
  let lanes = account.markLanes;
  if (lanes.length === size && lanes[VERSION] === account.bookVersion) return lanes;
  if (lanes.length !== size) {
    lanes = new Float64Array(size);
    account.markLanes = lanes;
  }
  let base = Number(account.cash);
  let exact = isExactUnits(base);
  let count = 0;
  for (let i = 0; i < assets; i++) {
    const position = positions[i];
    if (position === undefined) continue;
    lanes[SLOTS + count++] = i;
    const at = SLOTS + assets + i * STRIDE;
    const quantity = Number(position.quantity);
    const entry = Number(position.averageEntryPrice);
    const margin = Number(position.margin);
    const stop = position.stopLoss === undefined ? Number.NaN : Number(position.stopLoss);
    lanes[at] = quantity;
    lanes[at + 1] = entry;
    lanes[at + 2] = stop;
    base += margin;
    exact &&=
      isExactUnits(quantity) &&
      isExactUnits(entry) &&
      isExactUnits(margin) &&
      isExactUnits(base) &&
      (position.stopLoss === undefined || isExactUnits(stop));
  }
  lanes[VERSION] = account.bookVersion;
  lanes[BASE] = base;
  lanes[EXACT] = exact ? 1 : 0;
  lanes[COUNT] = count;
  return lanes;
}

/**
 * The mark of a round in which no stop is reached, on the account's lanes: the same equity,
 * position marks and `markedAt` as triggerStopLosses + markToMarket, without reading the positions'
 * bigints (they are scattered over the heap; the lanes are one small array per account, rewritten
 * only after the book changes). Returns false, changing nothing, when a stop is reached or an amount
 * is beyond the exact range of doubles: the caller then runs the full path.
 */
export function quietMark(account: Account, units: RoundUnits): boolean {
  if (!units.exact) return false;
  const lanes = lanesOf(account);
  if (lanes[EXACT] !== 1) return false;
  const assets = account.positions.length;
  const count = lanes[COUNT] as number;
  let equity = lanes[BASE] as number;
  for (let k = 0; k < count; k++) {
    const i = lanes[SLOTS + k] as number;
    const at = SLOTS + assets + i * STRIDE;
    const quantity = lanes[at] as number;
    const stop = lanes[at + 2] as number;
    // A long's stop is reached at or above the bar's low (or open), a short's at or below its high.
    if (quantity > 0 ? (units.lows[i] as number) <= stop : (units.highs[i] as number) >= stop) return false;
    equity += exactMulFixed(quantity, (units.closes[i] as number) - (lanes[at + 1] as number));
  }
  // NaN (a product out of range) fails this too.
  if (!isExactUnits(equity)) return false;
  const positions = account.positions;
  const closes = units.round.closes;
  for (let k = 0; k < count; k++) {
    const i = lanes[SLOTS + k] as number;
    (positions[i] as { markPrice: Fixed }).markPrice = closes[i] as Fixed;
  }
  account.markedAt = closes;
  account.equity = BigInt(equity);
  return true;
}
