import type { AgentUsage } from "./agent.ts";
import type { LlmAgentConfig } from "./agentConfig.ts";
import type { AgentExchange, AgentPrompt } from "./agentExchange.ts";
import { apiKeyFromEnvironment, type Environment } from "./apiKeyFromEnvironment.ts";
import { callWithRetries, defaultRetryPolicy, type RetryPolicy, type Sleep } from "./callWithRetries.ts";
import type { ConcurrencyLimit } from "./concurrencyLimit.ts";
import type { JsonSchema } from "./decisionReplySchema.ts";
import { createLlmProvider } from "./providers/createLlmProvider.ts";
import type { LlmProvider, LlmReply } from "./providers/llmProvider.ts";
import { redactSecrets } from "./redactSecrets.ts";

/** A millisecond clock for latency metadata (never for anything committed). */
export type Clock = () => number;

/** How an LLM agent runs, apart from its config: injected so that tests and the season runner control it. */
export type LlmAgentRuntime = {
  /** Where API keys are read (default: process.env). */
  env?: Environment;
  /** The concurrency limit shared by every agent of the season. */
  limit?: ConcurrencyLimit;
  /** Backoff waits (default: setTimeout). */
  sleep?: Sleep;
  /** Latency clock (default: performance.now). */
  clock?: Clock;
  /** Backoff settings; the number of retries comes from the config. */
  retry?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** Response body cap in bytes (default 1 MiB). */
  maxReplyBytes?: number;
  /** Reply text cap in characters for parsing (default 64,000). */
  maxReplyChars?: number;
  fetch?: typeof globalThis.fetch;
  /** Use this provider instead of the config's (a provider the engine does not ship). */
  provider?: LlmProvider;
};

const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Latency is operational metadata, kept out of every committed record.
const defaultClock: Clock = () => performance.now(); // determinism-ok

/** What one step of a pipeline asks: who asks, and whether the reply is the decision schema. */
export type ModelCallStep = {
  step: number;
  role: string;
  asset?: string;
  debateRound?: number;
  prompt: AgentPrompt;
  schema?: { name: string; description: string; schema: JsonSchema };
};

export type ModelCallResult = {
  exchange: AgentExchange;
  /** The reply, secrets redacted; undefined when the call failed. */
  reply?: LlmReply;
  /** Tokens (of the reply) and HTTP attempts of this call. */
  usage: Omit<AgentUsage, "latencyMs">;
};

/** Sums the usage of a decision's calls and adds the decision's latency. */
export function totalUsage(results: readonly ModelCallResult[], latencyMs: number): AgentUsage {
  const usage: AgentUsage = { inputTokens: 0, outputTokens: 0, latencyMs, attempts: 0 };
  for (const { usage: call } of results) {
    usage.inputTokens += call.inputTokens;
    usage.outputTokens += call.outputTokens;
    usage.attempts += call.attempts;
  }
  return usage;
}

export type ModelCaller = {
  call(step: ModelCallStep): Promise<ModelCallResult>;
  /** Redacts the agent's secrets from a text (every recorded string passes through here). */
  redact(text: string): string;
  readonly clock: Clock;
  readonly maxReplyChars: number | undefined;
};

/**
 * Binds a config to its provider, API key, retry policy and the shared concurrency limit, and turns
 * every call into a recorded exchange (prompt, reply text or failure). The key is read once, here,
 * and only ever handed to the SDK client; every text that is recorded is redacted of it.
 */
export function createModelCaller(config: LlmAgentConfig, runtime: LlmAgentRuntime = {}): ModelCaller {
  const apiKey = apiKeyFromEnvironment(config, runtime.env ?? process.env);
  const secrets = apiKey === undefined ? [] : [apiKey];
  const provider =
    runtime.provider ??
    createLlmProvider(config.provider, {
      baseUrl: config.baseUrl,
      apiKey,
      timeoutMs: config.timeoutMs,
      ...(runtime.maxReplyBytes === undefined ? {} : { maxReplyBytes: runtime.maxReplyBytes }),
      ...(runtime.fetch === undefined ? {} : { fetch: runtime.fetch }),
    });
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...runtime.retry, maxRetries: config.maxRetries };
  const sleep = runtime.sleep ?? defaultSleep;
  const redact = (text: string) => redactSecrets(text, secrets);

  return {
    clock: runtime.clock ?? defaultClock,
    maxReplyChars: runtime.maxReplyChars,
    redact,
    async call(step) {
      const { result, attempts } = await callWithRetries({
        provider,
        request: {
          model: config.model,
          system: step.prompt.system,
          user: step.prompt.user,
          temperature: config.temperature,
          maxTokens: config.maxTokens,
          ...(step.schema ? { schema: step.schema } : {}),
        },
        policy,
        sleep,
        ...(runtime.limit ? { limit: runtime.limit } : {}),
      });
      const exchange: AgentExchange = { step: step.step, role: step.role, prompt: step.prompt, reply: null };
      if (step.asset !== undefined) exchange.asset = step.asset;
      if (step.debateRound !== undefined) exchange.debateRound = step.debateRound;
      if (result.kind === "failure") {
        exchange.failure = { code: result.code, detail: redact(result.detail) };
        return { exchange, usage: { inputTokens: 0, outputTokens: 0, attempts } };
      }
      const reply: LlmReply = { ...result, text: result.text === null ? null : redact(result.text) };
      if (result.refusal !== undefined) reply.refusal = redact(result.refusal);
      if (result.json !== undefined && reply.text !== result.text && reply.text !== null) {
        // A secret inside the tool input: decode the redacted text so that the decision sees what is recorded.
        try {
          reply.json = JSON.parse(reply.text);
        } catch {
          delete reply.json;
        }
      }
      exchange.reply = reply.text;
      return {
        exchange,
        reply,
        usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens, attempts },
      };
    },
  };
}
