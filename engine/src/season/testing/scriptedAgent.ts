/**
 * Test support (not used by the engine): agents that send hand-written orders at given rounds and
 * remember what they were shown, and entrants around them.
 */
import type { AgentDecision } from "../../agents/agent.ts";
import type { RoundObservation } from "../../agents/roundObservation.ts";
import type { Order, StopLossUpdate } from "../../domain/order.ts";
import type { SeasonAgent } from "../seasonAgent.ts";
import type { SeasonEntrant } from "../seasonEntrant.ts";

export type ScriptedRound = {
  orders?: Omit<Order, "clientOrderId">[];
  stopLossUpdates?: Omit<StopLossUpdate, "clientOrderId">[];
};

export type ScriptedAgent = SeasonAgent & {
  /** Every observation the agent was given, in order. */
  observations: RoundObservation[];
};

/** Sends the scripted orders at their rounds (order ids `<id>:<round>:<k>`), holds silently otherwise. */
export function scriptedAgent(id: string, script: Readonly<Record<number, ScriptedRound>>): ScriptedAgent {
  const observations: RoundObservation[] = [];
  return {
    id,
    observations,
    decide(observation): AgentDecision {
      observations.push(observation);
      const round = script[observation.round];
      const orders = (round?.orders ?? []).map(
        (order, k) => ({ ...order, clientOrderId: `${id}:${observation.round}:${k}` }) as Order,
      );
      const stopLossUpdates = (round?.stopLossUpdates ?? []).map((update, k) => ({
        ...update,
        clientOrderId: `${id}:${observation.round}:s${k}`,
      }));
      if (orders.length === 0 && stopLossUpdates.length === 0)
        return { orders: [], stopLossUpdates: [], reasoning: "", outcome: "hold" };
      return { orders, stopLossUpdates, reasoning: "scripted", outcome: "trade" };
    },
  };
}

/** A config hash for tests: 0x followed by the digit repeated 64 times. */
export const testHash = (digit: number) => `0x${String(digit).repeat(64)}`;

export function testEntrant(index: number, agent: SeasonAgent, overrides: Partial<SeasonEntrant> = {}): SeasonEntrant {
  return { index, name: agent.id, modelFamily: "test", configHash: testHash(1), agent, ...overrides };
}
