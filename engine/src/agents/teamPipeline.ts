import type { Agent, AgentDecision } from "./agent.ts";
import type { LlmAgentConfig, TeamPipelineSettings } from "./agentConfig.ts";
import type { AgentExchange, AgentPrompt } from "./agentExchange.ts";
import { buildDecisionPrompt } from "./buildDecisionPrompt.ts";
import { decisionFromLlmReply } from "./decisionFromLlmReply.ts";
import { DECISION_SCHEMA_NAME, decisionReplySchema } from "./decisionReplySchema.ts";
import { DECISION_SCHEMA_DESCRIPTION, NotAnLlmAgentError } from "./llmAgent.ts";
import {
  createModelCaller,
  type LlmAgentRuntime,
  type ModelCaller,
  type ModelCallResult,
  totalUsage,
} from "./modelCaller.ts";
import { noTradeDecision } from "./noTradeReason.ts";
import {
  marketData,
  portfolioText,
  riskBudgetText,
  roundHeader,
  rulesText,
  untrustedBlock,
  untrustedDataNotice,
} from "./promptSections.ts";
import type { RoundObservation } from "./roundObservation.ts";
import { validateAgentConfig } from "./validateAgentConfig.ts";

export type CreateTeamPipelineParameters = LlmAgentRuntime & {
  id: string;
  /** An LLM agent config with `pipeline: { kind: "team", ... }` (validated here). */
  config: unknown;
};

/** A report of one step, as later steps read it. */
export type TeamReport = { role: string; asset?: string; debateRound?: number; text: string };

/** Longest report text passed on to later steps (keeps prompts bounded whatever a model writes). */
const MAX_REPORT_CHARS = 4_000;

const analystTasks: Record<string, string> = {
  macro:
    "You are the team's macro analyst. For each asset, assess the macro drivers (central banks and rates, inflation, growth, the dollar, risk sentiment) and end with a view per asset: bullish, bearish or neutral, with a conviction from 1 to 5.",
  technical:
    "You are the team's technical analyst. For each asset, read the trend, momentum (moving averages, RSI), volatility and recent returns in the data, and end with a view per asset: bullish, bearish or neutral, with a conviction from 1 to 5.",
  sentiment:
    "You are the team's sentiment analyst. For each asset, assess what the news and recent price action say about positioning and sentiment, and end with a view per asset: bullish, bearish or neutral, with a conviction from 1 to 5.",
};

const analystTask = (name: string) =>
  analystTasks[name] ??
  `You are the team's ${name} analyst. Analyse each asset from the ${name} point of view and end with a view per asset: bullish, bearish or neutral, with a conviction from 1 to 5.`;

const debateTask = (side: "bull" | "bear", asset: string) =>
  side === "bull"
    ? `You are the bull in the team's debate on ${asset}. Make the strongest evidence-based case for a long position in ${asset} now, and rebut the bear's latest argument if there is one. Be concise: at most 200 words.`
    : `You are the bear in the team's debate on ${asset}. Make the strongest evidence-based case against a long position in ${asset} (or for a short) now, and rebut the bull's latest argument. Be concise: at most 200 words.`;

const riskManagerTask =
  "You are the team's risk manager. Review the analysts' views and the debates against the season's rules and the remaining risk budget. For each asset, recommend a maximum position size (as a share of equity) or none, and flag concentration, correlation and drawdown risks. Be concise.";

/**
 * The macro arena's team (seed 002: "Three AI teams compete with 7 specialized agents", "Bull vs
 * Bear engage in 2 rounds of adversarial debate per asset", "The Portfolio Manager decides
 * direction and size"). Each round:
 * 1. every analyst writes a report (in parallel);
 * 2. per asset (assets in parallel), the bull and the bear alternate for `debateRounds` rounds,
 *    each seeing the reports and the debate so far;
 * 3. optionally, the risk manager reviews it all against the rules and the risk budget;
 * 4. the portfolio manager decides, with the decision schema (as a single LLM trader does).
 * Every step is an exchange of the decision, numbered in that fixed order whatever the completion
 * order. A failed step is recorded with its reason and left out of later prompts; a failed
 * portfolio manager makes the round a no-trade. Model-written reports reach later steps fenced as
 * untrusted data: an injection that fooled an analyst stays data for the portfolio manager.
 */
export function createTeamPipeline(parameters: CreateTeamPipelineParameters): Agent {
  const config = validateAgentConfig(parameters.config);
  if (config.provider === "builtin" || config.pipeline === undefined)
    throw new NotAnLlmAgentError(
      config.name,
      config.provider === "builtin" ? "is a built-in bot" : "has no team pipeline",
      'Give an LLM agent config with pipeline: { kind: "team", analysts, debateRounds, riskManager }, or use createLlmAgent for a single trader.',
    );
  const caller = createModelCaller(config, parameters);
  const pipeline = config.pipeline;
  return { id: parameters.id, decide: (observation) => runTeam(parameters.id, config, pipeline, caller, observation) };
}

