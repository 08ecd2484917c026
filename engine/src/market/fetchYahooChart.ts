import type { Fixed } from "../money/fixed.ts";
import { httpGetJson, type RetryOptions } from "./httpGetJson.ts";
import { jsonNumberToFixed } from "./jsonNumberToFixed.ts";
import { MarketHttpError, MarketRequestError, MarketResponseError } from "./marketApiErrors.ts";
import { formatUtcTime } from "./parseUtcTime.ts";
import type { RawBar } from "./rawBar.ts";

/**
 * Loads daily bars from a Yahoo-style chart endpoint:
 * `GET {baseUrl}/v8/finance/chart/SPY?period1=…&period2=…&interval=1d`, answering
 * `{chart: {result: [{meta, timestamp: [...], indicators: {quote: [{open, high, low, close,
 * volume}]}}], error: null}}`, or `{chart: {result: null, error: {code, description}}}`, which
 * becomes YahooChartError.
 * - Times: Yahoo stamps a daily bar with its session open (13:30 or 14:30 UTC for New York); the
 *   bar's time becomes 00:00 UTC of the exchange-local date, `floor((t + meta.gmtoffset) / 86400)`
 *   days, right for any exchange whose session opens away from local midnight.
 * - Prices arrive as JSON floats (often float32 values such as 330.20001220703125); they are
 *   converted by their shortest decimal text, rounded to 8 decimals half away from zero
 *   (jsonNumberToFixed.ts), never by multiplying floats. Prices are as traded, not adjusted.
 * - `null` values (days Yahoo has no quote for) stay missing for the fill policy of validateBars.
 */
export type FetchYahooChartParameters = {
  /** Yahoo symbol: SPY, ^GSPC, EURUSD=X, GC=F. */
  symbol: string;
  /** Unix seconds, inclusive start. */
  period1: number;
  /** Unix seconds, exclusive end. */
  period2: number;
  interval?: "1d";
  /** Default https://query1.finance.yahoo.com. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
};

export type FetchYahooChartReturnType = {
  bars: RawBar[];
  /** From `meta`: the quote currency and the exchange's time zone, when given. */
  currency: string | undefined;
  exchangeTimezoneName: string | undefined;
};

export type YahooChartErrorType = YahooChartError;

/** The chart endpoint answered with `chart.error` (unknown symbol, bad range, ...). */
export class YahooChartError extends MarketHttpError {
  override name = "YahooChartError";
  readonly code: string;
  readonly description: string;
  constructor(url: string, status: number, code: string, description: string) {
    super({
      url,
      status,
      body: JSON.stringify({ code, description }),
      json: { code, description },
      message: `Yahoo chart error for GET ${url}: ${code}: ${description}`,
      hint: "Check the symbol as Yahoo spells it (SPY, ^GSPC, EURUSD=X) and that period1 < period2 cover trading days.",
    });
    this.code = code;
    this.description = description;
  }
}

type ChartBody = { chart?: { result?: unknown; error?: unknown } };

function chartError(json: unknown): { code: string; description: string } | undefined {
  const error = (json as ChartBody | undefined)?.chart?.error as
    | { code?: unknown; description?: unknown }
    | null
    | undefined;
  if (error === null || error === undefined || typeof error !== "object") return undefined;
  return { code: String(error.code ?? "unknown"), description: String(error.description ?? "") };
}

