import { afterEach, describe, expect, it } from "vitest";
import { parseFixed } from "../money/fixed.ts";
import { BinanceApiError, fetchBinanceKlines } from "./fetchBinanceKlines.ts";
import {
  MarketHttpError,
  MarketNetworkError,
  MarketRateLimitError,
  MarketRequestError,
  MarketResponseError,
} from "./marketApiErrors.ts";
import { type RecordedHttpServer, type RecordedResponse, startRecordedHttpServer } from "./recordedHttpServer.ts";
import { validateBars } from "./validateBars.ts";

// 2024-01-01T00:00:00Z; the fixtures hold BTCUSDT 1h klines at 00:00-02:00 (page 1) and
// 04:00-05:00 (page 2): the 03:00 bar is missing, as after an exchange outage.
const T0 = 1_704_067_200;
const H = 3600;
const page1Path = `/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=${T0 * 1000}&endTime=${(T0 + 5 * H) * 1000}&limit=3`;
const page2Path = `/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=${(T0 + 3 * H) * 1000}&endTime=${(T0 + 5 * H) * 1000}&limit=3`;
const page1: RecordedResponse = { status: 200, fixture: "binance-klines-BTCUSDT-1h-page1.json" };
const page2: RecordedResponse = { status: 200, fixture: "binance-klines-BTCUSDT-1h-page2.json" };

let server: RecordedHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Records the waits asked for instead of waiting: the injected clock of the loader. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const request = (baseUrl: string, extra: Partial<Parameters<typeof fetchBinanceKlines>[0]> = {}) =>
  fetchBinanceKlines({
    symbol: "BTCUSDT",
    interval: "1h",
    startTime: T0,
    endTime: T0 + 5 * H,
    limit: 3,
    baseUrl,
    ...extra,
  });

