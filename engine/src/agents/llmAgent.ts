import { PodiumError } from "../errors/podiumError.ts";
import type { Agent, AgentDecision } from "./agent.ts";
import type { LlmAgentConfig } from "./agentConfig.ts";
import { buildDecisionPrompt } from "./buildDecisionPrompt.ts";
import { decisionFromLlmReply } from "./decisionFromLlmReply.ts";
import { DECISION_SCHEMA_NAME, decisionReplySchema } from "./decisionReplySchema.ts";
import { createModelCaller, type LlmAgentRuntime, type ModelCaller, totalUsage } from "./modelCaller.ts";
import { noTradeDecision } from "./noTradeReason.ts";
import type { RoundObservation } from "./roundObservation.ts";
import { validateAgentConfig } from "./validateAgentConfig.ts";

export type CreateLlmAgentParameters = LlmAgentRuntime & {
  /** The entrant's id: the prefix of its orders' clientOrderIds. */
  id: string;
  /** An agent config (validated here); an LLM provider, without a team pipeline. */
  config: unknown;
};

export type NotAnLlmAgentErrorType = NotAnLlmAgentError;

export class NotAnLlmAgentError extends PodiumError {
  override name = "NotAnLlmAgentError";
  constructor(name: string, problem: string, hint: string) {
    super(`Agent "${name}" ${problem}.`, { hint });
  }
}

export const DECISION_SCHEMA_DESCRIPTION =
  "Submit this round's trading decision: your reasoning, market orders and stop-loss updates.";

/**
 * A single LLM trader. Each round: the prompt (buildDecisionPrompt) and the round's JSON schema
 * go to the model through its provider (bounded retries with backoff, per-attempt timeout, the
 * shared concurrency limit), and the reply is validated (decisionFromLlmReply). Every failure —
 * HTTP error, timeout, oversized or malformed reply, refusal, a reply that breaks the rules — is a
 * no-trade decision with its reason. The decision carries its one exchange (prompt and reply) for
 * the decision log and its usage (tokens, attempts, latency from the injected clock) as metadata.
 */
export function createLlmAgent(parameters: CreateLlmAgentParameters): Agent {
  const config = validateAgentConfig(parameters.config);
  if (config.provider === "builtin")
    throw new NotAnLlmAgentError(
      config.name,
      "is a built-in bot",
      "Create built-in bots with the bots module, not createLlmAgent.",
    );
  if (config.pipeline !== undefined)
    throw new NotAnLlmAgentError(config.name, "is a team pipeline", "Create it with createTeamPipeline.");
  const caller = createModelCaller(config, parameters);
  return { id: parameters.id, decide: (observation) => decideOnce(parameters.id, config, caller, observation) };
}

async function decideOnce(
  id: string,
  config: LlmAgentConfig,
  caller: ModelCaller,
  observation: RoundObservation,
): Promise<AgentDecision> {
  const start = caller.clock();
  const prompt = buildDecisionPrompt({ agent: config, observation });
  const result = await caller.call({
    step: 0,
    role: "trader",
    prompt,
    schema: {
      name: DECISION_SCHEMA_NAME,
      description: DECISION_SCHEMA_DESCRIPTION,
      schema: decisionReplySchema({ observation, ...(config.markets ? { markets: config.markets } : {}) }),
    },
  });
  const { exchange, reply } = result;
  let decision: AgentDecision;
  if (reply === undefined) {
    const failure = exchange.failure ?? { code: "PROTOCOL_ERROR" as const, detail: "no reply" };
    decision = noTradeDecision(failure.code, failure.detail);
  } else {
    decision = decisionFromLlmReply(reply, {
      observation,
      agentId: id,
      ...(config.risk ? { risk: config.risk } : {}),
      ...(config.markets ? { markets: config.markets } : {}),
      ...(caller.maxReplyChars === undefined ? {} : { maxReplyChars: caller.maxReplyChars }),
    });
    if (decision.noTradeReason !== undefined) exchange.failure = decision.noTradeReason;
  }
  decision.reasoning = caller.redact(decision.reasoning);
  if (decision.noTradeReason)
    decision.noTradeReason = { ...decision.noTradeReason, detail: caller.redact(decision.noTradeReason.detail) };
  decision.exchanges = [exchange];
  decision.usage = totalUsage([result], caller.clock() - start);
  return decision;
}
