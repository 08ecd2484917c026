import { divRound, type Fixed, mulFixed, parseFixed } from "../../money/fixed.ts";
import type {
  ActivityEvent,
  AgentActivity,
  DecisionOutcome,
  FillEvent,
  OrderIntentEvent,
  StopChangeEvent,
} from "../agentActivity.ts";
import { absFixed, classifyOrderEffect } from "../orderEffect.ts";

/**
 * Test helper: writes consistent activity logs from a short script of trades, keeping positions
 * with average-cost accounting (the usual broker convention: adds move the average entry, reductions
 * realize (price − average entry) × quantity closed). Amounts are decimal strings ("60000.5").
 * Fills are at the intent's price with no fee unless told otherwise. Round r is at
 * `start + r × roundSeconds` (default 2025-01-01T00:00:00Z, hourly).
 */
export type ActivityScriptOptions = {
  entrant?: string;
  start?: number;
  roundSeconds?: number;
  /** Equity reported in every intent unless an order says otherwise. Default "100000". */
  equity?: string;
};

export type ScriptOrderOptions = {
  /** Stop for the resulting position; omitted/null: keep the current one (none when opening). */
  stop?: string | null;
  equity?: string;
  /** Execution price when it differs from the intent's price (slippage). */
  fillPrice?: string;
  fee?: string;
  /** false: only the intent is logged (a denied order). */
  fill?: boolean;
};

type Held = { quantity: Fixed; average: Fixed; stop: Fixed | null };

export const scriptStart = 1_735_689_600; // 2025-01-01T00:00:00Z

export function fx(text: string): Fixed {
  const value = parseFixed(text);
  if (value === undefined) throw new Error(`activityScript: "${text}" is not a decimal amount`);
  return value;
}

export function activityScript(options: ActivityScriptOptions = {}) {
  const entrant = options.entrant ?? "agent-1";
  const start = options.start ?? scriptStart;
  const roundSeconds = options.roundSeconds ?? 3_600;
  const defaultEquity = fx(options.equity ?? "100000");
  const events: ActivityEvent[] = [];
  const held = new Map<string, Held>();
  let nextOrder = 1;

  const timeOf = (round: number) => start + round * roundSeconds;
  const holding = (symbol: string): Held => held.get(symbol) ?? { quantity: 0n, average: 0n, stop: null };

  /** The intent the agent would send now, without logging it (for inspectIntent). */
  const intent = (round: number, symbol: string, quantity: string, price: string, o: ScriptOrderOptions = {}) => {
    const h = holding(symbol);
    const p = fx(price);
    const event: OrderIntentEvent = {
      kind: "intent",
      round,
      time: timeOf(round),
      orderId: `o${nextOrder}`,
      symbol,
      quantity: fx(quantity),
      price: p,
      stopPrice: o.stop == null ? null : fx(o.stop),
      equity: o.equity === undefined ? defaultEquity : fx(o.equity),
      position: {
        quantity: h.quantity,
        averageEntryPrice: h.average,
        unrealizedPnl: mulFixed(p - h.average, h.quantity),
        stopPrice: h.stop,
      },
    };
    return event;
  };

  const fill = (round: number, orderId: string, symbol: string, quantity: Fixed, price: Fixed, fee: Fixed) => {
    const h = holding(symbol);
    const after = h.quantity + quantity;
    const change = classifyOrderEffect(h.quantity, after);
    let realizedPnl = 0n;
    let average = h.average;
    if (change === "open") average = price;
    if (change === "add") {
      average = divRound(absFixed(h.quantity) * h.average + absFixed(quantity) * price, absFixed(after));
    }
    if (change === "reduce") realizedPnl = mulFixed(price - h.average, -quantity);
    if (change === "close" || change === "reverse") realizedPnl = mulFixed(price - h.average, h.quantity);
    if (change === "reverse") average = price;
    if (after === 0n) average = 0n;
    const event: FillEvent = {
      kind: "fill",
      round,
      time: timeOf(round),
      orderId,
      symbol,
      quantity,
      price,
      fee,
      realizedPnl,
      positionAfter: after,
    };
    const keepsStop = change === "add" || change === "reduce";
    held.set(symbol, { quantity: after, average, stop: keepsStop ? h.stop : null });
    events.push(event);
    return event;
  };

  const setStop = (round: number, symbol: string, newStop: Fixed | null) => {
    const h = holding(symbol);
    if (h.stop === newStop) return undefined;
    const event = stopChange(round, symbol, newStop);
    held.set(symbol, { ...h, stop: newStop });
    events.push(event);
    return event;
  };

  /** The stop change the agent would ask for now, without logging it. */
  const stopChange = (round: number, symbol: string, newStop: Fixed | null): StopChangeEvent => {
    const h = holding(symbol);
    if (h.quantity === 0n) throw new Error(`activityScript: no ${symbol} position to move a stop on`);
    return {
      kind: "stop",
      round,
      time: timeOf(round),
      symbol,
      side: h.quantity > 0n ? "long" : "short",
      entryPrice: h.average,
      previousStop: h.stop,
      newStop,
    };
  };

  return {
    events,
    get activity(): AgentActivity {
      return { entrant, events };
    },
    timeOf,
    intent,
    /** Logs an agent order: its intent, its fill (unless `fill: false`) and the stop it sets. */
    order(round: number, symbol: string, quantity: string, price: string, o: ScriptOrderOptions = {}) {
      const event = intent(round, symbol, quantity, price, o);
      nextOrder++;
      events.push(event);
      if (o.fill === false) return { intent: event, fill: undefined };
      const filled = fill(
        round,
        event.orderId,
        symbol,
        event.quantity,
        o.fillPrice === undefined ? event.price : fx(o.fillPrice),
        fx(o.fee ?? "0"),
      );
      if (event.stopPrice !== null && filled.positionAfter !== 0n) setStop(round, symbol, event.stopPrice);
      return { intent: event, fill: filled };
    },
    /** A risk-engine execution closing the whole position (a stop hit, a liquidation): a fill without intent. */
    riskClose(round: number, symbol: string, price: string) {
      const h = holding(symbol);
      return fill(round, `risk${nextOrder++}`, symbol, -h.quantity, fx(price), 0n);
    },
    /** Logs a stop-loss change on an open position (null removes the stop). */
    moveStop(round: number, symbol: string, newStop: string | null) {
      return setStop(round, symbol, newStop === null ? null : fx(newStop));
    },
    stopChange: (round: number, symbol: string, newStop: string | null) =>
      stopChange(round, symbol, newStop === null ? null : fx(newStop)),
    decision(round: number, outcome: DecisionOutcome, time = timeOf(round)) {
      events.push({ kind: "decision", round, time, outcome });
    },
    mark(round: number, equity: string) {
      events.push({ kind: "mark", round, time: timeOf(round), equity: fx(equity) });
    },
  };
}
