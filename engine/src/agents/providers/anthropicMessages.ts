import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
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

/**
 * Anthropic's Messages API (`POST /v1/messages`) through `@anthropic-ai/sdk`. Structured output is a
 * single tool whose `input_schema` is the decision schema, forced with
 * `tool_choice: { type: "tool", name }`: the reply is that tool_use block's `input`. A
 * `stop_reason` of "refusal" or "max_tokens" is reported as such. SDK retries are off and its fetch
 * is cappedFetch, as for the OpenAI-compatible provider. `temperature` is not sent: the Messages API
 * has deprecated it and this SDK no longer accepts it (the config's value is still hashed).
 */
export function createAnthropicMessagesProvider(parameters: LlmProviderParameters): LlmProvider {
  const { baseUrl, apiKey, timeoutMs } = parameters;
  const client = new Anthropic({
    baseURL: baseUrl,
    apiKey: apiKey ?? null,
    authToken: null,
    webhookKey: null,
    maxRetries: 0,
    timeout: timeoutMs * 2 + 1_000,
    fetch: cappedFetch({
      timeoutMs,
      maxBytes: parameters.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
      ...(parameters.fetch ? { fetch: parameters.fetch } : {}),
    }),
    logLevel: "off",
    openTelemetry: false,
  });
  const endpoint = new URL(baseUrl).host;

  return {
    name: "anthropic",
    async call(request: LlmRequest): Promise<LlmReply | LlmCallFailure> {
      let message: unknown;
      try {
        message = await client.messages.create({
          model: request.model,
          max_tokens: request.maxTokens,
          system: request.system,
          messages: [{ role: "user", content: request.user }],
          ...(request.schema
            ? {
                tools: [
                  {
                    name: request.schema.name,
                    description: request.schema.description,
                    input_schema: request.schema.schema as { type: "object"; [key: string]: unknown },
                  },
                ],
                tool_choice: { type: "tool" as const, name: request.schema.name },
              }
            : {}),
        });
      } catch (error) {
        return callFailureFromError(error, { APIError, APIConnectionError, APIConnectionTimeoutError }, endpoint);
      }
      return readMessage(message, request.schema?.name, endpoint);
    },
  };
}

/** Reads a Messages API reply defensively (a proxy may send anything with a 200). */
function readMessage(message: unknown, toolName: string | undefined, endpoint: string): LlmReply | LlmCallFailure {
  const body = message as {
    content?: unknown;
    stop_reason?: unknown;
    usage?: { input_tokens?: unknown; output_tokens?: unknown };
  } | null;
  if (typeof body !== "object" || body === null || !Array.isArray(body.content))
    return {
      kind: "failure",
      code: "PROTOCOL_ERROR",
      detail: `${endpoint} answered without a content array`,
      retryable: false,
    };
  const blocks = body.content as Record<string, unknown>[];
  const texts = blocks
    .filter((block) => block?.type === "text" && typeof block.text === "string")
    .map((block) => block.text as string);
  const tokens = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0);
  const reply: LlmReply = {
    kind: "reply",
    text: texts.length > 0 ? texts.join("\n") : null,
    finish: body.stop_reason === "max_tokens" ? "length" : body.stop_reason === "refusal" ? "refusal" : "stop",
    inputTokens: tokens(body.usage?.input_tokens),
    outputTokens: tokens(body.usage?.output_tokens),
  };
  if (reply.finish === "refusal") reply.refusal = reply.text ?? "the model declined (stop_reason: refusal)";
  if (toolName !== undefined) {
    const call = blocks.find((block) => block?.type === "tool_use" && block.name === toolName);
    if (call !== undefined && "input" in call) {
      reply.json = call.input;
      reply.text = JSON.stringify(call.input) ?? null;
    } else reply.text = null;
  }
  return reply;
}
