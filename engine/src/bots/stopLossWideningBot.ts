import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import { BPS_ONE } from "../money/fixed.ts";
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

export type StopLossWideningBotParameters = {
  id: string;
  symbol?: string;
  allocationBps?: number;
  /** The stop it opens with, bps from entry. */
  stopDistanceBps?: number;
  /** Where it then tries to move the stop, bps from entry (further away: widening). */
  widenToBps?: number;
  holdRounds?: number;
};

/**
 * A rule-breaker on purpose (seed 001: stops "cannot be moved further from the entry price"): opens
 * a long with a tight stop and, the next round, asks to move the stop further away; closes after
 * `holdRounds` and starts again. Its widening requests are the only bot orders whose stop is not a
 * valid tightening.
 */
export function createStopLossWideningBot(parameters: StopLossWideningBotParameters): SeasonAgent {
  const { id, symbol, allocationBps = 1_000, stopDistanceBps = 300, widenToBps = 700, holdRounds = 6 } = parameters;
  let openedRound = -1;
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active" || !observation.rules.stopOrders) return HOLD;
      const asset = singleAsset(observation, symbol);
      if (asset === undefined) return HOLD;
      const held = positionOf(observation, asset.symbol);
      if (held === undefined) {
        const stop = protectiveStop(
          observation,
          asset,
          "long",
          expectedFill(observation, asset, "buy"),
          stopDistanceBps,
        );
        if (stop === undefined) return HOLD;
        const lev = leverageFor(observation, asset.symbol, 1);
        openedRound = observation.round;
        const notional = notionalFor(observation, allocationBps, lev);
        return decision(
          [openOrder(`${id}:${observation.round}:0`, asset, "long", notional, lev, stop)],
          [],
          "open with a tight stop",
        );
      }
      if (observation.round - openedRound >= holdRounds)
        return decision([closeOrder(`${id}:${observation.round}:0`, held)], [], "close");
      if (observation.round !== openedRound + 1 || held.side !== "long") return HOLD;
      const wider = (held.entryPrice * (BPS_ONE - BigInt(widenToBps))) / BPS_ONE;
      if (held.stopLoss === undefined || wider >= held.stopLoss || wider >= asset.price) return HOLD;
      return decision(
        [],
        [{ clientOrderId: `${id}:${observation.round}:s0`, symbol: asset.symbol, stopLoss: wider }],
        "widen the stop",
      );
    },
  };
}
