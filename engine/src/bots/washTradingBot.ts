import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import { decision, expectedFill, HOLD, leverageFor, notionalFor, positionOf, protectiveStop } from "./botTools.ts";
import { singleAsset } from "./ruleBreakerTools.ts";

export type WashTradingBotParameters = {
  id: string;
  symbol?: string;
  allocationBps?: number;
  /** Trades once every this many rounds. */
  everyRounds?: number;
};

/**
 * A rule-breaker on purpose (seed 004's gaming attempt, wash trading): every few rounds it buys and
 * sells the same quantity in the same round, which changes nothing but its trade count.
 */
export function createWashTradingBot(parameters: WashTradingBotParameters): SeasonAgent {
  const { id, symbol, allocationBps = 1_000, everyRounds = 4 } = parameters;
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active" || observation.round % everyRounds !== 0) return HOLD;
      const asset = singleAsset(observation, symbol);
      if (asset === undefined || positionOf(observation, asset.symbol) !== undefined) return HOLD;
      const fill = expectedFill(observation, asset, "buy");
      const stop = protectiveStop(observation, asset, "long", fill, 500);
      if (observation.rules.stopOrders && stop === undefined) return HOLD;
      const notional = notionalFor(observation, allocationBps, leverageFor(observation, asset.symbol, 1));
      const quantity = (notional * 100_000_000n) / fill;
      if (quantity <= 0n) return HOLD;
      const buy = {
        clientOrderId: `${id}:${observation.round}:0`,
        symbol: asset.symbol,
        side: "buy" as const,
        quantity,
      };
      return decision(
        [
          stop === undefined ? buy : { ...buy, stopLoss: stop },
          { clientOrderId: `${id}:${observation.round}:1`, symbol: asset.symbol, side: "sell", quantity },
        ],
        [],
        "wash: buy and sell the same quantity",
      );
    },
  };
}
