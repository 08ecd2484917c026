import { type Account, storeMarks } from "../domain/account.ts";
import type { ExclusionReason } from "../domain/denial.ts";
import type { Fill, FillKind } from "../domain/fill.ts";
import type { OrderSide } from "../domain/order.ts";
import { createPosition, type Position } from "../domain/position.ts";
import type { TradableAsset } from "../domain/universe.ts";
import { applyBps, divRound, FIXED_ONE, type Fixed, mulFixed } from "../money/fixed.ts";

/** How a trade changes the net position of its asset. */
export type PositionChange = "open" | "increase" | "reduce" | "close" | "flip";

/** A position's state before or after a trade; flat is quantity 0. */
export type PositionState = {
  quantity: Fixed;
  averageEntryPrice: Fixed;
  stopLoss: Fixed | undefined;
  leverage: number;
  margin: Fixed;
};

/** Everything a trade does to the book, computed before anything is changed (rules read it). */
export type PositionTrade = {
  asset: TradableAsset;
  side: OrderSide;
  /** Traded quantity, > 0. */
  quantity: Fixed;
  price: Fixed;
  /** quantity × price. */
  notional: Fixed;
  fee: Fixed;
  /** The part of the fee paid on the closed quantity (the rest opened quantity). */
  closingFee: Fixed;
  change: PositionChange;
  /** Quantity of the existing position this trade closes (reduce, close, flip). */
  closedQuantity: Fixed;
  /** Quantity this trade opens or adds (open, increase, flip). */
  openedQuantity: Fixed;
  /** P&L realized on the closed quantity, before fees. */
  realizedPnl: Fixed;
  marginReleased: Fixed;
  marginPosted: Fixed;
  before: PositionState;
  after: PositionState;
  /** Change of free cash: released margin + realized P&L − fee − posted margin. */
  cashDelta: Fixed;
};

const flat: PositionState = { quantity: 0n, averageEntryPrice: 0n, stopLoss: undefined, leverage: 1, margin: 0n };

/** The state of the position an account holds in an asset (flat when it holds none). */
export function positionState(position: Position | undefined): PositionState {
  if (position === undefined) return flat;
  return {
    quantity: position.quantity,
    averageEntryPrice: position.averageEntryPrice,
    stopLoss: position.stopLoss,
    leverage: position.leverage,
    margin: position.margin,
  };
}

/**
 * Initial margin of a quantity at a price: quantity × price / leverage, one rounding half away from
 * zero. Leverage has at most two decimals, so it enters as an integer number of hundredths.
 */
export function initialMargin(quantity: Fixed, price: Fixed, leverage: number): Fixed {
  const abs = quantity < 0n ? -quantity : quantity;
  const hundredths = Math.round(leverage * 100);
  // At 1x: |q|·p·100 ÷ (10⁸·100) rounds exactly as |q|·p ÷ 10⁸ (mulFixed), with fewer bigints.
  if (hundredths === 100) return mulFixed(abs, price);
  return divRound(abs * price * 100n, FIXED_ONE * BigInt(hundredths));
}

const abs = (value: bigint) => (value < 0n ? -value : value);

export type ComputePositionTradeParameters = {
  asset: TradableAsset;
  position: Position | undefined;
  /** Signed quantity traded: > 0 buys, < 0 sells. Never 0. */
  delta: Fixed;
  price: Fixed;
  /** Leverage of any quantity this trade opens (an increase keeps the position's own). */
  leverage: number;
  /** The stop-loss the position should have afterwards (ignored when it ends flat). */
  stopLoss: Fixed | undefined;
  feeBps: bigint;
};

/**
 * Computes a trade on a net position (reduce, close and flip semantics included) without changing
 * anything. Average entry after an increase = (|q0|·a0 + |d|·p) / (|q0| + |d|); realized P&L on a
 * closed quantity c of a long = c × (p − a0), of a short = c × (a0 − p); margin is released pro
 * rata to the closed quantity (all of it on a close); a flip closes the old position and opens the
 * remainder at the fill price with the new leverage.
 */
export function computePositionTrade(parameters: ComputePositionTradeParameters): PositionTrade {
  const { asset, position, delta, price, leverage, stopLoss, feeBps } = parameters;
  const trade: PositionTrade = {
    asset,
    side: "buy",
    quantity: 0n,
    price,
    notional: 0n,
    fee: 0n,
    closingFee: 0n,
    change: "open",
    closedQuantity: 0n,
    openedQuantity: 0n,
    realizedPnl: 0n,
    marginReleased: 0n,
    marginPosted: 0n,
    before: flat,
    after: flat,
    cashDelta: 0n,
  };
  return writePositionTrade(trade, position, delta, price, leverage, stopLoss, feeBps);
}

/**
 * computePositionTrade written into `trade` (its asset and price already set), every other field
 * of PositionTrade overwritten: previewOrder's preview is then one object per order, not a trade
 * and a copy of it.
 */
