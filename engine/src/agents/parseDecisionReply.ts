import { MAX_ORDER_LEVERAGE } from "../broker/previewOrder.ts";
import { slippedPrice } from "../broker/slippedPrice.ts";
import type { Order, OrderSide, StopLossUpdate } from "../domain/order.ts";
import { divFixed, divRound, type Fixed, formatFixed, mulFixed } from "../money/fixed.ts";
import type { AgentDecision } from "./agent.ts";
import type { AgentRiskSettings } from "./agentConfig.ts";
import { type NoTradeReasonCode, noTradeDecision } from "./noTradeReason.ts";
import { describeValue, numberToDecimalText, replyDecimalToFixed } from "./replyDecimal.ts";
import type { RoundObservation } from "./roundObservation.ts";

/** A reply as it arrived: the text of a chat completion, or the already-decoded input of a tool call. */
export type DecisionReply = { kind: "text"; text: string } | { kind: "json"; value: unknown };

export type ParseDecisionReplyParameters = {
  reply: DecisionReply;
  observation: RoundObservation;
  /** Prefix of the orders' clientOrderIds: `<agentId>:<round>:<n>`. */
  agentId: string;
  /** The agent's own limits (its config's risk settings). */
  risk?: AgentRiskSettings;
  /** Symbols the agent trades (its config's markets); absent: every asset of the round. */
  markets?: readonly string[];
  /** Most orders (and, separately, stop updates) a reply may carry. Default: twice the number of assets. */
  maxOrders?: number;
  /** Longest reply text accepted. Default 64,000 characters. */
  maxReplyChars?: number;
};

export const DEFAULT_MAX_REPLY_CHARS = 64_000;
const MAX_DETAIL_CHARS = 1_000;
const orderKeys = new Set(["symbol", "side", "quantity", "notional", "leverage", "stopLoss"]);
const updateKeys = new Set(["symbol", "stopLoss"]);
const replyKeys = new Set(["reasoning", "orders", "stopLossUpdates"]);
const leveragePattern = /^\d{1,3}(?:\.\d{1,2})?$/;

type Problem = { code: NoTradeReasonCode; message: string };

/** The agent's position in one asset as the reply's orders would leave it (signed quantity). */
type RunningPosition = { quantity: Fixed; entry: Fixed; stop: Fixed | undefined; leverage: number };

/**
 * Turns a model's reply into a decision the engine may pass to the broker, or into a no-trade with
 * the reason. The whole reply is refused on any problem (one bad order voids them all: a reply that
 * obeys an injected instruction must not half-execute). Checks, in order:
 * 1. text: not too long, not empty, JSON (one surrounding ``` fence is tolerated);
 * 2. shape: `{ reasoning: string, orders: [...], stopLossUpdates?: [...] }`, no other fields, every
 *    order `{ symbol, side, quantity | notional, leverage?, stopLoss? }`, amounts positive decimals
 *    (strings, or numbers converted exactly), at most two decimals of leverage;
 * 3. each order against the round, applied in sequence to the agent's positions as the broker
 *    would: the symbol is tradable, a position that is opened or added to has a stop-loss where the
 *    season makes them mandatory, no stop in a market-only season, the stop is on the protective
 *    side of the price and within the season's distance of the expected entry, the position stays
 *    within the season's per-asset cap and maximum size, and the agent's own limits hold.
 * The broker and risk engine check every order again exactly (this is a pre-check on the reply,
 * not the rulebook): stop-loss widening in particular is left to them so that conduct rules see it.
 * Never throws for anything in the reply.
 */
