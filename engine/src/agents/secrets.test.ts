import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { agentConfigCommitmentText, agentConfigHash } from "./agentConfigHash.ts";
import { createDecisionLog } from "./decisionLog.ts";
import { createLlmAgent } from "./llmAgent.ts";
import { recordDecisions } from "./recordDecisions.ts";
import {
  anthropicError,
  anthropicToolUse,
  openAiCompletion,
  openAiError,
  type ReceivedRequest,
  type ScriptedLlmServer,
  startScriptedLlmServer,
} from "./testing/scriptedLlmServer.ts";
import { testLlmConfig, testObservation } from "./testing/testObservation.ts";

const SECRET = "sk-podium-test-SECRET-9f8e7d6c5b4a3210";
const env = { PODIUM_TEST_KEY: SECRET };
const authOf = (request: ReceivedRequest) => JSON.stringify(request.headers);

let server: ScriptedLlmServer | undefined;
let printed: string[] = [];
beforeEach(() => {
  printed = [];
  const capture = (...args: unknown[]) => {
    printed.push(args.map(String).join(" "));
  };
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation(capture);
  const write = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(write);
  vi.spyOn(process.stderr, "write").mockImplementation(write);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

describe("API keys never leave the environment", () => {
  it.each([
    ["openai-compatible", (s: ScriptedLlmServer) => ({ baseUrl: s.openAiBaseUrl })],
    ["anthropic", (s: ScriptedLlmServer) => ({ provider: "anthropic", modelFamily: "Claude", baseUrl: s.origin })],
  ] as const)(
    "%s: not in decisions, exchanges, logs, hashes, errors or console output, even when the endpoint echoes it",
    async (provider, point) => {
      const echoError = (request: ReceivedRequest) => ({
        status: 401,
        body:
          provider === "anthropic"
            ? anthropicError(`bad credentials: ${authOf(request)}`, "authentication_error")
            : openAiError(`Incorrect API key provided: ${authOf(request)}`, "invalid_request_error"),
      });
      const echoReply = (request: ReceivedRequest) => {
        const decision = { reasoning: `The key I was sent: ${authOf(request)}`, orders: [], stopLossUpdates: [] };
        return {
          body:
            provider === "anthropic"
              ? anthropicToolUse({ input: decision })
              : openAiCompletion({ content: JSON.stringify(decision) }),
        };
      };
      const echoServerError = (request: ReceivedRequest) => ({ status: 500, body: `upstream said ${authOf(request)}` });
      server = await startScriptedLlmServer(echoError, echoReply, echoServerError);
      const config = testLlmConfig({ ...point(server), apiKeyEnv: "PODIUM_TEST_KEY", visibility: "public" });
      const log = createDecisionLog({ agentId: "agent-1", visibility: "public" });
      const agent = recordDecisions(createLlmAgent({ id: "agent-1", config, env, sleep: async () => {} }), log);
      const decisions = [];
      for (const round of [1, 2, 3])
        decisions.push(await agent.decide(testObservation({ round, news: ["quiet day"] })));

      // The key did reach the endpoint (so the echoes really carried it)...
      expect(server.requests.every((request) => authOf(request).includes(SECRET))).toBe(true);
      expect(decisions.map((d) => d.noTradeReason?.code ?? d.outcome)).toEqual(["HTTP_ERROR", "hold", "HTTP_ERROR"]);
      expect(decisions[1]?.reasoning).toContain("[redacted]");
      // ...and appears in nothing Podium wrote or printed.
      const outputs = [
        canonicalJson(decisions as unknown as never),
        canonicalJson(log.privateArtifact() as unknown as never),
        canonicalJson(log.publicArtifact() as unknown as never),
        JSON.stringify(log.metadata),
        agentConfigCommitmentText(config),
        agentConfigHash(config),
        ...printed,
      ];
      for (const output of outputs) expect(output).not.toContain(SECRET);
    },
  );

  it("a missing key fails with the variable's name, not the value of any other variable", () => {
    let message = "";
    try {
      createLlmAgent({ id: "a", config: testLlmConfig({ apiKeyEnv: "PODIUM_OTHER_KEY" }), env });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain("PODIUM_OTHER_KEY");
    expect(message).not.toContain(SECRET);
  });
});
