import { afterEach, describe, expect, it } from "vitest";
import { callWithRetries, defaultRetryPolicy, type RetryPolicy } from "./callWithRetries.ts";
import { createOpenAiCompatibleProvider } from "./providers/openAiCompatible.ts";
import {
  openAiCompletion,
  openAiError,
  type ScriptedLlmServer,
  startScriptedLlmServer,
} from "./testing/scriptedLlmServer.ts";

const request = { model: "m", system: "s", user: "u", temperature: 0, maxTokens: 10 };
let server: ScriptedLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(policy: Partial<RetryPolicy>, timeoutMs = 2_000) {
  if (server === undefined) throw new Error("start the server first");
  const waits: number[] = [];
  const provider = createOpenAiCompatibleProvider({ baseUrl: server.openAiBaseUrl, apiKey: undefined, timeoutMs });
  const outcome = await callWithRetries({
    provider,
    request,
    policy: { ...defaultRetryPolicy, baseDelayMs: 1_000, ...policy },
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  expect(outcome.waitsMs).toEqual(waits);
  return outcome;
}

describe("callWithRetries (OpenAI-compatible provider, real local HTTP server)", () => {
  it("honours Retry-After, then backs off exponentially, until a reply arrives", async () => {
    server = await startScriptedLlmServer(
      { status: 429, headers: { "retry-after": "3" }, body: openAiError("rate limited", "rate_limit_exceeded") },
      { status: 500, body: openAiError("boom") },
      { body: openAiCompletion({ content: "{}" }) },
    );
    const { result, attempts, waitsMs } = await run({ maxRetries: 2 });
    expect(result.kind).toBe("reply");
    expect(attempts).toBe(3);
    // 3 s from Retry-After; then the second failure's backoff, 1,000 × 2^(2 − 1) = 2,000 ms.
    expect(waitsMs).toEqual([3_000, 2_000]);
    expect(server.requests.length).toBe(3);
  });

  it("prefers retry-after-ms, and ignores a Retry-After given as an HTTP date (no wall clock)", async () => {
    server = await startScriptedLlmServer(
      { status: 503, headers: { "retry-after-ms": "250" }, body: openAiError("busy") },
      { status: 503, headers: { "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" }, body: openAiError("busy") },
      { body: openAiCompletion({ content: "{}" }) },
    );
    expect((await run({ maxRetries: 2 })).waitsMs).toEqual([250, 2_000]);
  });

  it("caps the backoff, and reports the last failure when the retries run out", async () => {
    server = await startScriptedLlmServer(
      ...Array.from({ length: 4 }, () => ({ status: 502, body: openAiError("bad gateway") })),
    );
    const { result, attempts, waitsMs } = await run({ maxRetries: 3, maxDelayMs: 1_500 });
    expect(attempts).toBe(4);
    expect(waitsMs).toEqual([1_000, 1_500, 1_500]); // 1,000, then 2,000 and 4,000 capped at 1,500
    expect(result).toMatchObject({ kind: "failure", code: "HTTP_ERROR", status: 502, retryable: true });
    expect(result.kind === "failure" && result.detail).toMatch(
      /^HTTP 502 from 127\.0\.0\.1:\d+: .*bad gateway.* \(after 4 attempts\)$/,
    );
  });

  it("does not retry a client error", async () => {
    server = await startScriptedLlmServer({ status: 400, body: openAiError("bad request", "invalid_request_error") });
    const { result, attempts } = await run({ maxRetries: 3 });
    expect(attempts).toBe(1);
    expect(result).toMatchObject({ kind: "failure", code: "HTTP_ERROR", status: 400, retryable: false });
  });

  it("gives up at once when the server asks for a longer wait than the agent accepts", async () => {
    server = await startScriptedLlmServer({
      status: 429,
      headers: { "retry-after": "120" },
      body: openAiError("quota"),
    });
    const { result, attempts, waitsMs } = await run({ maxRetries: 3, maxRetryAfterMs: 60_000 });
    expect(attempts).toBe(1);
    expect(waitsMs).toEqual([]);
    expect(result).toMatchObject({ kind: "failure", code: "RATE_LIMITED", retryAfterMs: 120_000 });
    expect(result.kind === "failure" && result.detail).toContain(
      "the server asked to wait 120000 ms, more than the 60000 ms the agent waits",
    );
  });

  it("retries a timeout and a refused connection", async () => {
    server = await startScriptedLlmServer(
      { delayMs: 1_000, body: openAiCompletion({ content: "{}" }) },
      { body: openAiCompletion({ content: "{}" }) },
    );
    const timedOut = await run({ maxRetries: 1 }, 200);
    expect(timedOut.attempts).toBe(2);
    expect(timedOut.result.kind).toBe("reply");

    const closed = server;
    await closed.close();
    server = undefined;
    const waits: number[] = [];
    const provider = createOpenAiCompatibleProvider({
      baseUrl: closed.openAiBaseUrl,
      apiKey: undefined,
      timeoutMs: 1_000,
    });
    const refused = await callWithRetries({
      provider,
      request,
      policy: { ...defaultRetryPolicy, maxRetries: 1 },
      sleep: async (ms) => void waits.push(ms),
    });
    expect(refused.attempts).toBe(2);
    expect(refused.result).toMatchObject({ kind: "failure", code: "NETWORK_ERROR" });
    expect(waits).toEqual([1_000]);
  });
});
