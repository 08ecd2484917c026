import type { LlmProviderName } from "../agentConfig.ts";
import type { JsonSchema } from "../decisionReplySchema.ts";
import type { CallProblemCode } from "../noTradeReason.ts";

/** One model call: a system and a user message, optionally constrained to a JSON schema. */
export type LlmRequest = {
  model: string;
  system: string;
  user: string;
  temperature: number;
  maxTokens: number;
  /** Structured output: the reply must match this schema. Absent: free text. */
  schema?: { name: string; description: string; schema: JsonSchema };
};

/** Why the model stopped: finished, hit its token limit, or declined. */
export type LlmFinish = "stop" | "length" | "refusal";

/** A 2xx answer in the provider's wire format. */
export type LlmReply = {
  kind: "reply";
  /** The reply's text: the message content, or the JSON text of the forced tool call's input. Null: nothing came back. */
  text: string | null;
  /** The tool call's input as the endpoint decoded it (Anthropic); absent for text replies. */
  json?: unknown;
  finish: LlmFinish;
  /** The model's refusal message, when it declined. */
  refusal?: string;
  inputTokens: number;
  outputTokens: number;
};

/** One HTTP attempt that brought no reply. `retryable` says whether another attempt may succeed. */
export type LlmCallFailure = {
  kind: "failure";
  code: CallProblemCode;
  detail: string;
  retryable: boolean;
  /** The server's Retry-After (or retry-after-ms), in milliseconds, when it sent one. */
  retryAfterMs?: number;
  status?: number;
};

/**
 * A model endpoint behind one wire format. `call` makes exactly one HTTP attempt (retries,
 * backoff and the concurrency limit belong to callWithRetries), never throws for what the endpoint
 * did, and enforces the per-attempt timeout and the reply size cap itself.
 */
export type LlmProvider = {
  readonly name: LlmProviderName;
  call(request: LlmRequest): Promise<LlmReply | LlmCallFailure>;
};

/** Settings every provider takes. */
export type LlmProviderParameters = {
  baseUrl: string;
  /** The API key's value (read from the environment by the caller); undefined for keyless local endpoints. */
  apiKey: string | undefined;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** Largest response body read, in bytes (decompressed). Default 1 MiB. */
  maxReplyBytes?: number;
  /** The fetch to use (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
};

export const DEFAULT_MAX_REPLY_BYTES = 1_048_576;
