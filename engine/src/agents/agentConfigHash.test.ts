import { keccak } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { agentConfigHash as conductHash } from "../conduct/agentConfigHash.ts";
import { agentConfigCommitmentText, agentConfigHash, frozenAgentConfig } from "./agentConfigHash.ts";
import { testLlmConfig } from "./testing/testObservation.ts";
import { validateAgentConfig } from "./validateAgentConfig.ts";

describe("agentConfigHash", () => {
  it("is keccak256 of the canonical JSON of the frozen fields (checked with an independent keccak)", async () => {
    const config = testLlmConfig();
    // Written by hand: sorted keys, no whitespace, the four frozen fields of conduct/agentConfigHash.ts.
    const text =
      '{"exchange":{"markets":null,"venue":"podium-paper"},' +
      '"model":{"baseUrl":"http://127.0.0.1:11434/v1","family":"Llama","id":"llama3.1:8b","maxRetries":2,"maxTokens":800,"provider":"openai-compatible","temperature":0.2,"timeoutMs":2000},' +
      '"riskSettings":{},' +
      '"strategy":{"format":"podium.agent-config/1","pipeline":{"kind":"single"},"promptTemplate":"You are {{name}}, a {{style}} trader of {{symbols}}. Trade carefully.","style":"momentum"}}';
    expect(agentConfigCommitmentText(config)).toBe(text);
    expect(agentConfigHash(config)).toBe(`0x${await keccak(text, 256)}`);
  });

  it("is the hash the config-freeze rule computes, so that the rule compares like with like", () => {
    const config = validateAgentConfig(testLlmConfig());
    expect(agentConfigHash(config)).toBe(conductHash(frozenAgentConfig(config)));
  });

  it("ignores the display name, the visibility and the key's variable name, and changes with anything that trades", () => {
    const base = agentConfigHash(testLlmConfig());
    expect(agentConfigHash(testLlmConfig({ name: "Renamed", visibility: "private", apiKeyEnv: "OTHER_KEY" }))).toBe(
      base,
    );
    expect(agentConfigHash(testLlmConfig({ baseUrl: "http://127.0.0.1:11434/v1/" }))).toBe(base); // normalized
    for (const change of [
      { model: "llama3.1:70b" },
      { promptTemplate: "Buy everything." },
      { temperature: 0.3 },
      { baseUrl: "http://127.0.0.1:8000/v1" },
      { risk: { maxLeverage: 2 } },
      { markets: ["BTC"] },
      { pipeline: { kind: "team", analysts: ["macro"], debateRounds: 2, riskManager: false } },
    ])
      expect(agentConfigHash(testLlmConfig(change)), JSON.stringify(change)).not.toBe(base);
  });

  it("never contains the API key: the config names the variable, and the value is not read", () => {
    const text = agentConfigCommitmentText(testLlmConfig({ apiKeyEnv: "PODIUM_TEST_KEY" }));
    expect(text).not.toContain("PODIUM_TEST_KEY");
  });

  it("hashes a built-in bot by its id and parameters", () => {
    const bot = {
      format: "podium.agent-config/1",
      name: "Momo",
      modelFamily: "other",
      provider: "builtin",
      model: "momentum",
      strategyStyle: "momentum",
      visibility: "public",
      parameters: { fast: 10 },
    };
    expect(agentConfigCommitmentText(bot)).toBe(
      '{"exchange":{"markets":null,"venue":"podium-paper"},"model":{"family":"other","id":"momentum","provider":"builtin"},"riskSettings":{},"strategy":{"format":"podium.agent-config/1","parameters":{"fast":10},"style":"momentum"}}',
    );
    expect(agentConfigHash({ ...bot, parameters: { fast: 11 } })).not.toBe(agentConfigHash(bot));
  });
});