export async function fetchYahooChart(parameters: FetchYahooChartParameters): Promise<FetchYahooChartReturnType> {
  const { symbol, period1, period2 } = parameters;
  const interval = parameters.interval ?? "1d";
  const problems: string[] = [];
  if (!/^[A-Za-z0-9.^=-]{1,20}$/.test(symbol))
    problems.push(`symbol "${symbol}" is not a Yahoo symbol like SPY, ^GSPC or EURUSD=X`);
  if (interval !== "1d") problems.push(`interval "${interval}" is not supported (only 1d)`);
  if (!Number.isSafeInteger(period1) || !Number.isSafeInteger(period2))
    problems.push("period1 and period2 must be integer unix seconds");
  else if (period1 >= period2)
    problems.push(`period1 ${formatUtcTime(period1)} is not before period2 ${formatUtcTime(period2)}`);
  if (problems.length > 0)
    throw new MarketRequestError(
      "Yahoo chart",
      problems,
      "period1 and period2 are unix seconds; period2 is exclusive.",
    );

  const baseUrl = (parameters.baseUrl ?? "https://query1.finance.yahoo.com").replace(/\/$/, "");
  const query = new URLSearchParams({ period1: String(period1), period2: String(period2), interval });
  const url = `${baseUrl}/v8/finance/chart/${encodeURIComponent(symbol)}?${query}`;
  let json: unknown;
  try {
    json = (
      await httpGetJson({
        url,
        ...(parameters.fetch === undefined ? {} : { fetch: parameters.fetch }),
        ...(parameters.sleep === undefined ? {} : { sleep: parameters.sleep }),
        ...(parameters.retry === undefined ? {} : { retry: parameters.retry }),
        ...(parameters.timeoutMs === undefined ? {} : { timeoutMs: parameters.timeoutMs }),
      })
    ).json;
  } catch (error) {
    const apiError = error instanceof MarketHttpError ? chartError(error.json) : undefined;
    if (apiError !== undefined && error instanceof MarketHttpError) {
      throw new YahooChartError(url, error.status, apiError.code, apiError.description);
    }
    throw error;
  }
  const apiError = chartError(json);
  if (apiError !== undefined) throw new YahooChartError(url, 200, apiError.code, apiError.description);
  return parseChart(url, symbol, json);
}

function parseChart(url: string, symbol: string, json: unknown): FetchYahooChartReturnType {
  const results = (json as ChartBody | undefined)?.chart?.result;
  const result = Array.isArray(results) ? (results[0] as Record<string, unknown> | undefined) : undefined;
  if (result === undefined || typeof result !== "object" || result === null) {
    throw new MarketResponseError(url, ["chart.result[0] is missing"]);
  }
  const meta = (result.meta ?? {}) as Record<string, unknown>;
  const gmtoffset = typeof meta.gmtoffset === "number" ? meta.gmtoffset : 0;
  const currency = typeof meta.currency === "string" ? meta.currency : undefined;
  const exchangeTimezoneName = typeof meta.exchangeTimezoneName === "string" ? meta.exchangeTimezoneName : undefined;
  // A range without trading days comes back without `timestamp`.
  const timestamps = result.timestamp ?? [];
  const quote = ((result.indicators as { quote?: unknown[] } | undefined)?.quote?.[0] ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (!Array.isArray(timestamps)) problems.push("chart.result[0].timestamp is not an array");
  const fields = ["open", "high", "low", "close", "volume"] as const;
  const columns: Partial<Record<(typeof fields)[number], unknown[]>> = {};
  const count = Array.isArray(timestamps) ? timestamps.length : 0;
  for (const field of fields) {
    const column = quote[field];
    if (count === 0 && column === undefined) continue;
    if (!Array.isArray(column)) problems.push(`indicators.quote[0].${field} is not an array`);
    else if (column.length !== count)
      problems.push(`indicators.quote[0].${field} has ${column.length} values for ${count} timestamps`);
    else columns[field] = column;
  }
  if (problems.length > 0) throw new MarketResponseError(url, problems);

  const bars: RawBar[] = [];
  for (let i = 0; i < count; i++) {
    const stamp = (timestamps as unknown[])[i];
    if (typeof stamp !== "number" || !Number.isSafeInteger(stamp)) {
      problems.push(`timestamp[${i}] ${JSON.stringify(stamp)} is not integer unix seconds`);
      continue;
    }
    const time = Math.floor((stamp + gmtoffset) / 86_400) * 86_400;
    const value = (field: (typeof fields)[number]): Fixed | null => {
      const cell = columns[field]?.[i];
      if (cell === null || cell === undefined) return null;
      const fixed = typeof cell === "number" ? jsonNumberToFixed(cell) : undefined;
      if (fixed === undefined)
        problems.push(`indicators.quote[0].${field}[${i}] ${JSON.stringify(cell)} is not a number`);
      return fixed ?? null;
    };
    bars.push({
      time,
      open: value("open"),
      high: value("high"),
      low: value("low"),
      close: value("close"),
      volume: value("volume"),
      origin: `Yahoo ${symbol} timestamp[${i}] (${formatUtcTime(time).slice(0, 10)})`,
    });
  }
  if (problems.length > 0) throw new MarketResponseError(url, problems);
  return { bars, currency, exchangeTimezoneName };
}
