import type { AgentDecision } from "../agents/agent.ts";
import type { AssetObservation, RoundObservation } from "../agents/roundObservation.ts";
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
import { closeZScore, signalSlot, slotValues } from "./sharedSignals.ts";

export type MeanReversionBotParameters = {
  id: string;
  symbols?: readonly string[];
  /** Closes in the mean and standard deviation. */
  lookback?: number;
  /** |z| at which it fades the move, and below which it takes profit. */
  entryZ?: number;
  exitZ?: number;
  allocationBps?: number;
  leverage?: number;
  stopDistanceBps?: number;
};

/**
 * Mean reversion on the z-score of the last close against its recent mean: buys when the price is
 * `entryZ` standard deviations below it, sells short when as far above, and closes once |z| is back
 * under `exitZ`. The z-scores are shared by every bot of the round.
 */
export function createMeanReversionBot(parameters: MeanReversionBotParameters): SeasonAgent {
  const { id, symbols, lookback = 24, entryZ = 2, exitZ = 0.5, allocationBps = 1_000, leverage = 1 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 500;
  const zScores = signalSlot(`zscore:${lookback}`, zScore(lookback));
  const reasoning = `z-score(${lookback}) mean reversion`;
  let indices: number[] | undefined;
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active") return HOLD;
      indices ??= assetIndices(observation, symbols);
      const scores = slotValues(zScores, observation);
      let orders: Order[] | undefined;
      for (const i of indices) {
        const z = scores[i] as number;
        const asset = observation.assets[i];
        if (Number.isNaN(z) || asset === undefined) continue;
        const held = observation.portfolio.positions.length === 0 ? undefined : positionOf(observation, asset.symbol);
        if (held !== undefined) {
          if (Math.abs(z) < exitZ) {
            orders ??= [];
            orders.push(closeOrder(`${id}:${observation.round}:${orders.length}`, held));
          }
          continue;
        }
        if (Math.abs(z) < entryZ) continue;
        const side = z < 0 ? "long" : "short";
        const lev = leverageFor(observation, asset.symbol, leverage);
        const fill = expectedFill(observation, asset, side === "long" ? "buy" : "sell");
        const stop = protectiveStop(observation, asset, side, fill, stopDistanceBps);
        if (observation.rules.stopOrders && stop === undefined) continue;
        const notional = notionalFor(observation, allocationBps, lev);
        if (notional <= 0n) continue;
        orders ??= [];
        orders.push(openOrder(`${id}:${observation.round}:${orders.length}`, asset, side, notional, lev, stop));
      }
      if (orders === undefined) return HOLD;
      return decision(orders, [], reasoning);
    },
  };
}

/** The z-score of the last close over `lookback` closes (a shared signal). */
function zScore(lookback: number): (asset: AssetObservation) => number {
  // Built outside the bot: the shared slot keeps the first asker's function, and with it its scope.
  return (asset) => closeZScore(asset, lookback);
}