export function parseDecisionReply(parameters: ParseDecisionReplyParameters): AgentDecision {
  const { reply, observation } = parameters;
  let value: unknown;
  if (reply.kind === "text") {
    const maxChars = parameters.maxReplyChars ?? DEFAULT_MAX_REPLY_CHARS;
    if (reply.text.length > maxChars)
      return noTradeDecision(
        "REPLY_TOO_LARGE",
        `the reply is ${reply.text.length} characters long; at most ${maxChars} are read`,
      );
    const body = stripCodeFence(reply.text.trim());
    if (body === "") return noTradeDecision("EMPTY_REPLY", "the reply is empty");
    try {
      value = JSON.parse(body);
    } catch (error) {
      return noTradeDecision("MALFORMED_JSON", `the reply is not valid JSON (${clip((error as Error).message, 120)})`);
    }
  } else value = reply.value;

  if (typeof value !== "object" || value === null || Array.isArray(value))
    return noTradeDecision(
      "SCHEMA_MISMATCH",
      `the reply must be a JSON object with reasoning and orders, got ${describeValue(value)}`,
    );
  const record = value as Record<string, unknown>;
  const reasoning = typeof record.reasoning === "string" ? record.reasoning : "";
  const shape: string[] = [];
  for (const key of Object.keys(record))
    if (!replyKeys.has(key)) shape.push(`unknown field ${JSON.stringify(clip(key, 40))}`);
  if (typeof record.reasoning !== "string")
    shape.push(`reasoning must be a string, got ${describeValue(record.reasoning)}`);
  if (!Array.isArray(record.orders)) shape.push(`orders must be an array, got ${describeValue(record.orders)}`);
  const rawUpdates = record.stopLossUpdates ?? [];
  if (!Array.isArray(rawUpdates)) shape.push(`stopLossUpdates must be an array, got ${describeValue(rawUpdates)}`);
  if (shape.length > 0) return noTradeDecision("SCHEMA_MISMATCH", clip(shape.join("; "), MAX_DETAIL_CHARS), reasoning);

  const rawOrders = record.orders as unknown[];
  const updates = rawUpdates as unknown[];
  const maxOrders = parameters.maxOrders ?? 2 * observation.assets.length;
  if (rawOrders.length > maxOrders || updates.length > maxOrders)
    return noTradeDecision(
      "TOO_MANY_ORDERS",
      `the reply has ${rawOrders.length} orders and ${updates.length} stop updates; at most ${maxOrders} of each per round`,
      reasoning,
    );

  const problems: Problem[] = [];
  const decision = checkOrders(parameters, rawOrders, updates, problems);
  if (problems.length > 0) {
    const first = problems[0] as Problem;
    return noTradeDecision(first.code, clip(problems.map((p) => p.message).join("; "), MAX_DETAIL_CHARS), reasoning);
  }
  const outcome = decision.orders.length + decision.stopLossUpdates.length > 0 ? "trade" : "hold";
  return { orders: decision.orders, stopLossUpdates: decision.stopLossUpdates, reasoning, outcome };
}

