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
import { closeAverage, sharedSignal } from "./sharedSignals.ts";

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
 * stays closed until the next flip. The averages are shared by every bot of the round
 * (sharedSignals.ts), and the portfolio is read only on a flip, so a quiet round costs little.
 */
export function createMomentumBot(parameters: MomentumBotParameters): SeasonAgent {
  const { id, symbols, fast = 12, slow = 48, thresholdBps = 0, allocationBps = 1_000, leverage = 1 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 500;
  const allowShort = parameters.allowShort ?? true;
  const key = `momentum:${fast}:${slow}`;
  const band = thresholdBps / 10_000;
  const reasoning = `MA(${fast}) vs MA(${slow}) crossover`;
  // Created once: a closure per call would allocate on every agent-round.
  const crossoverSpread = (asset: AssetObservation) => {
    const slowAverage = closeAverage(asset, slow);
    return (closeAverage(asset, fast) - slowAverage) / slowAverage;
  };
  let indices: number[] | undefined;
  let wanted: (Want | undefined)[] = [];
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (indices === undefined) {
        indices = assetIndices(observation, symbols);
        wanted = new Array(observation.assets.length).fill(undefined);
      }
      const spread = sharedSignal(observation, key, crossoverSpread);
      let orders: Order[] | undefined;
      for (const i of indices) {
        const signal = spread[i] as number;
        if (Number.isNaN(signal)) continue;
        const want: Want | undefined =
          signal > band ? "long" : signal < -band ? (allowShort ? "short" : "flat") : undefined;
        if (want === undefined || want === wanted[i]) continue;
        if (observation.portfolio.status !== "active") return HOLD;
        wanted[i] = want;
        const asset = observation.assets[i];
        if (asset === undefined) continue;
        const held = positionOf(observation, asset.symbol);
        if (held?.side === want) continue;
        orders ??= [];
        if (held !== undefined) orders.push(closeOrder(`${id}:${observation.round}:${orders.length}`, held));
        if (want === "flat") continue;
        const lev = leverageFor(observation, asset.symbol, leverage);
        const fill = expectedFill(observation, asset, want === "long" ? "buy" : "sell");
        const stop = protectiveStop(observation, asset, want, fill, stopDistanceBps);
        if (observation.rules.stopOrders && stop === undefined) continue;
        const notional = notionalFor(observation, allocationBps, lev);
        if (notional > 0n)
          orders.push(openOrder(`${id}:${observation.round}:${orders.length}`, asset, want, notional, lev, stop));
      }
      if (orders === undefined || orders.length === 0) return HOLD;
      return decision(orders, [], reasoning);
    },
  };
}
