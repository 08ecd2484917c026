import type { Hex } from "viem";
import { type CanonicalValue, canonicalJson } from "../canonical/canonicalJson.ts";
import { type FrozenAgentConfig, agentConfigHash as frozenFieldsHash } from "../conduct/agentConfigHash.ts";
import type { AgentConfig } from "./agentConfig.ts";
import { validateAgentConfig } from "./validateAgentConfig.ts";

/**
 * The four fields seed 003 freezes, built from an agent config:
 * - strategy: format, style, prompt template, team pipeline, a bot's parameters;
 * - model: family, provider, model id, endpoint base URL, sampling and call limits;
 * - riskSettings: the agent's own limits;
 * - exchange: the paper venue and the markets the agent trades.
 * Left out on purpose: the display name and the visibility (presentation, not behaviour), and the
 * name of the API key's environment variable (where the operator keeps a secret is not strategy).
 * The key itself is never in a config (validateAgentConfig refuses anything that looks like one).
 */
export function frozenAgentConfig(config: AgentConfig): FrozenAgentConfig {
  const strategy: Record<string, CanonicalValue> = { format: config.format, style: config.strategyStyle };
  const model: Record<string, CanonicalValue> = {
    family: config.modelFamily,
    provider: config.provider,
    id: config.model,
  };
  if (config.provider === "builtin") {
    strategy.parameters = config.parameters ?? {};
  } else {
    strategy.promptTemplate = config.promptTemplate;
    strategy.pipeline = config.pipeline ?? { kind: "single" };
    model.baseUrl = config.baseUrl;
    model.temperature = config.temperature;
    model.maxTokens = config.maxTokens;
    model.timeoutMs = config.timeoutMs;
    model.maxRetries = config.maxRetries;
  }
  return {
    strategy,
    model,
    riskSettings: config.risk ?? {},
    exchange: { venue: "podium-paper", markets: config.markets ?? null },
  };
}

/** The exact text the config hash is computed from (canonical JSON of the frozen fields), for publishing. */
export function agentConfigCommitmentText(config: unknown): string {
  return canonicalJson(frozenAgentConfig(validateAgentConfig(config)));
}

/**
 * The config hash registered on-chain when an agent enters a season: keccak256 of the canonical
 * JSON of its frozen fields, computed by the conduct rules' hash (conduct/agentConfigHash.ts) so
 * that the config-freeze check compares like with like. The config is validated and normalized
 * first, so equivalent configs (a trailing slash on the base URL, markets in another order) hash alike.
 */
export function agentConfigHash(config: unknown): Hex {
  return frozenFieldsHash(frozenAgentConfig(validateAgentConfig(config)));
}
