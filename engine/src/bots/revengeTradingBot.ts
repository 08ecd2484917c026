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
  protectiveStop,
} from "./botTools.ts";

export type RevengeTradingBotParameters = {
  id: string;
  symbols?: readonly string[];
  /** Margin of a normal position as a share of equity, bps. */
  allocationBps?: number;
  /** Size of the position opened right after a loss, as a multiple of a normal one. */
  revengeFactor?: number;
  /** Rounds each position is held. */
  holdRounds?: number;
  stopDistanceBps?: number;
};

/**
 * A rule-breaker on purpose (seed 001's banned revenge trading): trades one position at a time in
 * turn across its assets, each held a few rounds; when a position closes at a loss (or is stopped
 * out) it immediately opens a position `revengeFactor` times the normal size.
 */
export function createRevengeTradingBot(parameters: RevengeTradingBotParameters): SeasonAgent {
  const { id, symbols, allocationBps = 400, revengeFactor = 3, holdRounds = 2 } = parameters;
  const stopDistanceBps = parameters.stopDistanceBps ?? 500;
  let indices: number[] | undefined;
  let next = 0;
  let openedRound = -1;
  let holding = false;

  const open = (observation: RoundObservation, share: number, k: number): Order | undefined => {
    const list = indices as number[];
    const asset = observation.assets[list[next % list.length] as number] as AssetObservation;
    next++;
    const stop = protectiveStop(observation, asset, "long", expectedFill(observation, asset, "buy"), stopDistanceBps);
    if (observation.rules.stopOrders && stop === undefined) return undefined;
    const lev = leverageFor(observation, asset.symbol, 1);
    const notional = notionalFor(observation, share, lev);
    if (notional <= 0n) return undefined;
    openedRound = observation.round;
    holding = true;
    return openOrder(`${id}:${observation.round}:${k}`, asset, "long", notional, lev, stop);
  };

  return {
    id,
    deterministic: true,
    decide(observation: RoundObservation): AgentDecision {
      if (observation.portfolio.status !== "active") return HOLD;
      indices ??= assetIndices(observation, symbols);
      if (indices.length === 0) return HOLD;
      const held = observation.portfolio.positions[0];
      const revenge = Math.round(allocationBps * revengeFactor);
      if (held === undefined) {
        // A position that vanished without our close was stopped out: a loss, and revenge.
        const share = holding ? revenge : allocationBps;
        const order = open(observation, share, 0);
        return order === undefined ? HOLD : decision([order], [], holding ? "revenge after a stop" : "open");
      }
      if (observation.round - openedRound < holdRounds) return HOLD;
      const orders: Order[] = [closeOrder(`${id}:${observation.round}:0`, held)];
      holding = false;
      const lost = held.unrealizedPnl < 0n;
      const order = open(observation, lost ? revenge : allocationBps, 1);
      if (order !== undefined) orders.push(order);
      return decision(orders, [], lost ? "revenge: triple size after a loss" : "rotate");
    },
  };
}
