import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import {
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
import { singleAsset } from "./ruleBreakerTools.ts";

export type MartingaleBotParameters = {
  id: string;
  symbol?: string;
  /** The first bet's margin as a share of equity, bps. */
  baseAllocationBps?: number;
  /** Bet multiplier after each loss (seed 001: "doubling position size after a loss"). */
  factor?: number;
  /** Rounds each bet is held before it is closed. */
  holdRounds?: number;
  /** Losses after which the bet size stops growing (the position cap would refuse it anyway). */
  maxSteps?: number;
  stopDistanceBps?: number;
};

/**
 * A rule-breaker on purpose (seed 001's banned Martingale): one long bet at a time, held a few
 * rounds; after a losing bet (closed at a loss or stopped out) the next bet is `factor` times larger,
 * after a winning one it goes back to the base size.
 */
export function createMartingaleBot(parameters: MartingaleBotParameters): SeasonAgent {
  const { id, symbol, baseAllocationBps = 200, factor = 2, holdRounds = 3, maxSteps = 4 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 500;
  let losses = 0;
  let openedRound = -1;
  let holding = false;
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active") return HOLD;
      const asset = singleAsset(observation, symbol);
      if (asset === undefined) return HOLD;
      const held = positionOf(observation, asset.symbol);
      if (held !== undefined) {
        if (observation.round - openedRound < holdRounds) return HOLD;
        holding = false;
        losses = held.unrealizedPnl <= 0n ? losses + 1 : 0;
        return decision([closeOrder(`${id}:${observation.round}:0`, held)], [], `close bet, losses in a row ${losses}`);
      }
      if (holding) losses += 1; // the stop took the bet: a loss
      holding = false;
      const share = Math.round(baseAllocationBps * factor ** Math.min(losses, maxSteps));
      const stop = protectiveStop(observation, asset, "long", expectedFill(observation, asset, "buy"), stopDistanceBps);
      if (observation.rules.stopOrders && stop === undefined) return HOLD;
      const lev = leverageFor(observation, asset.symbol, 1);
      const notional = notionalFor(observation, share, lev);
      if (notional <= 0n) return HOLD;
      openedRound = observation.round;
      holding = true;
      return decision(
        [openOrder(`${id}:${observation.round}:0`, asset, "long", notional, lev, stop)],
        [],
        `martingale bet ${share} bps after ${losses} losses`,
      );
    },
  };
}
