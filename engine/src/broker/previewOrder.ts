import type { Account } from "../domain/account.ts";
import { type Denial, deny } from "../domain/denial.ts";
import type { Order } from "../domain/order.ts";
import type { Universe } from "../domain/universe.ts";
import { divFixed, type Fixed, mulFixed } from "../money/fixed.ts";
import type { BrokerConfig } from "./brokerConfig.ts";
import type { MarketRound } from "./marketTape.ts";
import { type PositionState, type PositionTrade, writePositionTrade } from "./positionTrade.ts";
import { slippedPrice } from "./slippedPrice.ts";

/** Highest leverage any order may ask for; seasons set lower caps per asset class. */
export const MAX_ORDER_LEVERAGE = 100;

/** A market order priced and worked out against the account, before any rule has looked at it. */
export type OrderPreview = PositionTrade & {
  order: Order;
  /** The round's price for the asset before slippage (bar open or close). */
  referencePrice: Fixed;
  /** |quantity after| × referencePrice: the position's market value after the order. */
  afterNotional: Fixed;
  /** Free cash after the order. */
  cashAfter: Fixed;
  /** Equity with every position marked at the round's reference prices, before and after the order. */
  equityBefore: Fixed;
  equityAfter: Fixed;
  /** True for open, increase and flip: the orders size caps and margin apply to. */
  increasesExposure: boolean;
};

export type PreviewOrderParameters = {
  account: Account;
  order: Order;
  round: MarketRound;
  universe: Universe;
  config: BrokerConfig;
};

/** The placeholder of the preview's states until writePositionTrade sets them. */
const noPosition: PositionState = { quantity: 0n, averageEntryPrice: 0n, stopLoss: undefined, leverage: 1, margin: 0n };

const isPositiveBigint = (value: unknown): value is bigint => typeof value === "bigint" && value > 0n;

/** What is wrong with an order's shape, or undefined. Orders come from agents (LLMs): check everything. */
export function orderShapeProblem(order: Order): string | undefined {
  if (typeof order !== "object" || order === null) return "the order is not an object";
  if (typeof order.clientOrderId !== "string") return "clientOrderId must be a string";
  if (typeof order.symbol !== "string") return "symbol must be a string";
  if (order.side !== "buy" && order.side !== "sell") return `side must be "buy" or "sell", got ${String(order.side)}`;
  const hasQuantity = order.quantity !== undefined;
  const hasNotional = order.notional !== undefined;
  if (hasQuantity === hasNotional) return "give exactly one of quantity and notional";
  if (hasQuantity && !isPositiveBigint(order.quantity)) return "quantity must be a positive fixed-point bigint";
  if (hasNotional && !isPositiveBigint(order.notional)) return "notional must be a positive fixed-point bigint";
  const { leverage } = order;
  if (leverage !== undefined) {
    if (typeof leverage !== "number" || !Number.isFinite(leverage) || leverage < 1 || leverage > MAX_ORDER_LEVERAGE)
      return `leverage must be a number from 1 to ${MAX_ORDER_LEVERAGE}, got ${String(leverage)}`;
    if (Math.abs(leverage * 100 - Math.round(leverage * 100)) > 1e-9)
      return `leverage may have at most two decimals, got ${leverage}`;
  }
  if (order.stopLoss !== undefined && !isPositiveBigint(order.stopLoss))
    return "stopLoss must be a positive fixed-point bigint";
  return undefined;
}

/**
 * Prices an order at the round's price with slippage, sizes it (notional ÷ fill price when given by
 * notional), and computes the trade and the equity it leaves, marking every position at the
 * round's reference prices. Broker-level denials: INVALID_ORDER, UNKNOWN_ASSET, LEVERAGE_MISMATCH,
 * STOP_ORDERS_NOT_OFFERED, STOP_LOSS_WRONG_SIDE. Season rules then judge the preview.
 */