async function runTeam(
  id: string,
  config: LlmAgentConfig,
  pipeline: TeamPipelineSettings,
  caller: ModelCaller,
  observation: RoundObservation,
): Promise<AgentDecision> {
  const start = caller.clock();
  const results: ModelCallResult[] = [];
  const reportOf = (result: ModelCallResult): TeamReport | undefined => {
    const text = result.reply?.text;
    if (result.exchange.failure !== undefined || text === null || text === undefined || text.trim() === "")
      return undefined;
    const report: TeamReport = {
      role: result.exchange.role,
      text: text.length > MAX_REPORT_CHARS ? `${text.slice(0, MAX_REPORT_CHARS)}...` : text,
    };
    if (result.exchange.asset !== undefined) report.asset = result.exchange.asset;
    if (result.exchange.debateRound !== undefined) report.debateRound = result.exchange.debateRound;
    return report;
  };
  const freeText = async (
    step: number,
    role: string,
    prompt: AgentPrompt,
    extra: { asset?: string; debateRound?: number } = {},
  ) => {
    const result = await caller.call({ step, role, prompt, ...extra });
    if (result.reply !== undefined && result.exchange.failure === undefined) {
      const { finish } = result.reply;
      if (finish === "refusal") result.exchange.failure = { code: "REFUSAL", detail: `the ${role} declined` };
      else if (result.reply.text === null || result.reply.text.trim() === "")
        result.exchange.failure = { code: "EMPTY_REPLY", detail: `the ${role} wrote nothing` };
    }
    results.push(result);
    return result;
  };

  // 1. Analysts.
  const analystResults = await Promise.all(
    pipeline.analysts.map((name, i) =>
      freeText(
        i,
        `analyst:${name}`,
        rolePrompt(config, observation, analystTask(name), `analyst:${name}`, [], undefined),
      ),
    ),
  );
  const analystReports = analystResults.map(reportOf).filter((report) => report !== undefined);

  // 2. Bull/bear debate per asset.
  const symbols = observation.assets
    .map((asset) => asset.symbol)
    .filter((symbol) => config.markets === undefined || config.markets.includes(symbol));
  const debateStart = pipeline.analysts.length;
  const debateReports = await Promise.all(
    symbols.map(async (symbol, assetIndex) => {
      const first = debateStart + assetIndex * pipeline.debateRounds * 2;
      const transcript: TeamReport[] = [];
      for (let round = 1; round <= pipeline.debateRounds; round++) {
        for (const [offset, side] of (["bull", "bear"] as const).entries()) {
          const prompt = rolePrompt(
            config,
            observation,
            debateTask(side, symbol),
            side,
            [...analystReports, ...transcript],
            symbol,
          );
          const result = await freeText(first + (round - 1) * 2 + offset, side, prompt, {
            asset: symbol,
            debateRound: round,
          });
          const report = reportOf(result);
          if (report !== undefined) transcript.push(report);
        }
      }
      return transcript;
    }),
  );
  let step = debateStart + symbols.length * pipeline.debateRounds * 2;
  const reports: TeamReport[] = [...analystReports, ...debateReports.flat()];

  // 3. Risk manager.
  if (pipeline.riskManager) {
    const result = await freeText(
      step,
      "risk-manager",
      rolePrompt(config, observation, riskManagerTask, "risk-manager", reports, undefined),
    );
    const report = reportOf(result);
    if (report !== undefined) reports.push(report);
    step++;
  }

  // 4. Portfolio manager.
  const markets = config.markets ? { markets: config.markets } : {};
  const manager = await caller.call({
    step,
    role: "portfolio-manager",
    prompt: buildDecisionPrompt({ agent: config, observation, teamReports: reports, role: "portfolio-manager" }),
    schema: {
      name: DECISION_SCHEMA_NAME,
      description: DECISION_SCHEMA_DESCRIPTION,
      schema: decisionReplySchema({ observation, ...markets }),
    },
  });
  results.push(manager);
  let decision: AgentDecision;
  if (manager.reply === undefined) {
    const failure = manager.exchange.failure ?? { code: "PROTOCOL_ERROR" as const, detail: "no reply" };
    decision = noTradeDecision(failure.code, `portfolio manager: ${failure.detail}`);
  } else {
    decision = decisionFromLlmReply(manager.reply, {
      observation,
      agentId: id,
      ...(config.risk ? { risk: config.risk } : {}),
      ...markets,
      ...(caller.maxReplyChars === undefined ? {} : { maxReplyChars: caller.maxReplyChars }),
    });
    if (decision.noTradeReason !== undefined) manager.exchange.failure = decision.noTradeReason;
  }
  decision.reasoning = caller.redact(decision.reasoning);
  if (decision.noTradeReason)
    decision.noTradeReason = { ...decision.noTradeReason, detail: caller.redact(decision.noTradeReason.detail) };
  decision.exchanges = results.map((result) => result.exchange).sort((a, b) => a.step - b.step) as AgentExchange[];
  decision.usage = totalUsage(results, caller.clock() - start);
  return decision;
}

/** The prompt of an analyst, debater or risk manager: free text, same contract as the decision prompt. */
function rolePrompt(
  config: LlmAgentConfig,
  observation: RoundObservation,
  task: string,
  role: string,
  reports: readonly TeamReport[],
  asset: string | undefined,
): AgentPrompt {
  const extra = config.pipeline?.roleInstructions?.[role];
  const system = [
    `You are a member of the trading team "${config.name}" on Podium, a paper-trading arena. ${task}`,
    rulesText(observation.rules),
    untrustedDataNotice,
    "# Your reply\nPlain text. You do not place orders: the portfolio manager decides.",
    ...(extra === undefined ? [] : [`# Your instructions\n${extra}`]),
  ].join("\n\n");
  const symbols = asset === undefined ? config.markets : [asset];
  const parts = [
    roundHeader(observation),
    riskBudgetText(observation.riskBudget),
    portfolioText(observation.portfolio),
  ];
  parts.push(untrustedBlock("market data", marketData(observation, symbols)));
  if (observation.news !== undefined && observation.news.length > 0)
    parts.push(untrustedBlock("news", observation.news));
  if (reports.length > 0) parts.push(untrustedBlock("team reports", reports));
  return { system, user: parts.join("\n\n") };
}
