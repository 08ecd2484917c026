import { PodiumError } from "../errors/podiumError.ts";

/** Errors of the real-market-API loaders (Binance klines, Yahoo chart), shared by both. */

export type MarketHttpErrorType = MarketHttpError;

/** A request answered with an HTTP error status that is not a rate limit. */
export class MarketHttpError extends PodiumError {
  override name = "MarketHttpError";
  readonly url: string;
  readonly status: number;
  /** The first 300 characters of the response body. */
  readonly bodyExcerpt: string;
  /** The body parsed as JSON when it is JSON (APIs put their error code there), else undefined. */
  readonly json: unknown;

  constructor(parameters: {
    url: string;
    status: number;
    body: string;
    json: unknown;
    message?: string;
    hint?: string;
  }) {
    const { url, status, body } = parameters;
    const excerpt = body.length > 300 ? `${body.slice(0, 300)}...` : body;
    super(parameters.message ?? `GET ${url} failed with HTTP ${status}.`, {
      details: `response body: ${excerpt}`,
      hint:
        parameters.hint ??
        (status >= 500
          ? "The service failed; retry later."
          : "Check the request: symbol, interval and time range, and the base URL."),
    });
    this.url = url;
    this.status = status;
    this.bodyExcerpt = excerpt;
    this.json = parameters.json;
  }
}

export type MarketRateLimitErrorType = MarketRateLimitError;

/** HTTP 429 (too many requests) or 418 (Binance: IP banned) still returned after the bounded retries. */
export class MarketRateLimitError extends MarketHttpError {
  override name = "MarketRateLimitError";
  readonly attempts: number;
  /** The server's Retry-After in seconds, when it sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(parameters: {
    url: string;
    status: number;
    body: string;
    json: unknown;
    attempts: number;
    retryAfterSeconds: number | undefined;
    reason: string;
  }) {
    super({
      ...parameters,
      message: `GET ${parameters.url} was rate limited (HTTP ${parameters.status}) ${parameters.reason}.`,
      hint: "Request less data per run or fewer runs per minute; HTTP 418 means the IP is banned until Retry-After has passed.",
    });
    this.attempts = parameters.attempts;
    this.retryAfterSeconds = parameters.retryAfterSeconds;
  }
}

export type MarketNetworkErrorType = MarketNetworkError;

/** The server could not be reached, or did not answer in time, after the bounded retries. */
export class MarketNetworkError extends PodiumError {
  override name = "MarketNetworkError";
  readonly url: string;
  constructor(url: string, attempts: number, cause: unknown) {
    super(
      `GET ${url} failed after ${attempts} attempt(s): ${cause instanceof Error ? cause.message : String(cause)}.`,
      {
        hint: "Check the network and the base URL; for offline work use CSV files or the synthetic generator.",
        cause,
      },
    );
    this.url = url;
  }
}

export type MarketResponseErrorType = MarketResponseError;

/** A successful response whose content is not what the API documents (bad JSON, wrong shape). */
export class MarketResponseError extends PodiumError {
  override name = "MarketResponseError";
  readonly url: string;
  readonly problems: readonly string[];
  constructor(url: string, problems: readonly string[]) {
    const shown = problems.slice(0, 20).map((p) => `\n- ${p}`);
    if (problems.length > 20) shown.push(`\n- ... and ${problems.length - 20} more`);
    super(`Unexpected response from ${url}: ${problems.length} problem(s).`, {
      details: shown.join(""),
      hint: "The API's format may have changed, or the base URL points at another service.",
    });
    this.url = url;
    this.problems = problems;
  }
}

export type MarketRequestErrorType = MarketRequestError;

/** Loader parameters that cannot make a valid request; every mistake is listed. */
export class MarketRequestError extends PodiumError {
  override name = "MarketRequestError";
  readonly problems: readonly string[];
  constructor(api: string, problems: readonly string[], hint: string) {
    super(`Invalid ${api} request: ${problems.join("; ")}.`, { hint });
    this.problems = problems;
  }
}
