import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import { BPS_ONE } from "../money/fixed.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import {
  assetIndices,
  decision,
  expectedFill,
  HOLD,
  leverageFor,
  notionalFor,
  openOrder,
  positionOf,
  protectiveStop,
} from "./botTools.ts";

export type BuyAndHoldBotParameters = {
  id: string;
  symbols?: readonly string[];
  /** Margin of the whole book as a share of equity, bps, split evenly across the symbols (at most the season's per-asset cap each). */
  allocationBps?: number;
  leverage?: number;
  stopDistanceBps?: number;
  /** Raise the stop as the price rises (stops may be tightened, seed 001), once it would gain `trailStepBps`. */
  trailStop?: boolean;
  trailStepBps?: number;
};

/**
 * Buys every symbol once and holds. Where stops are mandatory it carries one and, by default,
 * trails it upward (tightening only); if a stop takes it out, it buys again at the next round.
 */
export function createBuyAndHoldBot(parameters: BuyAndHoldBotParameters): SeasonAgent {
  const { id, symbols, allocationBps = 6_000, leverage = 1, stopDistanceBps = 500, trailStepBps = 100 } = parameters;
  const trailStop = parameters.trailStop ?? true;
  let indices: number[] | undefined;
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active") return HOLD;
      indices ??= assetIndices(observation, symbols);
      if (indices.length === 0) return HOLD;
      // Split evenly, but never above the season's per-asset cap (seed 001: 25%), with 1% to spare for costs.
      const cap = observation.rules.maxPositionShareBps;
      const share = Math.min(Math.floor(allocationBps / indices.length), cap === undefined ? 10_000 : cap - 100);
      let orders: Order[] | undefined;
      let updates: StopLossUpdate[] | undefined;
      for (const i of indices) {
        const asset = observation.assets[i];
        if (asset === undefined) continue;
        const held = observation.portfolio.positions.length === 0 ? undefined : positionOf(observation, asset.symbol);
        if (held === undefined) {
          const lev = leverageFor(observation, asset.symbol, leverage);
          const stop = protectiveStop(
            observation,
            asset,
            "long",
            expectedFill(observation, asset, "buy"),
            stopDistanceBps,
          );
          if (observation.rules.stopOrders && stop === undefined) continue;
          const notional = notionalFor(observation, share, lev);
          if (notional <= 0n) continue;
          orders ??= [];
          orders.push(openOrder(`${id}:${observation.round}:${orders.length}`, asset, "long", notional, lev, stop));
        } else if (trailStop && held.side === "long" && held.stopLoss !== undefined) {
          // The trailing stop follows the price, not the entry: price × (1 − distance), raised only.
          const trailed = protectiveStop(observation, asset, "long", asset.price, stopDistanceBps);
          if (trailed === undefined) continue;
          if (trailed * BPS_ONE <= held.stopLoss * (BPS_ONE + BigInt(trailStepBps))) continue;
          updates ??= [];
          updates.push({
            clientOrderId: `${id}:${observation.round}:s${updates.length}`,
            symbol: asset.symbol,
            stopLoss: trailed,
          });
        }
      }
      if (orders === undefined && updates === undefined) return HOLD;
      return decision(orders ?? [], updates ?? [], orders === undefined ? "trail stops" : "buy and hold");
    },
  };
}