function checkOrders(
  parameters: ParseDecisionReplyParameters,
  rawOrders: readonly unknown[],
  rawUpdates: readonly unknown[],
  problems: Problem[],
): { orders: Order[]; stopLossUpdates: StopLossUpdate[] } {
  const { observation, agentId, risk, markets } = parameters;
  const { rules, portfolio } = observation;
  const assets = new Map(observation.assets.map((asset) => [asset.symbol, asset]));
  const agentMarkets = markets === undefined ? undefined : new Set(markets);
  const book = new Map<string, RunningPosition>();
  for (const position of portfolio.positions)
    book.set(position.symbol, {
      quantity: position.side === "long" ? position.quantity : -position.quantity,
      entry: position.entryPrice,
      stop: position.stopLoss,
      leverage: position.leverage,
    });
  const fail = (code: NoTradeReasonCode, message: string) => {
    problems.push({ code, message });
  };
  const stopRequired = rules.stopOrders && rules.stopLossMaxDistanceBps !== undefined;

  const symbolOf = (raw: Record<string, unknown>, where: string) => {
    if (typeof raw.symbol !== "string") {
      fail("SCHEMA_MISMATCH", `${where}: symbol must be a string, got ${describeValue(raw.symbol)}`);
      return undefined;
    }
    if (!assets.has(raw.symbol)) {
      fail(
        "UNKNOWN_ASSET",
        `${where}: ${describeValue(raw.symbol)} is not traded in this season (${[...assets.keys()].join(", ")})`,
      );
      return undefined;
    }
    if (agentMarkets !== undefined && !agentMarkets.has(raw.symbol)) {
      fail(
        "UNKNOWN_ASSET",
        `${where}: ${raw.symbol} is not among the agent's markets (${[...agentMarkets].join(", ")})`,
      );
      return undefined;
    }
    return raw.symbol;
  };
  const stopOf = (raw: unknown, where: string): Fixed | undefined | null => {
    if (raw === undefined || raw === null) return undefined;
    if (!rules.stopOrders) {
      fail("STOP_ORDERS_NOT_OFFERED", `${where}: this season offers market orders only; send no stopLoss`);
      return null;
    }
    const parsed = replyDecimalToFixed(raw);
    if ("problem" in parsed) {
      fail("INVALID_NUMBER", `${where}: stopLoss ${parsed.problem}`);
      return null;
    }
    return parsed.value;
  };
  const checkStop = (symbol: string, where: string, stop: Fixed, quantity: Fixed, entry: Fixed, price: Fixed) => {
    const long = quantity > 0n;
    if (long ? stop >= price : stop <= price) {
      fail(
        "STOP_LOSS_WRONG_SIDE",
        `${where}: a ${long ? "long" : "short"} ${symbol} position's stop-loss must be ${long ? "below" : "above"} the price ${formatFixed(price)}, got ${formatFixed(stop)}`,
      );
      return;
    }
    const bps = rules.stopLossMaxDistanceBps;
    if (bps === undefined) return;
    const b = BigInt(bps);
    const within = long ? stop * 10_000n >= entry * (10_000n - b) : stop * 10_000n <= entry * (10_000n + b);
    if (!within)
      fail(
        "STOP_LOSS_TOO_FAR",
        `${where}: stop-loss ${formatFixed(stop)} is more than ${bps / 100}% from the expected entry ${formatFixed(entry)}`,
      );
  };

  const orders: Order[] = [];
  rawOrders.forEach((raw, i) => {
    const where = `orders[${i}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      fail("SCHEMA_MISMATCH", `${where} must be an object, got ${describeValue(raw)}`);
      return;
    }
    const o = raw as Record<string, unknown>;
    const extra = Object.keys(o).filter((key) => !orderKeys.has(key));
    if (extra.length > 0)
      fail("SCHEMA_MISMATCH", `${where}: unknown field ${JSON.stringify(clip(extra[0] as string, 40))}`);
    const symbol = symbolOf(o, where);
    const side = o.side === "buy" || o.side === "sell" ? (o.side as OrderSide) : undefined;
    if (side === undefined)
      fail("SCHEMA_MISMATCH", `${where}: side must be "buy" or "sell", got ${describeValue(o.side)}`);
    const hasQuantity = o.quantity !== undefined && o.quantity !== null;
    const hasNotional = o.notional !== undefined && o.notional !== null;
    let size: { quantity: Fixed } | { notional: Fixed } | undefined;
    if (hasQuantity === hasNotional) fail("SCHEMA_MISMATCH", `${where}: give exactly one of quantity and notional`);
    else {
      const parsed = replyDecimalToFixed(hasQuantity ? o.quantity : o.notional);
      if ("problem" in parsed)
        fail("INVALID_NUMBER", `${where}: ${hasQuantity ? "quantity" : "notional"} ${parsed.problem}`);
      else size = hasQuantity ? { quantity: parsed.value } : { notional: parsed.value };
    }
    let leverage: number | undefined;
    if (o.leverage !== undefined && o.leverage !== null) {
      const text =
        typeof o.leverage === "number"
          ? numberToDecimalText(o.leverage)
          : typeof o.leverage === "string"
            ? o.leverage.trim()
            : undefined;
      const parsed = text !== undefined && leveragePattern.test(text) ? Number(text) : Number.NaN;
      if (!(parsed >= 1 && parsed <= MAX_ORDER_LEVERAGE))
        fail(
          "INVALID_NUMBER",
          `${where}: leverage must be a number from 1 to ${MAX_ORDER_LEVERAGE} with at most two decimals, got ${describeValue(o.leverage)}`,
        );
      else leverage = parsed;
    }
    const stop = stopOf(o.stopLoss, where);
    if (symbol === undefined || side === undefined || size === undefined || stop === null) return;
    if (leverage !== undefined && risk?.maxLeverage !== undefined && leverage > risk.maxLeverage)
      fail("ORDER_TOO_LARGE", `${where}: leverage ${leverage} is above the agent's own limit of ${risk.maxLeverage}`);

    const asset = assets.get(symbol);
    if (asset === undefined) return;
    const price = asset.price;
    const fill = slippedPrice(price, side, BigInt(rules.slippageBps));
    const quantity = "quantity" in size ? size.quantity : divFixed(size.notional, fill);
    if (quantity <= 0n) {
      fail("INVALID_NUMBER", `${where}: the notional buys less than one unit (1e-8) of ${symbol}`);
      return;
    }
    const before = book.get(symbol) ?? { quantity: 0n, entry: 0n, stop: undefined, leverage: 1 };
    const delta = side === "buy" ? quantity : -quantity;
    const after = before.quantity + delta;
    const same = before.quantity !== 0n && before.quantity > 0n === delta > 0n;
    const opens = before.quantity === 0n || (!same && abs(delta) > abs(before.quantity));
    const increases = opens || same;
    const positionLeverage = leverage ?? (same ? before.leverage : 1);
    const entry = opens
      ? fill
      : same
        ? divRound(abs(before.quantity) * before.entry + quantity * fill, abs(after))
        : before.entry;
    const stopAfter = stop ?? (opens ? undefined : before.stop);

    if (after !== 0n) {
      if (increases && stopRequired && stopAfter === undefined)
        fail("MISSING_STOP_LOSS", `${where}: every ${symbol} position needs a stop-loss; give stopLoss with the order`);
      if (stop !== undefined) checkStop(symbol, where, stop, after, entry, price);
    }
    if (increases) {
      const equity = portfolio.equity;
      if (rules.maxPositionShareBps !== undefined) {
        const measure = rules.positionCapMeasure ?? "margin";
        const value =
          measure === "margin"
            ? divRound(mulFixed(abs(after), entry) * 100n, BigInt(Math.round(positionLeverage * 100)))
            : mulFixed(abs(after), price);
        if (equity <= 0n || value * 10_000n > BigInt(rules.maxPositionShareBps) * equity)
          fail(
            "ORDER_TOO_LARGE",
            `${where}: the ${symbol} position's ${measure} would be ${formatFixed(value)}, above ${rules.maxPositionShareBps / 100}% of equity ${formatFixed(equity)}`,
          );
      }
      if (rules.maxPositionNotional !== undefined && mulFixed(abs(after), price) > rules.maxPositionNotional)
        fail(
          "ORDER_TOO_LARGE",
          `${where}: the ${symbol} position would be worth ${formatFixed(mulFixed(abs(after), price))}, above the season's maximum ${formatFixed(rules.maxPositionNotional)}`,
        );
      if (risk?.maxOrderShareBps !== undefined) {
        const margin = divRound(
          mulFixed(quantity, fill) * 100n,
          BigInt(Math.round((leverage ?? positionLeverage) * 100)),
        );
        if (margin * 10_000n > BigInt(risk.maxOrderShareBps) * equity)
          fail(
            "ORDER_TOO_LARGE",
            `${where}: the order's margin ${formatFixed(margin)} is above the agent's own limit of ${risk.maxOrderShareBps / 100}% of equity`,
          );
      }
    }
    book.set(
      symbol,
      after === 0n
        ? { quantity: 0n, entry: 0n, stop: undefined, leverage: 1 }
        : { quantity: after, entry, stop: stopAfter, leverage: positionLeverage },
    );

    const order = { clientOrderId: `${agentId}:${observation.round}:${i}`, symbol, side, ...size } as Order;
    if (leverage !== undefined) order.leverage = leverage;
    if (stop !== undefined) order.stopLoss = stop;
    orders.push(order);
  });

  const stopLossUpdates: StopLossUpdate[] = [];
  rawUpdates.forEach((raw, i) => {
    const where = `stopLossUpdates[${i}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      fail("SCHEMA_MISMATCH", `${where} must be an object, got ${describeValue(raw)}`);
      return;
    }
    const u = raw as Record<string, unknown>;
    const extra = Object.keys(u).filter((key) => !updateKeys.has(key));
    if (extra.length > 0)
      fail("SCHEMA_MISMATCH", `${where}: unknown field ${JSON.stringify(clip(extra[0] as string, 40))}`);
    const symbol = symbolOf(u, where);
    if (u.stopLoss === undefined || u.stopLoss === null) {
      fail("SCHEMA_MISMATCH", `${where}: stopLoss is required`);
      return;
    }
    const stop = stopOf(u.stopLoss, where);
    if (symbol === undefined || stop === null || stop === undefined) return;
    const position = book.get(symbol);
    const asset = assets.get(symbol);
    if (position !== undefined && position.quantity !== 0n && asset !== undefined)
      checkStop(symbol, where, stop, position.quantity, position.entry, asset.price);
    stopLossUpdates.push({ clientOrderId: `${agentId}:${observation.round}:s${i}`, symbol, stopLoss: stop });
  });
  return { orders, stopLossUpdates };
}

const abs = (value: bigint) => (value < 0n ? -value : value);

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Removes one surrounding Markdown code fence (```json ... ```), which chat models often add. */
function stripCodeFence(text: string): string {
  const match = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(text);
  return match === null ? text : (match[1] ?? "").trim();
}
