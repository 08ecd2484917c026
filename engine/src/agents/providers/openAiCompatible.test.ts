import { afterEach, describe, expect, it } from "vitest";
import { openAiCompletion, type ScriptedLlmServer, startScriptedLlmServer } from "../testing/scriptedLlmServer.ts";
import { createOpenAiCompatibleProvider } from "./openAiCompatible.ts";

const request = { model: "gpt-test", system: "s", user: "u", temperature: 0.5, maxTokens: 321 };
let server: ScriptedLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A fetch that sends every request to the local server instead (the path is kept). */
const redirectTo =
  (origin: string): typeof fetch =>
  (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(`${origin}${url.pathname}${url.search}`, init);
  };

describe("createOpenAiCompatibleProvider", () => {
  it("sends max_tokens to compatible endpoints and max_completion_tokens to OpenAI's own API", async () => {
    server = await startScriptedLlmServer(
      { body: openAiCompletion({ content: "a" }) },
      { body: openAiCompletion({ content: "b" }) },
    );
    const local = createOpenAiCompatibleProvider({
      baseUrl: server.openAiBaseUrl,
      apiKey: undefined,
      timeoutMs: 2_000,
    });
    expect(await local.call(request)).toMatchObject({
      kind: "reply",
      text: "a",
      finish: "stop",
      inputTokens: 100,
      outputTokens: 20,
    });
    const official = createOpenAiCompatibleProvider({
      baseUrl: "https://api.openai.com/v1",
      apiKey: "k-000000000",
      timeoutMs: 2_000,
      fetch: redirectTo(server.origin),
    });
    expect(await official.call(request)).toMatchObject({ kind: "reply", text: "b" });
    const [first, second] = server.requests.map((r) => r.body as Record<string, unknown>);
    expect(first?.max_tokens).toBe(321);
    expect(first?.max_completion_tokens).toBeUndefined();
    expect(second?.max_completion_tokens).toBe(321);
    expect(second?.max_tokens).toBeUndefined();
    // Free text (no schema): no response_format at all.
    expect(first?.response_format).toBeUndefined();
  });

  it("reads a content-filtered completion as a refusal and a missing usage as zero tokens", async () => {
    const filtered = openAiCompletion({ content: null, finishReason: "content_filter" }) as Record<string, unknown>;
    delete filtered.usage;
    server = await startScriptedLlmServer({ body: filtered });
    const provider = createOpenAiCompatibleProvider({
      baseUrl: server.openAiBaseUrl,
      apiKey: undefined,
      timeoutMs: 2_000,
    });
    expect(await provider.call(request)).toEqual({
      kind: "reply",
      text: null,
      finish: "refusal",
      inputTokens: 0,
      outputTokens: 0,
    });
  });
});
