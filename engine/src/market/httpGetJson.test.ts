import { afterEach, describe, expect, it } from "vitest";
import { httpGetJson } from "./httpGetJson.ts";
import { MarketHttpError, MarketRateLimitError, MarketResponseError } from "./marketApiErrors.ts";
import { type RecordedHttpServer, startRecordedHttpServer } from "./recordedHttpServer.ts";

let server: RecordedHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("httpGetJson", () => {
  it("treats a Retry-After given as an HTTP date as absent and backs off exponentially", async () => {
    server = await startRecordedHttpServer({
      "/x": [
        { status: 429, headers: { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" }, body: "{}" },
        { status: 429, body: "{}" },
        { status: 200, body: '{"ok":true}' },
      ],
    });
    const waits: number[] = [];
    const result = await httpGetJson({
      url: `${server.baseUrl}/x`,
      sleep: async (ms) => void waits.push(ms),
      retry: { baseDelayMs: 250 },
    });
    expect(result).toEqual({ json: { ok: true }, attempts: 3 });
    expect(waits).toEqual([250, 500]); // 250 × 2^0, 250 × 2^1
  });

  it("caps the backoff at maxDelayMs and keeps the error's JSON body", async () => {
    server = await startRecordedHttpServer({ "/x": [{ status: 429, body: '{"code":1}' }] });
    const waits: number[] = [];
    const error = await httpGetJson({
      url: `${server.baseUrl}/x`,
      sleep: async (ms) => void waits.push(ms),
      retry: { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 3000 },
    }).catch((caught: unknown) => caught);
    expect(waits).toEqual([1000, 2000, 3000, 3000]);
    expect(error).toBeInstanceOf(MarketRateLimitError);
    expect((error as MarketRateLimitError).json).toEqual({ code: 1 });
  });

  it("fails at once on other statuses and on a 200 that is not JSON", async () => {
    server = await startRecordedHttpServer({
      "/missing": [{ status: 404, body: "not here" }],
      "/html": [{ status: 200, body: "<html></html>" }],
    });
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const notFound = await httpGetJson({ url: `${server.baseUrl}/missing`, sleep }).catch((caught: unknown) => caught);
    expect(notFound).toBeInstanceOf(MarketHttpError);
    expect((notFound as MarketHttpError).status).toBe(404);
    await expect(httpGetJson({ url: `${server.baseUrl}/html`, sleep })).rejects.toThrow(MarketResponseError);
    expect(waits).toEqual([]);
    expect(server.requests).toEqual(["/missing", "/html"]);
  });
});
