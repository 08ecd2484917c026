import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { callFailureFromError } from "./callFailure.ts";
import { cappedFetch } from "./cappedFetch.ts";
import {
  DEFAULT_MAX_REPLY_BYTES,
  type LlmCallFailure,
  type LlmProvider,
  type LlmProviderParameters,
  type LlmReply,
  type LlmRequest,
} from "./llmProvider.ts";

/** OpenAI's own API: the one that wants `max_completion_tokens` instead of `max_tokens`. */
const OPENAI_ORIGIN = "https://api.openai.com";

/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, DeepSeek, vLLM, Ollama, OpenRouter, ...)
 * through the `openai` SDK pointed at `baseUrl`. Structured output uses
 * `response_format: { type: "json_schema", json_schema: { name, schema, strict: true } }`; the reply
 * is the message content (JSON text), a `refusal`, or a `finish_reason` of "length" / "content_filter".
 * The SDK's own retries are off (`maxRetries: 0`) and its fetch is cappedFetch: the per-attempt
 * timeout, the size cap and every retry are Podium's, so that they are the same on every endpoint.
 */
export function createOpenAiCompatibleProvider(parameters: LlmProviderParameters): LlmProvider {
  const { baseUrl, apiKey, timeoutMs } = parameters;
  const client = new OpenAI({
    baseURL: baseUrl,
    // Keyless local endpoints (Ollama, vLLM) ignore the header; the SDK insists on a value.
    apiKey: apiKey ?? "no-key",
    organization: null,
    project: null,
    webhookSecret: null,
    adminAPIKey: null,
    maxRetries: 0,
    timeout: timeoutMs * 2 + 1_000,
    fetch: cappedFetch({
      timeoutMs,
      maxBytes: parameters.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
      ...(parameters.fetch ? { fetch: parameters.fetch } : {}),
    }),
    logLevel: "off",
  });
  const endpoint = new URL(baseUrl).host;
  const officialApi = new URL(baseUrl).origin === OPENAI_ORIGIN;

  return {
    name: "openai-compatible",
    async call(request: LlmRequest): Promise<LlmReply | LlmCallFailure> {
      let completion: unknown;
      try {
        completion = await client.chat.completions.create({
          model: request.model,
          messages: [
            { role: "system", content: request.system },
            { role: "user", content: request.user },
          ],
          temperature: request.temperature,
          ...(officialApi ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
          ...(request.schema
            ? {
                response_format: {
                  type: "json_schema" as const,
                  json_schema: {
                    name: request.schema.name,
                    description: request.schema.description,
                    schema: request.schema.schema as Record<string, unknown>,
                    strict: true,
                  },
                },
              }
            : {}),
        });
      } catch (error) {
        return callFailureFromError(error, { APIError, APIConnectionError, APIConnectionTimeoutError }, endpoint);
      }
      return readCompletion(completion, endpoint);
    },
  };
}

/** Reads a chat completion defensively: a compatible endpoint may omit or mistype any field. */
function readCompletion(completion: unknown, endpoint: string): LlmReply | LlmCallFailure {
  const body = completion as {
    choices?: unknown;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  } | null;
  const choice = Array.isArray(body?.choices) ? (body.choices[0] as Record<string, unknown> | undefined) : undefined;
  const message = choice?.message as Record<string, unknown> | undefined;
  if (typeof body !== "object" || body === null || typeof message !== "object" || message === null)
    return {
      kind: "failure",
      code: "PROTOCOL_ERROR",
      detail: `${endpoint} answered without choices[0].message`,
      retryable: false,
    };
  const tokens = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0);
  const reply: LlmReply = {
    kind: "reply",
    text: typeof message.content === "string" ? message.content : null,
    finish:
      choice?.finish_reason === "length" ? "length" : choice?.finish_reason === "content_filter" ? "refusal" : "stop",
    inputTokens: tokens(body.usage?.prompt_tokens),
    outputTokens: tokens(body.usage?.completion_tokens),
  };
  if (typeof message.refusal === "string" && message.refusal.length > 0) {
    reply.finish = "refusal";
    reply.refusal = message.refusal;
  }
  return reply;
}
