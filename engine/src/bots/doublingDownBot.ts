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

export type DoublingDownBotParameters = {
  id: string;
  symbol?: string;
  /** Margin of the first entry and of every add, as a share of equity, bps. */
  allocationBps?: number;
  /** Adds to one losing position at most. */
  maxAdds?: number;
  /** Rounds after which the position is closed whatever happens. */
  holdRounds?: number;
  stopDistanceBps?: number;
};

/**
 * A rule-breaker on purpose (seed 001's banned "doubling down on losers"): holds one long and, in
 * every round where it shows a loss, adds the same size again to lower its average entry (with the
 * position's stop); closes after `holdRounds`.
 */
export function createDoublingDownBot(parameters: DoublingDownBotParameters): SeasonAgent {
  const { id, symbol, allocationBps = 500, maxAdds = 3, holdRounds = 24 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 700;
  let adds = 0;
  let openedRound = -1;
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active") return HOLD;
      const asset = singleAsset(observation, symbol);
      if (asset === undefined) return HOLD;
      const held = positionOf(observation, asset.symbol);
      const lev = leverageFor(observation, asset.symbol, 1);
      if (held === undefined) {
        const stop = protectiveStop(
          observation,
          asset,
          "long",
          expectedFill(observation, asset, "buy"),
          stopDistanceBps,
        );
        if (observation.rules.stopOrders && stop === undefined) return HOLD;
        const notional = notionalFor(observation, allocationBps, lev);
        if (notional <= 0n) return HOLD;
        adds = 0;
        openedRound = observation.round;
        return decision(
          [openOrder(`${id}:${observation.round}:0`, asset, "long", notional, lev, stop)],
          [],
          "open long",
        );
      }
      if (observation.round - openedRound >= holdRounds)
        return decision([closeOrder(`${id}:${observation.round}:0`, held)], [], "close after the holding period");
      if (held.side !== "long" || asset.price >= held.entryPrice || adds >= maxAdds) return HOLD;
      adds++;
      // The add carries the position's own stop: a lower one would be widening, and the stop rule
      // checks it again against the new (lower) average entry.
      const notional = notionalFor(observation, allocationBps, held.leverage);
      return decision(
        [openOrder(`${id}:${observation.round}:0`, asset, "long", notional, held.leverage, held.stopLoss)],
        [],
        `doubling down: add ${adds} below the average entry`,
      );
    },
  };
}
