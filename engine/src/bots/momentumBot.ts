import type { AgentDecision } from "../agents/agent.ts";
import type { AssetObservation, RoundObservation } from "../agents/roundObservation.ts";
import type { PositionSide } from "../domain/denial.ts";
import type { Order } from "../domain/order.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import {
  assetIndices,
  closeOrder,
  decision,
  expectedFill,
  HOLD,
  leverageFor,
  notionalFor,
  openOrder,
  positionOf,
  protectiveStop,
} from "./botTools.ts";
import { closeAverage, signalSlot } from "./sharedSignals.ts";
import { roundStances, STANCE_LONG, STANCE_NONE, STANCE_SHORT, signalStances } from "./signalStances.ts";

export type MomentumBotParameters = {
  id: string;
  /** Symbols traded; default every asset of the season. */
  symbols?: readonly string[];
  /** Fast and slow moving-average periods, in bars (the slow one needs that many visible bars). */
  fast?: number;
  slow?: number;
  /** Hysteresis: the fast average must cross the slow one by this much (bps of the slow one) to flip. */
  thresholdBps?: number;
  /** Margin per position as a share of equity, bps. */
  allocationBps?: number;
  leverage?: number;
  stopDistanceBps?: number;
  /** Go short when the fast average is below the slow one; otherwise stay flat. */
  allowShort?: boolean;
};

type Want = PositionSide | "flat";

/**
 * Momentum by moving-average crossover: long once the fast average of closes is above the slow one
 * (by `thresholdBps`), short (or flat) once it is below. It acts only when its signal flips: it
 * closes what it holds in the asset and opens the new side with a stop. A position a stop took out
 * stays closed until the next flip. The averages and the stances they give are shared by every bot of
 * the round with the same parameters (sharedSignals.ts, signalStances.ts), and the portfolio is read
 * only on a flip, so a quiet round costs a few comparisons.
 */
export function createMomentumBot(parameters: MomentumBotParameters): SeasonAgent {
  const { id, symbols, fast = 12, slow = 48, thresholdBps = 0, allocationBps = 1_000, leverage = 1 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 500;
  const allowShort = parameters.allowShort ?? true;
  const key = `momentum:${fast}:${slow}`;
  const reasoning = `MA(${fast}) vs MA(${slow}) crossover`;
  const group = signalStances(signalSlot(key, crossoverSpread(fast, slow)), key, thresholdBps, allowShort);
  let indices: number[] | undefined;
  // The bot's last stance per asset (STANCE_NONE before its first), and the version of the group's
  // latest stances that it equals (-1: not known to equal any).
  let wanted = new Int8Array(0);
  let synced = -1;

  /** Orders turning the asset at `i` to `want`, appended to `orders`. */
  const turn = (observation: RoundObservation, i: number, want: number, orders: Order[]): void => {
    const asset = observation.assets[i];
    if (asset === undefined) return;
    const side: Want = want === STANCE_LONG ? "long" : want === STANCE_SHORT ? "short" : "flat";
    const held = positionOf(observation, asset.symbol);
    if (held?.side === side) return;
    if (held !== undefined) orders.push(closeOrder(`${id}:${observation.round}:${orders.length}`, held));
    if (side === "flat") return;
    const lev = leverageFor(observation, asset.symbol, leverage);
    const fill = expectedFill(observation, asset, side === "long" ? "buy" : "sell");
    const stop = protectiveStop(observation, asset, side, fill, stopDistanceBps);
    if (observation.rules.stopOrders && stop === undefined) return;
    const notional = notionalFor(observation, allocationBps, lev);
    if (notional > 0n)
      orders.push(openOrder(`${id}:${observation.round}:${orders.length}`, asset, side, notional, lev, stop));
  };

  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (indices === undefined) {
        indices = assetIndices(observation, symbols);
        wanted = new Int8Array(observation.assets.length);
      }
      const round = roundStances(group, observation);
      // Quiet: the bot's stances equal the group's latest ones, this round's included (a version is
      // never reused, so the round changed nothing since the bot last matched them).
      if (synced === round.version) return HOLD;
      const { stances, latest } = round;
      let orders: Order[] | undefined;
      for (const i of indices) {
        const want = stances[i] as number;
        if (want === STANCE_NONE || want === wanted[i]) continue;
        if (observation.portfolio.status !== "active") {
          synced = -1;
          return HOLD;
        }
        wanted[i] = want;
        orders ??= [];
        turn(observation, i, want, orders);
      }
      synced = round.version;
      for (const i of indices)
        if (wanted[i] !== latest[i]) {
          synced = -1;
          break;
        }
      if (orders === undefined || orders.length === 0) return HOLD;
      return decision(orders, [], reasoning);
    },
  };
}

/** The fast average's spread over the slow one, relative to the slow one; NaN with too few bars. */
function crossoverSpread(fast: number, slow: number): (asset: AssetObservation) => number {
  // Built outside the bot: the shared slot keeps the first asker's function, and with it its scope.
  return (asset) => {
    const slowAverage = closeAverage(asset, slow);
    return (closeAverage(asset, fast) - slowAverage) / slowAverage;
  };
}
