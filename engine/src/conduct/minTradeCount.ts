import type { AgentActivity } from "./agentActivity.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import type { RequirementFailure } from "./requirementFailure.ts";

/**
 * Seed 003, Participation Rules: "Min Trade Count: minimum number of trades required to qualify
 * for prizes at settlement. Prevents passive entries from winning." A trade is a filled order the
 * agent sent; stop-loss executions and liquidations by the risk engine are not the agent's trades.
 * To leave out trades a tournament excludes from scoring, pass a log without them.
 */
export type MinTradeCountParameters = { minTrades: number };

export type MinTradeCountEvidence = { trades: number; minTrades: number };

export function checkMinTradeCount(
  activity: AgentActivity,
  parameters: MinTradeCountParameters,
): RequirementFailure<MinTradeCountEvidence> | undefined {
  const { minTrades } = parameters;
  if (!Number.isInteger(minTrades) || minTrades < 0) {
    throw new InvalidConductInputError(
      "min-trade-count parameters",
      [`minTrades ${minTrades} is not a non-negative integer`],
      "Give the minimum number of trades as a whole number.",
    );
  }
  const sent = new Set<string>();
  let trades = 0;
  for (const event of activity.events) {
    if (event.kind === "intent") sent.add(event.orderId);
    else if (event.kind === "fill" && sent.has(event.orderId)) trades++;
  }
  if (trades >= minTrades) return undefined;
  return {
    requirement: "min-trade-count",
    reason: `Made ${trades} trade${trades === 1 ? "" : "s"}; the tournament requires at least ${minTrades}.`,
    evidence: { trades, minTrades },
  };
}
