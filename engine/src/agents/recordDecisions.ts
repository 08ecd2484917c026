import type { Agent } from "./agent.ts";
import type { DecisionLog } from "./decisionLog.ts";

/** Wraps an agent so that every decision it makes is recorded in the log with its round. */
export function recordDecisions(agent: Agent, log: DecisionLog): Agent {
  return {
    id: agent.id,
    async decide(observation) {
      const decision = await agent.decide(observation);
      log.record(observation, decision);
      return decision;
    },
  };
}
