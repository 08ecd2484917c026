import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import { forkRandom } from "../random/seededRandom.ts";
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

export type RandomBotParameters = {
  id: string;
  /** The season's seed: the bot's stream is forkRandom(seed, "bot:random:<id>"). */
  seed: string;
  /** Chance of acting in a round. */
  tradeProbability?: number;
  /** Largest margin per position as a share of equity, bps. */
  maxAllocationBps?: number;
  maxLeverage?: number;
  stopDistanceBps?: number;
};

/**
 * A seeded random trader, the control group: in a round, with probability `tradeProbability`, it
 * picks an asset at random and closes its position there, or opens one on a random side with a
 * random size and leverage (always with a valid stop where stops are mandatory). The same seed and
 * observations give the same trades.
 */
export function createRandomBot(parameters: RandomBotParameters): SeasonAgent {
  const { id, seed, tradeProbability = 0.05, maxAllocationBps = 1_500, maxLeverage = 3 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 500;
  const random = forkRandom(seed, `bot:random:${id}`);
  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      // Draw every round, acting or not, so the stream never depends on the entrant's status.
      const act = random.nextFloat() < tradeProbability;
      const pick = random.nextInt(Math.max(1, observation.assets.length));
      const side = random.nextFloat() < 0.5 ? "long" : "short";
      const share = 100 + random.nextInt(Math.max(1, maxAllocationBps - 99));
      const wantedLeverage = 1 + random.nextInt(Math.max(1, Math.floor(maxLeverage)));
      if (!act || observation.portfolio.status !== "active") return HOLD;
      const asset = observation.assets[pick];
      if (asset === undefined) return HOLD;
      const held = observation.portfolio.positions.length === 0 ? undefined : positionOf(observation, asset.symbol);
      const clientOrderId = `${id}:${observation.round}:0`;
      if (held !== undefined) return decision([closeOrder(clientOrderId, held)], [], "random close");
      const lev = leverageFor(observation, asset.symbol, wantedLeverage);
      const stop = protectiveStop(
        observation,
        asset,
        side,
        expectedFill(observation, asset, side === "long" ? "buy" : "sell"),
        stopDistanceBps,
      );
      if (observation.rules.stopOrders && stop === undefined) return HOLD;
      const notional = notionalFor(observation, share, lev);
      if (notional <= 0n) return HOLD;
      return decision([openOrder(clientOrderId, asset, side, notional, lev, stop)], [], `random ${side}`);
    },
  };
}
