import type { AgentPrompt } from "./agentExchange.ts";
import { DECISION_SCHEMA_NAME } from "./decisionReplySchema.ts";
import {
  marketData,
  portfolioText,
  riskBudgetText,
  roundHeader,
  rulesText,
  untrustedBlock,
  untrustedDataNotice,
} from "./promptSections.ts";
import { renderPromptTemplate } from "./renderPromptTemplate.ts";
import type { RoundObservation } from "./roundObservation.ts";

/** What a prompt needs to know about the agent (from its config). */
export type PromptAgent = {
  name: string;
  strategyStyle: string;
  promptTemplate: string;
  markets?: readonly string[];
};

export type BuildDecisionPromptParameters = {
  agent: PromptAgent;
  observation: RoundObservation;
  /** A team's reports for its portfolio manager (model-written, so fenced as untrusted). */
  teamReports?: readonly { role: string; asset?: string; debateRound?: number; text: string }[];
  /** Who decides: "trader" (single agent) or "portfolio-manager" (team). */
  role?: "trader" | "portfolio-manager";
};

/** The reply part of the contract, stated in words next to the JSON schema the endpoint enforces. */
export function replyContractText(stopOrders: boolean): string {
  const order = stopOrders
    ? '{"symbol": "BTC", "side": "buy" | "sell", "quantity": "0.5" | null, "notional": "1000" | null, "leverage": 2 | null, "stopLoss": "61000" | null}'
    : '{"symbol": "SPY", "side": "buy" | "sell", "quantity": "10" | null, "notional": "250000" | null, "leverage": null}';
  return [
    "# Your reply",
    `Reply with one JSON object (the "${DECISION_SCHEMA_NAME}" schema) and nothing else:`,
    `{"reasoning": "your analysis, step by step", "orders": [${order}]${stopOrders ? ', "stopLossUpdates": [{"symbol": "BTC", "stopLoss": "62000"}]' : ""}}`,
    "- Give exactly one of quantity (units) and notional (USD); amounts are decimal strings.",
    "- An empty orders array holds. Orders execute in the order given; a sell reduces or shorts.",
    "- One invalid order (unknown asset, missing or too-far stop-loss, oversized) voids the whole reply: no trade this round.",
  ].join("\n");
}

/**
 * The prompt of the agent that decides (a single trader, or a team's portfolio manager), per the
 * prompt contract: the system message holds the platform's part (who the agent is, the season's
 * rules, the untrusted-data notice, the reply contract) and then the agent's own instructions
 * rendered from its template with trusted values only; the user message holds the round, the risk
 * budget and the portfolio (written by the engine) and, fenced as untrusted data, the market data,
 * the news and any team reports.
 */
export function buildDecisionPrompt(parameters: BuildDecisionPromptParameters): AgentPrompt {
  const { agent, observation, teamReports, role = "trader" } = parameters;
  const symbols = agent.markets ?? observation.assets.map((asset) => asset.symbol);
  const instructions = renderPromptTemplate(agent.promptTemplate, {
    name: agent.name,
    style: agent.strategyStyle,
    symbols: symbols.join(", "),
    arena: observation.rules.arena,
    season: observation.rules.seasonName,
  });
  const who =
    role === "portfolio-manager"
      ? `You are the portfolio manager of the team "${agent.name}" on Podium, a paper-trading arena. Your analysts and a bull/bear debate have reported; you alone decide the orders.`
      : `You are "${agent.name}", a trading agent on Podium, a paper-trading arena. Each round you receive market data and your portfolio, and you answer with one decision.`;
  const system = [
    who,
    `You trade: ${symbols.join(", ")}.`,
    rulesText(observation.rules),
    untrustedDataNotice,
    replyContractText(observation.rules.stopOrders),
    "# Your instructions",
    instructions,
  ].join("\n\n");
  const parts = [
    roundHeader(observation),
    riskBudgetText(observation.riskBudget),
    portfolioText(observation.portfolio),
  ];
  parts.push(untrustedBlock("market data", marketData(observation, agent.markets)));
  if (observation.news !== undefined && observation.news.length > 0)
    parts.push(untrustedBlock("news", observation.news));
  if (teamReports !== undefined && teamReports.length > 0) parts.push(untrustedBlock("team reports", teamReports));
  parts.push("Decide now: reply with the JSON object only.");
  return { system, user: parts.join("\n\n") };
}
