import { LlmDeadlineExceededError, LlmReplyTooLargeError } from "./cappedFetch.ts";
import type { LlmCallFailure } from "./llmProvider.ts";

/** The error classes both SDKs (openai, @anthropic-ai/sdk) export under the same names. */
export type SdkErrorClasses = {
  APIError: abstract new (...args: never[]) => Error & { status: number | undefined; headers: Headers | undefined };
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
};

/** HTTP statuses worth another attempt: request timeout, conflict, rate limit, server errors (529: overloaded). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The server's requested wait in milliseconds: `retry-after-ms` (OpenAI), else `retry-after` in
 * seconds. A Retry-After given as an HTTP date is ignored: honouring it would read the wall clock.
 */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms")?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const seconds = headers?.get("retry-after")?.trim();
  if (seconds !== undefined && /^\d+(\.\d+)?$/.test(seconds)) return Math.ceil(Number(seconds) * 1000);
  return undefined;
}

function findCause<T>(error: unknown, match: (value: unknown) => value is T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (match(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const clip = (text: string) => (text.length > 240 ? `${text.slice(0, 237)}...` : text);

/** Classifies whatever an SDK call threw into one recorded call failure. */
export function callFailureFromError(error: unknown, classes: SdkErrorClasses, endpoint: string): LlmCallFailure {
  const timeout = findCause(error, (e): e is LlmDeadlineExceededError => e instanceof LlmDeadlineExceededError);
  if (timeout !== undefined)
    return {
      kind: "failure",
      code: "TIMEOUT",
      detail: `no complete reply from ${endpoint} within ${timeout.timeoutMs} ms`,
      retryable: true,
    };
  const tooLarge = findCause(error, (e): e is LlmReplyTooLargeError => e instanceof LlmReplyTooLargeError);
  if (tooLarge !== undefined)
    return {
      kind: "failure",
      code: "REPLY_TOO_LARGE",
      detail: `the reply from ${endpoint} exceeded ${tooLarge.maxBytes} bytes`,
      retryable: false,
    };
  if (error instanceof classes.APIConnectionTimeoutError)
    return { kind: "failure", code: "TIMEOUT", detail: `the connection to ${endpoint} timed out`, retryable: true };
  if (error instanceof classes.APIError && typeof error.status === "number") {
    const status = error.status;
    const failure: LlmCallFailure = {
      kind: "failure",
      code: status === 429 ? "RATE_LIMITED" : "HTTP_ERROR",
      detail: clip(`HTTP ${status} from ${endpoint}: ${error.message}`),
      retryable: isRetryableStatus(status),
      status,
    };
    const wait = retryAfterMs(error.headers);
    if (wait !== undefined) failure.retryAfterMs = wait;
    return failure;
  }
  if (error instanceof classes.APIConnectionError) {
    const cause = (error as { cause?: unknown }).cause;
    const reason =
      cause instanceof Error
        ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ""}`
        : error.message;
    return {
      kind: "failure",
      code: "NETWORK_ERROR",
      detail: clip(`cannot reach ${endpoint}: ${reason}`),
      retryable: true,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: "failure",
    code: "PROTOCOL_ERROR",
    detail: clip(`unexpected answer from ${endpoint}: ${message}`),
    retryable: false,
  };
}