describe("fetchBinanceKlines", () => {
  it("follows pages by startTime and parses the string prices exactly", async () => {
    server = await startRecordedHttpServer({ [page1Path]: [page1], [page2Path]: [page2] });
    const { bars, requests } = await request(server.baseUrl);
    expect(requests).toBe(2);
    expect(server.requests).toEqual([page1Path, page2Path]);
    expect(server.unexpected).toEqual([]);
    expect(bars.map((b) => b.time)).toEqual([T0, T0 + H, T0 + 2 * H, T0 + 4 * H, T0 + 5 * H]);
    // First kline of page 1: ["42283.58000000","42554.57000000","42261.02000000","42475.23000000","1271.68108000"].
    expect(bars[0]).toEqual({
      time: T0,
      open: 4_228_358_000_000n,
      high: 4_255_457_000_000n,
      low: 4_226_102_000_000n,
      close: 4_247_523_000_000n,
      volume: 127_168_108_000n,
      origin: "Binance BTCUSDT 1h 2024-01-01T00:00:00Z",
    });

    // The outage hour is found by validation and filled from the 02:00 close (42581.10).
    const { bars: filled, problems } = validateBars({
      symbol: "BTC",
      frequency: "1h",
      bars,
      policy: { calendar: "24/7", onProblem: "forward-fill", repair: "reject", zeroVolume: "problem" },
    });
    expect(filled).toHaveLength(6);
    expect(filled[3]).toMatchObject({ time: T0 + 3 * H, close: parseFixed("42581.1"), filled: true });
    expect(problems.map((p) => p.kind)).toEqual(["gap"]);
  });

  it("waits for Retry-After on HTTP 429 and then continues", async () => {
    const limited: RecordedResponse = {
      status: 429,
      headers: { "retry-after": "2" },
      fixture: "binance-error-429.json",
    };
    server = await startRecordedHttpServer({ [page1Path]: [page1], [page2Path]: [limited, page2] });
    const clock = recordingSleep();
    const { bars } = await request(server.baseUrl, { sleep: clock.sleep });
    expect(bars).toHaveLength(5);
    expect(clock.waits).toEqual([2000]);
    expect(server.requests).toEqual([page1Path, page2Path, page2Path]);
  });

  it("gives up after the bounded retries with exponential backoff when no Retry-After is sent", async () => {
    const limited: RecordedResponse = { status: 429, fixture: "binance-error-429.json" };
    server = await startRecordedHttpServer({ [page1Path]: [limited] });
    const clock = recordingSleep();
    const error = await request(server.baseUrl, {
      sleep: clock.sleep,
      retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 10_000 },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketRateLimitError);
    expect((error as MarketRateLimitError).attempts).toBe(3);
    // 100 × 2^0, 100 × 2^1.
    expect(clock.waits).toEqual([100, 200]);
    expect((error as Error).message).toContain("Too much request weight used");
  });

  it("does not wait out a ban (418) longer than the allowed delay", async () => {
    const banned: RecordedResponse = {
      status: 418,
      headers: { "retry-after": "7200" },
      fixture: "binance-error-418.json",
    };
    server = await startRecordedHttpServer({ [page1Path]: [banned] });
    const clock = recordingSleep();
    const error = await request(server.baseUrl, { sleep: clock.sleep }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketRateLimitError);
    expect((error as MarketRateLimitError).retryAfterSeconds).toBe(7200);
    expect((error as Error).message).toContain("asks to wait 7200 s, more than the 60 s allowed");
    expect(clock.waits).toEqual([]);
  });

  it("turns Binance's error body into a typed error with its code", async () => {
    const path = page1Path.replace("BTCUSDT", "NOPEUSDT");
    server = await startRecordedHttpServer({ [path]: [{ status: 400, fixture: "binance-error-invalid-symbol.json" }] });
    const error = await request(server.baseUrl, { symbol: "NOPEUSDT" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BinanceApiError);
    expect((error as BinanceApiError).code).toBe(-1121);
    expect((error as BinanceApiError).status).toBe(400);
    expect((error as Error).message).toContain("-1121 Invalid symbol.");
  });

  it("reports other HTTP errors with status and body excerpt", async () => {
    server = await startRecordedHttpServer({ [page1Path]: [{ status: 502, body: "<html>Bad Gateway</html>" }] });
    const error = await request(server.baseUrl).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketHttpError);
    expect((error as MarketHttpError).status).toBe(502);
    expect((error as MarketHttpError).bodyExcerpt).toBe("<html>Bad Gateway</html>");
  });

  it("retries an unreachable server, then fails with a network error", async () => {
    const closed = await startRecordedHttpServer({});
    await closed.close(); // nothing listens on this port any more
    const clock = recordingSleep();
    const error = await request(closed.baseUrl, {
      sleep: clock.sleep,
      retry: { maxRetries: 1, baseDelayMs: 50 },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketNetworkError);
    expect(clock.waits).toEqual([50]);
  });

  it("lists every malformed kline", async () => {
    const body = JSON.stringify([[T0 * 1000, "1", "2", "0.5", 1.5, "10"], ["x"]]);
    server = await startRecordedHttpServer({ [page1Path]: [{ status: 200, body }] });
    const error = await request(server.baseUrl).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketResponseError);
    expect((error as MarketResponseError).problems).toEqual([
      "kline [0] field 4 1.5 is not a decimal string",
      "kline [1] is not an array of at least 6 fields",
    ]);
  });

  it("lists every invalid parameter before sending anything", async () => {
    await expect(
      fetchBinanceKlines({ symbol: "btc-usdt", interval: "5m" as "1h", startTime: T0 + H, endTime: T0, limit: 5000 }),
    ).rejects.toThrow(MarketRequestError);
    await expect(
      fetchBinanceKlines({ symbol: "btc-usdt", interval: "5m" as "1h", startTime: T0 + H, endTime: T0, limit: 5000 }),
    ).rejects.toThrow(
      'Invalid Binance klines request: symbol "btc-usdt" is not an upper-case Binance pair like BTCUSDT; interval "5m" is not one of 1h, 1d; startTime 2024-01-01T01:00:00Z is after endTime 2024-01-01T00:00:00Z; limit 5000 is not an integer from 1 to 1000.',
    );
  });
});