export function writePositionTrade<T extends PositionTrade>(
  trade: T,
  position: Position | undefined,
  delta: Fixed,
  price: Fixed,
  leverage: number,
  stopLoss: Fixed | undefined,
  feeBps: bigint,
): T {
  const before = positionState(position);
  const quantity = abs(delta);
  const notional = mulFixed(quantity, price);
  const fee = applyBps(notional, feeBps);
  const q0 = before.quantity;
  trade.side = delta > 0n ? "buy" : "sell";
  trade.quantity = quantity;
  trade.notional = notional;
  trade.fee = fee;
  trade.before = before;

  if (q0 === 0n || q0 > 0n === delta > 0n) {
    const opening = q0 === 0n;
    const marginLeverage = opening ? leverage : before.leverage;
    // At 1x the margin of the traded quantity is its notional (initialMargin): not computed again.
    const marginPosted =
      Math.round(marginLeverage * 100) === 100 ? notional : initialMargin(quantity, price, marginLeverage);
    const q1 = q0 + delta;
    const averageEntryPrice = opening
      ? price
      : divRound(abs(q0) * before.averageEntryPrice + quantity * price, abs(q1));
    trade.closingFee = 0n;
    trade.change = opening ? "open" : "increase";
    trade.closedQuantity = 0n;
    trade.openedQuantity = quantity;
    trade.realizedPnl = 0n;
    trade.marginReleased = 0n;
    trade.marginPosted = marginPosted;
    trade.after = {
      quantity: q1,
      averageEntryPrice,
      stopLoss,
      leverage: opening ? leverage : before.leverage,
      margin: before.margin + marginPosted,
    };
    trade.cashDelta = -fee - marginPosted;
    return trade;
  }

  const held = abs(q0);
  // Math.min does not take bigints.
  let closedQuantity = held;
  if (quantity < held) closedQuantity = quantity;
  const realizedPnl = mulFixed(q0 > 0n ? closedQuantity : -closedQuantity, price - before.averageEntryPrice);
  trade.closingFee = closedQuantity === quantity ? fee : applyBps(mulFixed(closedQuantity, price), feeBps);
  trade.closedQuantity = closedQuantity;
  trade.realizedPnl = realizedPnl;
  const q1 = q0 + delta;

  if (quantity < held) {
    const marginReleased = divRound(before.margin * closedQuantity, held);
    trade.change = "reduce";
    trade.openedQuantity = 0n;
    trade.marginReleased = marginReleased;
    trade.marginPosted = 0n;
    trade.after = {
      quantity: q1,
      averageEntryPrice: before.averageEntryPrice,
      stopLoss,
      leverage: before.leverage,
      margin: before.margin - marginReleased,
    };
    trade.cashDelta = marginReleased + realizedPnl - fee;
    return trade;
  }

  const openedQuantity = quantity - held;
  const marginPosted = openedQuantity === 0n ? 0n : initialMargin(openedQuantity, price, leverage);
  trade.change = openedQuantity === 0n ? "close" : "flip";
  trade.openedQuantity = openedQuantity;
  trade.marginReleased = before.margin;
  trade.marginPosted = marginPosted;
  trade.after =
    openedQuantity === 0n ? flat : { quantity: q1, averageEntryPrice: price, stopLoss, leverage, margin: marginPosted };
  trade.cashDelta = before.margin + realizedPnl - fee - marginPosted;
  return trade;
}

export type ApplyPositionTradeParameters = {
  account: Account;
  trade: PositionTrade;
  kind: FillKind;
  round: number;
  time: number;
  clientOrderId?: string | undefined;
  /** Seed 003 breaches accepted but left out of scoring. */
  exclusions?: readonly ExclusionReason[] | undefined;
};

/**
 * Books a computed trade: cash, realized P&L, fees, the position (created, updated, removed or
 * replaced on a flip), and returns its fill. Does not re-mark: callers mark after booking.
 */
export function applyPositionTrade(parameters: ApplyPositionTradeParameters): Fill {
  const { account, trade, kind, round, time, clientOrderId, exclusions } = parameters;
  const index = trade.asset.index;
  const excluded = exclusions !== undefined && exclusions.length > 0;
  storeMarks(account); // the traded position is marked at the fill price until the next mark
  account.bookVersion++;
  account.cash += trade.cashDelta;
  account.realizedPnl += trade.realizedPnl;
  account.feesPaid += trade.fee;

  let closedTradePnl: Fixed | undefined;
  const existing = account.positions[index];
  if (existing !== undefined && (trade.change === "close" || trade.change === "flip")) {
    closedTradePnl = existing.realizedPnl + trade.realizedPnl - existing.fees - trade.closingFee;
    if (existing.excludedFromScoring) account.excludedPnl += closedTradePnl;
    account.positions[index] = undefined;
    account.openPositionCount--;
  }

  const after = trade.after;
  if (after.quantity !== 0n) {
    const position = account.positions[index];
    if (position === undefined) {
      account.positions[index] = createPosition(
        {
          symbol: trade.asset.symbol,
          assetIndex: index,
          quantity: after.quantity,
          averageEntryPrice: after.averageEntryPrice,
          stopLoss: after.stopLoss,
          leverage: after.leverage,
          margin: after.margin,
          markPrice: trade.price,
          realizedPnl: 0n,
          // An opening's fee is all its own: the fill's bigint is kept, not a copy made by a subtraction.
          fees: trade.closingFee === 0n ? trade.fee : trade.fee - trade.closingFee,
          openedAtRound: round,
          excludedFromScoring: excluded,
        },
        account,
      );
      account.openPositionCount++;
    } else {
      position.quantity = after.quantity;
      position.averageEntryPrice = after.averageEntryPrice;
      position.stopLoss = after.stopLoss;
      position.margin = after.margin;
      position.realizedPnl += trade.realizedPnl;
      position.fees += trade.fee;
      position.markPrice = trade.price;
      if (excluded) position.excludedFromScoring = true;
    }
  }

  const fill: Fill = {
    kind,
    entrantId: account.entrantId,
    round,
    time,
    symbol: trade.asset.symbol,
    side: trade.side,
    quantity: trade.quantity,
    price: trade.price,
    notional: trade.notional,
    fee: trade.fee,
    realizedPnl: trade.realizedPnl,
    positionAfter: after.quantity,
    excludedFromScoring: excluded,
  };
  if (closedTradePnl !== undefined) fill.closedTradePnl = closedTradePnl;
  if (excluded) fill.exclusions = exclusions;
  if (clientOrderId !== undefined) fill.clientOrderId = clientOrderId;
  return fill;
}
