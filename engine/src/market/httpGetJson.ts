import { MarketHttpError, MarketNetworkError, MarketRateLimitError, MarketResponseError } from "./marketApiErrors.ts";

/**
 * GET a JSON document with bounded retries, for the market API loaders.
 * - HTTP 429 and 418 (rate limited / banned) are retried up to `maxRetries` times. The wait is the
 *   server's Retry-After (in seconds) when given, else `baseDelayMs × 2^(attempt − 1)`; a wait
 *   longer than `maxDelayMs` is not attempted (a ban of hours) and fails at once. A Retry-After
 *   given as an HTTP date is treated as absent (reading the clock would make loads nondeterministic).
 * - Network failures and timeouts are retried with the same exponential backoff.
 * - Any other non-2xx status fails at once with MarketHttpError (status, body excerpt, parsed JSON).
 * `fetch` and `sleep` are injectable: tests point `fetch` at a local server and record waits.
 */
export type RetryOptions = {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryOptions: RetryOptions = { maxRetries: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export type HttpGetJsonParameters = {
  url: string;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryOptions>;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
};

export type HttpGetJsonReturnType = { json: unknown; attempts: number };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export async function httpGetJson(parameters: HttpGetJsonParameters): Promise<HttpGetJsonReturnType> {
  const { url } = parameters;
  const fetchFn = parameters.fetch ?? globalThis.fetch;
  const sleep = parameters.sleep ?? defaultSleep;
  const retry = { ...defaultRetryOptions, ...parameters.retry };
  const backoff = (attempt: number) => Math.min(retry.baseDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);

  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let body: string;
    try {
      response = await fetchFn(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(parameters.timeoutMs ?? 30_000),
      });
      body = await response.text();
    } catch (cause) {
      if (attempt > retry.maxRetries) throw new MarketNetworkError(url, attempt, cause);
      await sleep(backoff(attempt));
      continue;
    }

    if (response.ok) {
      const json = parseJson(body);
      if (json === undefined) throw new MarketResponseError(url, [`the body is not JSON: ${body.slice(0, 120)}`]);
      return { json, attempts: attempt };
    }

    const json = parseJson(body);
    if (response.status === 429 || response.status === 418) {
      const header = response.headers.get("retry-after");
      const retryAfterSeconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
      const wait = retryAfterSeconds === undefined ? backoff(attempt) : retryAfterSeconds * 1000;
      const fail = (reason: string) =>
        new MarketRateLimitError({
          url,
          status: response.status,
          body,
          json,
          attempts: attempt,
          retryAfterSeconds,
          reason,
        });
      if (wait > retry.maxDelayMs)
        throw fail(`and asks to wait ${wait / 1000} s, more than the ${retry.maxDelayMs / 1000} s allowed`);
      if (attempt > retry.maxRetries) throw fail(`on all ${attempt} attempts`);
      await sleep(wait);
      continue;
    }
    throw new MarketHttpError({ url, status: response.status, body, json });
  }
}