export function previewOrder(parameters: PreviewOrderParameters): OrderPreview | Denial {
  const { account, order, round, universe, config } = parameters;
  const problem = orderShapeProblem(order);
  if (problem !== undefined) return deny("INVALID_ORDER", `Invalid order: ${problem}.`, { problem });
  const asset = universe.bySymbol.get(order.symbol);
  if (asset === undefined)
    return deny("UNKNOWN_ASSET", `${order.symbol} is not traded in this season.`, { symbol: order.symbol });

  const referencePrice = round.orderPrices[asset.index] as Fixed;
  const price = slippedPrice(referencePrice, order.side, config.slippageBps);
  const size = order.quantity ?? divFixed(order.notional as Fixed, price);
  if (size === 0n) {
    const problem = `notional ${order.notional} is below one unit of quantity at ${price}`;
    return deny("INVALID_ORDER", `Invalid order: ${problem}.`, { problem });
  }
  const delta = order.side === "buy" ? size : -size;
  const position = account.positions[asset.index];
  const q0 = position?.quantity ?? 0n;
  const sameDirection = q0 !== 0n && q0 > 0n === delta > 0n;
  const flips = q0 !== 0n && !sameDirection && size > (q0 < 0n ? -q0 : q0);

  if (position !== undefined && sameDirection && order.leverage !== undefined && order.leverage !== position.leverage) {
    return deny(
      "LEVERAGE_MISMATCH",
      `${order.symbol}: the position is at ${position.leverage}x; add to it at the same leverage or close it first.`,
      { symbol: order.symbol, leverage: order.leverage, positionLeverage: position.leverage },
    );
  }
  if (order.stopLoss !== undefined && !config.stopOrders) {
    return deny("STOP_ORDERS_NOT_OFFERED", "This season offers market orders only: send the order without stopLoss.", {
      symbol: order.symbol,
    });
  }

  const opens = q0 === 0n || flips;
  const stopLoss = order.stopLoss ?? (opens ? undefined : position?.stopLoss);
  // One object: the trade is written into the preview (its own fields set below).
  const preview: OrderPreview = {
    asset,
    side: order.side,
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
    before: noPosition,
    after: noPosition,
    cashDelta: 0n,
    order,
    referencePrice,
    afterNotional: 0n,
    cashAfter: 0n,
    equityBefore: 0n,
    equityAfter: 0n,
    increasesExposure: false,
  };
  writePositionTrade(preview, position, delta, price, order.leverage ?? 1, stopLoss, config.feeBps);

  const after = preview.after;
  const q1 = after.quantity;
  if (order.stopLoss !== undefined && q1 !== 0n) {
    const long = q1 > 0n;
    if (long ? order.stopLoss >= referencePrice : order.stopLoss <= referencePrice) {
      return deny(
        "STOP_LOSS_WRONG_SIDE",
        `${order.symbol}: a ${long ? "long's stop-loss must be below" : "short's stop-loss must be above"} the market price ${referencePrice}.`,
        { symbol: order.symbol, side: long ? "long" : "short", stopLoss: order.stopLoss, marketPrice: referencePrice },
      );
    }
  }

  // Equity at the round's prices: the last mark's when the book was marked at exactly these prices.
  const marked = account.markedAt === round.orderPrices;
  let equityBefore = marked ? account.equity : account.cash;
  if (!marked) {
    for (const held of account.positions) {
      if (held === undefined) continue;
      const mark = round.orderPrices[held.assetIndex] as Fixed;
      equityBefore += held.margin + mulFixed(held.quantity, mark - held.averageEntryPrice);
    }
  }
  // A flat side has no P&L: no multiplication needed.
  const before = preview.before;
  const valueBefore =
    q0 === 0n ? before.margin : before.margin + mulFixed(q0, referencePrice - before.averageEntryPrice);
  const valueAfter = q1 === 0n ? after.margin : after.margin + mulFixed(q1, referencePrice - after.averageEntryPrice);
  const change = preview.change;
  preview.afterNotional = q1 === 0n ? 0n : mulFixed(q1 < 0n ? -q1 : q1, referencePrice);
  preview.cashAfter = account.cash + preview.cashDelta;
  preview.equityBefore = equityBefore;
  preview.equityAfter = equityBefore + preview.cashDelta + valueAfter - valueBefore;
  preview.increasesExposure = change === "open" || change === "increase" || change === "flip";
  return preview;
}
