import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import { BPS_ONE, type Fixed } from "../money/fixed.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import {
  decision,
  expectedFill,
  HOLD,
  leverageFor,
  notionalFor,
  openOrder,
  positionOf,
  protectiveStop,
} from "./botTools.ts";
import { singleAsset } from "./ruleBreakerTools.ts";

export type UnlimitedGridBotParameters = {
  id: string;
  symbol?: string;
  /** Distance between grid levels, bps of the last level's price. */
  stepBps?: number;
  /** Margin per level as a share of equity, bps. */
  levelAllocationBps?: number;
  leverage?: number;
  stopDistanceBps?: number;
};

/**
 * A rule-breaker on purpose (seed 001's banned unlimited grid): buys a level, then buys again each
 * time the price falls another `stepBps` below the last level, never reducing and with no limit on
 * the number of levels: its exposure grows past the 25% per-asset share. Every level carries the
 * first level's stop (where stops are mandatory); if it takes the position out, the grid starts again.
 */
export function createUnlimitedGridBot(parameters: UnlimitedGridBotParameters): SeasonAgent {
  const { id, symbol, stepBps = 100, levelAllocationBps = 400, leverage = 3 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 750;
  let lastLevel: Fixed | undefined;
  let levels = 0;
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active") return HOLD;
      const asset = singleAsset(observation, symbol);
      if (asset === undefined) return HOLD;
      const held = positionOf(observation, asset.symbol);
      const lev = held?.leverage ?? leverageFor(observation, asset.symbol, leverage);
      if (held === undefined) {
        const stop = protectiveStop(
          observation,
          asset,
          "long",
          expectedFill(observation, asset, "buy"),
          stopDistanceBps,
        );
        if (observation.rules.stopOrders && stop === undefined) return HOLD;
        lastLevel = asset.price;
        levels = 1;
        const notional = notionalFor(observation, levelAllocationBps, lev);
        return decision(
          [openOrder(`${id}:${observation.round}:0`, asset, "long", notional, lev, stop)],
          [],
          "grid level 1",
        );
      }
      if (lastLevel === undefined || asset.price * BPS_ONE > lastLevel * (BPS_ONE - BigInt(stepBps))) return HOLD;
      lastLevel = asset.price;
      levels++;
      const notional = notionalFor(observation, levelAllocationBps, lev);
      return decision(
        [openOrder(`${id}:${observation.round}:0`, asset, "long", notional, lev, held.stopLoss)],
        [],
        `grid level ${levels}`,
      );
    },
  };
}
