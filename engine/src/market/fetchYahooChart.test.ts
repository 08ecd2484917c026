import { afterEach, describe, expect, it } from "vitest";
import { parseFixed } from "../money/fixed.ts";
import { fetchYahooChart, YahooChartError } from "./fetchYahooChart.ts";
import { MarketRequestError, MarketResponseError } from "./marketApiErrors.ts";
import { type RecordedHttpServer, startRecordedHttpServer } from "./recordedHttpServer.ts";
import { validateBars } from "./validateBars.ts";

// 2020-11-02T00:00:00Z (Monday) to 2020-11-11T00:00:00Z. The fixture holds SPY's 7 sessions of
// Nov 2-10, 2020, stamped 14:30 UTC (09:30 EST), with Nov 5 all null.
const NOV_2 = 1_604_275_200;
const DAY = 86_400;
const path = `/v8/finance/chart/SPY?period1=${NOV_2}&period2=${NOV_2 + 9 * DAY}&interval=1d`;

let server: RecordedHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("fetchYahooChart", () => {
  it("reads the chart JSON, dates bars at 00:00 UTC of the exchange date, converts floats by decimal text", async () => {
    server = await startRecordedHttpServer({ [path]: [{ status: 200, fixture: "yahoo-chart-SPY-1d.json" }] });
    const result = await fetchYahooChart({
      symbol: "SPY",
      period1: NOV_2,
      period2: NOV_2 + 9 * DAY,
      baseUrl: server.baseUrl,
    });
    expect(server.unexpected).toEqual([]);
    expect(result.currency).toBe("USD");
    expect(result.exchangeTimezoneName).toBe("America/New_York");
    // Mon-Thu, Fri, then Mon-Tue of the next week.
    expect(result.bars.map((b) => (b.time - NOV_2) / DAY)).toEqual([0, 1, 2, 3, 4, 7, 8]);
    // open[0] = 330.20001220703125: 8 decimals 330.20001220, the 9th digit is 7 -> 330.20001221.
    // high 332.3599853515625 -> 332.35998535 (9th digit 1); low 327.239990234375 -> 327.23999023.
    expect(result.bars[0]).toEqual({
      time: NOV_2,
      open: 33_020_001_221n,
      high: parseFixed("332.35998535"),
      low: parseFixed("327.23999023"),
      close: 33_020_001_221n,
      volume: 8_606_830_000_000_000n,
      origin: "Yahoo SPY timestamp[0] (2020-11-02)",
    });
    expect(result.bars[3]).toMatchObject({ open: null, close: null, volume: null });

    // The null day is dropped and forward-filled by the policy; weekends are not gaps.
    const { bars, problems } = validateBars({
      symbol: "SPY",
      frequency: "1d",
      bars: result.bars,
      policy: { calendar: "nyse", onProblem: "forward-fill", repair: "reject", zeroVolume: "problem" },
    });
    expect(bars).toHaveLength(7);
    expect(bars[3]).toMatchObject({ time: NOV_2 + 3 * DAY, close: parseFixed("343.54000854"), filled: true });
    expect(problems.map((p) => [p.kind, p.action])).toEqual([
      ["missing-value", "dropped"],
      ["gap", "filled"],
    ]);
  });

  it("turns chart.error into a typed error", async () => {
    const badPath = `/v8/finance/chart/NOPE?period1=${NOV_2}&period2=${NOV_2 + DAY}&interval=1d`;
    server = await startRecordedHttpServer({
      [badPath]: [{ status: 404, fixture: "yahoo-chart-error-not-found.json" }],
    });
    const error = await fetchYahooChart({
      symbol: "NOPE",
      period1: NOV_2,
      period2: NOV_2 + DAY,
      baseUrl: server.baseUrl,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(YahooChartError);
    expect((error as YahooChartError).code).toBe("Not Found");
    expect((error as YahooChartError).status).toBe(404);
    expect((error as Error).message).toContain("No data found, symbol may be delisted");
  });

  it("escapes index symbols in the path and retries a 429", async () => {
    const indexPath = `/v8/finance/chart/%5EGSPC?period1=${NOV_2}&period2=${NOV_2 + 9 * DAY}&interval=1d`;
    server = await startRecordedHttpServer({
      [indexPath]: [
        { status: 429, body: "Too Many Requests", headers: { "content-type": "text/plain" } },
        { status: 200, fixture: "yahoo-chart-SPY-1d.json" },
      ],
    });
    const waits: number[] = [];
    const result = await fetchYahooChart({
      symbol: "^GSPC",
      period1: NOV_2,
      period2: NOV_2 + 9 * DAY,
      baseUrl: server.baseUrl,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(result.bars).toHaveLength(7);
    expect(waits).toEqual([1000]); // no Retry-After: the first backoff step, 1 s
  });

  it("lists every shape problem of a response", async () => {
    const body = JSON.stringify({
      chart: {
        result: [
          {
            meta: {},
            timestamp: [1, 2],
            indicators: { quote: [{ open: [1, 2], high: [1], low: "x", close: [1, 2], volume: [1, 2] }] },
          },
        ],
        error: null,
      },
    });
    server = await startRecordedHttpServer({ [path]: [{ status: 200, body }] });
    const error = await fetchYahooChart({
      symbol: "SPY",
      period1: NOV_2,
      period2: NOV_2 + 9 * DAY,
      baseUrl: server.baseUrl,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketResponseError);
    expect((error as MarketResponseError).problems).toEqual([
      "indicators.quote[0].high has 1 values for 2 timestamps",
      "indicators.quote[0].low is not an array",
    ]);
  });

  it("checks its parameters before any request", async () => {
    await expect(fetchYahooChart({ symbol: "S P Y", period1: NOV_2, period2: NOV_2 })).rejects.toThrow(
      MarketRequestError,
    );
  });
});
