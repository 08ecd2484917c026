/** How the runner waits: injected so that tests and fast-forward runs never sleep on the wall clock. */
import type { Sleep } from "../agents/callWithRetries.ts";

export const realSleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

export type RpcRetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled each time up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  sleep: Sleep;
  /** Called before each wait (logging). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
};

export const defaultRpcRetryPolicy: RpcRetryPolicy = {
  attempts: 8,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  sleep: realSleep,
};

/**
 * Whether an error is worth retrying: transport failures (refused or dropped connections, timeouts,
 * HTTP 5xx / 429) and JSON-RPC internal errors. A revert or an invalid parameter is final.
 */
export function isTransientRpcError(error: unknown): boolean {
  const text = errorChainText(error);
  if (/execution reverted|reverted with|custom error|invalid argument|nonce too low|insufficient funds/i.test(text))
    return false;
  return /HTTP request failed|fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|timed? ?out|took too long|Status: (5\d\d|429)|Internal JSON-RPC error|internal error|other side closed|UND_ERR|network/i.test(
    text,
  );
}

/** Every message of an error and its causes, joined (viem nests the transport's error). */
export function errorChainText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" | ");
}

/** Runs `work` until it succeeds, retrying transient RPC errors with exponential backoff. */
export async function withRetries<T>(
  work: () => Promise<T>,
  policy: RpcRetryPolicy,
  retryable: (error: unknown) => boolean = isTransientRpcError,
): Promise<T> {
  let delay = policy.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !retryable(error)) throw error;
      policy.onRetry?.(error, attempt, delay);
      await policy.sleep(delay);
      delay = Math.min(policy.maxDelayMs, delay * 2);
    }
  }
}
