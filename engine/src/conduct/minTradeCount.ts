import type { AgentActivity } from "./agentActivity.ts";
import { InvalidConductInputError, requireWholeLog } from "./invalidConductInputError.ts";
import type { RequirementFailure } from "./requirementFailure.ts";

/**
 * Seed 003, Participation Rules: "Min Trade Count: minimum number of trades required to qualify
 * for prizes at settlement. Prevents passive entries from winning." A trade is a filled order the
 * agent sent; stop-loss executions and liquidations by the risk engine are not the agent's trades.
 * To leave out trades a tournament excludes from scoring, pass a log without them, or `trades`.
 */
export type MinTradeCountParameters = {
  minTrades: number;
  /**
   * The trade count the caller kept during the season (filled orders the agent sent, excluded ones
   * left out); when given, the log is not read. Needed once events were released from the log.
   */
  trades?: number;
};

export type MinTradeCountEvidence = { trades: number; minTrades: number };

export function checkMinTradeCount(
  activity: AgentActivity,
  parameters: MinTradeCountParameters,
): RequirementFailure<MinTradeCountEvidence> | undefined {
  const { minTrades } = parameters;
  const problems: string[] = [];
  if (!Number.isInteger(minTrades) || minTrades < 0)
    problems.push(`minTrades ${minTrades} is not a non-negative integer`);
  if (parameters.trades !== undefined && (!Number.isInteger(parameters.trades) || parameters.trades < 0)) {
    problems.push(`trades ${parameters.trades} is not a non-negative integer`);
  }
  if (problems.length > 0) {
    throw new InvalidConductInputError(
      "min-trade-count parameters",
      problems,
      "Give the minimum number of trades as a whole number.",
    );
  }
  const trades = parameters.trades ?? countTrades(activity);
  if (trades >= minTrades) return undefined;
  return {
    requirement: "min-trade-count",
    reason: `Made ${trades} trade${trades === 1 ? "" : "s"}; the tournament requires at least ${minTrades}.`,
    evidence: { trades, minTrades },
  };
}

/** The agent's trades in a whole log: fills of orders whose intent is in the log. */
export function countTrades(activity: AgentActivity): number {
  requireWholeLog(
    activity,
    "its trades cannot be counted",
    "Keep the trade count during the season and pass it (Settlement.trades, MinTradeCountParameters.trades).",
  );
  const sent = new Set<string>();
  let trades = 0;
  for (const event of activity.events) {
    if (event.kind === "intent") sent.add(event.orderId);
    else if (event.kind === "fill" && sent.has(event.orderId)) trades++;
  }
  return trades;
}
