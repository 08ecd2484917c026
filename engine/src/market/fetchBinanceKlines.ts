import { parseFixed } from "../money/fixed.ts";
import { type BarFrequency, barFrequencies, frequencySeconds } from "./bar.ts";
import { httpGetJson, type RetryOptions } from "./httpGetJson.ts";
import { MarketHttpError, MarketRateLimitError, MarketRequestError, MarketResponseError } from "./marketApiErrors.ts";
import { formatUtcTime } from "./parseUtcTime.ts";
import type { RawBar } from "./rawBar.ts";

/**
 * Loads klines (OHLCV candles) from Binance's public REST API:
 * `GET {baseUrl}/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=…&endTime=…&limit=1000`.
 * The answer is an array of arrays `[openTime ms, "open", "high", "low", "close", "volume",
 * closeTime, "quoteVolume", trades, "takerBuyBase", "takerBuyQuote", "ignore"]`; prices and volume
 * are decimal strings, parsed exactly. Pages are followed by moving `startTime` to the last open
 * time plus one interval until a page is shorter than `limit` or `endTime` is passed.
 * Rate limits (429, 418 with Retry-After) are retried a bounded number of times (httpGetJson.ts);
 * Binance's own errors (`{"code":-1121,"msg":"Invalid symbol."}`) become BinanceApiError.
 * The bars are raw: pass them through `validateBars` (exchange outages leave gaps).
 */
export type FetchBinanceKlinesParameters = {
  /** Binance pair, e.g. BTCUSDT. */
  symbol: string;
  interval: BarFrequency;
  /** Unix seconds, inclusive: the first bar's earliest open time. */
  startTime: number;
  /** Unix seconds, inclusive: the last bar's latest open time. */
  endTime: number;
  /** Bars per request, 1 to 1000 (Binance's maximum and the default). */
  limit?: number;
  /** Default https://api.binance.com. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
};

export type FetchBinanceKlinesReturnType = { bars: RawBar[]; requests: number };

export type BinanceApiErrorType = BinanceApiError;

/** Binance answered with an error status and its `{code, msg}` body. */
export class BinanceApiError extends MarketHttpError {
  override name = "BinanceApiError";
  readonly code: number;
  constructor(error: MarketHttpError, code: number, msg: string) {
    super({
      url: error.url,
      status: error.status,
      body: error.bodyExcerpt,
      json: error.json,
      message: `Binance rejected GET ${error.url} (HTTP ${error.status}): ${code} ${msg}`,
      hint: "Use a listed pair such as BTCUSDT, interval 1h or 1d, and startTime <= endTime within the pair's history.",
    });
    this.code = code;
  }
}

export async function fetchBinanceKlines(
  parameters: FetchBinanceKlinesParameters,
): Promise<FetchBinanceKlinesReturnType> {
  const { symbol, interval, startTime, endTime } = parameters;
  const limit = parameters.limit ?? 1000;
  const problems: string[] = [];
  if (!/^[A-Z0-9]{2,20}$/.test(symbol))
    problems.push(`symbol "${symbol}" is not an upper-case Binance pair like BTCUSDT`);
  if (!barFrequencies.includes(interval))
    problems.push(`interval "${interval}" is not one of ${barFrequencies.join(", ")}`);
  if (!Number.isSafeInteger(startTime) || !Number.isSafeInteger(endTime))
    problems.push("startTime and endTime must be integer unix seconds");
  else if (startTime > endTime)
    problems.push(`startTime ${formatUtcTime(startTime)} is after endTime ${formatUtcTime(endTime)}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    problems.push(`limit ${limit} is not an integer from 1 to 1000`);
  if (problems.length > 0) {
    throw new MarketRequestError(
      "Binance klines",
      problems,
      "Times are unix seconds (the loader converts to Binance's milliseconds).",
    );
  }

  const baseUrl = (parameters.baseUrl ?? "https://api.binance.com").replace(/\/$/, "");
  const stepMs = frequencySeconds[interval] * 1000;
  const endMs = endTime * 1000;
  const bars: RawBar[] = [];
  let cursor = startTime * 1000;
  let requests = 0;
  while (cursor <= endMs) {
    const query = new URLSearchParams({
      symbol,
      interval,
      startTime: String(cursor),
      endTime: String(endMs),
      limit: String(limit),
    });
    const url = `${baseUrl}/api/v3/klines?${query}`;
    requests++;
    let json: unknown;
    try {
      json = (await httpGetJson({ url, ...optional(parameters) })).json;
    } catch (error) {
      throw asBinanceError(error);
    }
    const page = parsePage(url, json, symbol, interval, cursor, endMs);
    bars.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < limit) break;
    cursor = last.time * 1000 + stepMs;
  }
  return { bars, requests };
}

function optional(parameters: FetchBinanceKlinesParameters) {
  return {
    ...(parameters.fetch === undefined ? {} : { fetch: parameters.fetch }),
    ...(parameters.sleep === undefined ? {} : { sleep: parameters.sleep }),
    ...(parameters.retry === undefined ? {} : { retry: parameters.retry }),
    ...(parameters.timeoutMs === undefined ? {} : { timeoutMs: parameters.timeoutMs }),
  };
}

function asBinanceError(error: unknown): unknown {
  if (!(error instanceof MarketHttpError) || error instanceof MarketRateLimitError) return error;
  const json = error.json as { code?: unknown; msg?: unknown } | undefined;
  if (typeof json?.code === "number" && typeof json.msg === "string")
    return new BinanceApiError(error, json.code, json.msg);
  return error;
}

function parsePage(
  url: string,
  json: unknown,
  symbol: string,
  interval: string,
  cursorMs: number,
  endMs: number,
): RawBar[] {
  if (!Array.isArray(json)) throw new MarketResponseError(url, ["the body is not an array of klines"]);
  const problems: string[] = [];
  const bars: RawBar[] = [];
  json.forEach((row: unknown, i) => {
    const where = `kline [${i}]`;
    if (!Array.isArray(row) || row.length < 6) {
      problems.push(`${where} is not an array of at least 6 fields`);
      return;
    }
    const openMs = row[0];
    if (typeof openMs !== "number" || !Number.isSafeInteger(openMs) || openMs % 1000 !== 0) {
      problems.push(`${where} open time ${JSON.stringify(openMs)} is not whole seconds in milliseconds`);
      return;
    }
    if (openMs < cursorMs || openMs > endMs) {
      problems.push(`${where} open time ${formatUtcTime(openMs / 1000)} is outside the requested range`);
    }
    const values = [1, 2, 3, 4, 5].map((k) => {
      const cell = row[k];
      const value = typeof cell === "string" ? parseFixed(cell) : undefined;
      if (value === undefined) problems.push(`${where} field ${k} ${JSON.stringify(cell)} is not a decimal string`);
      return value ?? null;
    });
    const [open = null, high = null, low = null, close = null, volume = null] = values;
    const time = openMs / 1000;
    bars.push({ time, open, high, low, close, volume, origin: `Binance ${symbol} ${interval} ${formatUtcTime(time)}` });
  });
  if (problems.length > 0) throw new MarketResponseError(url, problems);
  return bars;
}
