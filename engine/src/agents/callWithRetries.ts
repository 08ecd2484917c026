import type { ConcurrencyLimit } from "./concurrencyLimit.ts";
import type { LlmCallFailure, LlmProvider, LlmReply, LlmRequest } from "./providers/llmProvider.ts";

export type RetryPolicy = {
  /** Attempts after the first (the config's maxRetries). */
  maxRetries: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  baseDelayMs: number;
  /** Longest computed backoff. */
  maxDelayMs: number;
  /** Longest Retry-After the agent accepts; a longer one ends the call (RATE_LIMITED). */
  maxRetryAfterMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

export type Sleep = (ms: number) => Promise<void>;

export type CallWithRetriesParameters = {
  provider: LlmProvider;
  request: LlmRequest;
  policy: RetryPolicy;
  /** Injected so that tests record the waits instead of sleeping. */
  sleep: Sleep;
  /** Shared across agents; each attempt holds a slot, waits do not. */
  limit?: ConcurrencyLimit;
};

export type CallWithRetriesReturnType = {
  result: LlmReply | LlmCallFailure;
  /** HTTP attempts made. */
  attempts: number;
  /** The waits between attempts, in milliseconds. */
  waitsMs: number[];
};

/**
 * Calls the provider until it replies, a failure is not retryable, or the retries run out. Between
 * attempts it waits the server's Retry-After when one was sent (429/503), else
 * min(baseDelay × 2^(attempt − 1), maxDelay): exponential backoff without jitter, so that a replay
 * of the same failures waits the same (the shared concurrency limit already spreads the agents).
 */
export async function callWithRetries(parameters: CallWithRetriesParameters): Promise<CallWithRetriesReturnType> {
  const { provider, request, policy, sleep, limit } = parameters;
  const waitsMs: number[] = [];
  for (let attempt = 1; ; attempt++) {
    const result = limit ? await limit.run(() => provider.call(request)) : await provider.call(request);
    if (result.kind === "reply" || !result.retryable || attempt > policy.maxRetries)
      return { result: withAttempts(result, attempt), attempts: attempt, waitsMs };
    const wait = result.retryAfterMs ?? Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    if (wait > policy.maxRetryAfterMs)
      return {
        result: {
          ...result,
          retryable: false,
          detail: `${result.detail}; the server asked to wait ${wait} ms, more than the ${policy.maxRetryAfterMs} ms the agent waits`,
        },
        attempts: attempt,
        waitsMs,
      };
    waitsMs.push(wait);
    await sleep(wait);
  }
}

function withAttempts(result: LlmReply | LlmCallFailure, attempts: number): LlmReply | LlmCallFailure {
  if (result.kind === "reply" || attempts === 1) return result;
  return { ...result, detail: `${result.detail} (after ${attempts} attempts)` };
}
