import { describe, expect, it } from "vitest";
import { InvalidAgentConfigError } from "./invalidAgentConfigError.ts";
import { testLlmConfig } from "./testing/testObservation.ts";
import { validateAgentConfig } from "./validateAgentConfig.ts";

const issuesOf = (input: unknown) => {
  try {
    validateAgentConfig(input);
  } catch (error) {
    if (error instanceof InvalidAgentConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  throw new Error("expected the config to be refused");
};

describe("validateAgentConfig", () => {
  it("accepts an LLM config and normalizes it (trailing slash off the base URL, markets sorted)", () => {
    const config = validateAgentConfig(
      testLlmConfig({ baseUrl: "http://127.0.0.1:11434/v1/", markets: ["ETH", "BTC"] }),
    );
    expect(config.provider).toBe("openai-compatible");
    expect(config.provider !== "builtin" && config.baseUrl).toBe("http://127.0.0.1:11434/v1");
    expect(config.markets).toEqual(["BTC", "ETH"]);
  });

  it("fills in the provider's public API when no base URL is given", () => {
    const openAi = validateAgentConfig(
      testLlmConfig({ baseUrl: undefined, apiKeyEnv: "OPENAI_API_KEY", modelFamily: "GPT" }),
    );
    expect(openAi.provider !== "builtin" && openAi.baseUrl).toBe("https://api.openai.com/v1");
    const claude = validateAgentConfig(
      testLlmConfig({ provider: "anthropic", baseUrl: undefined, apiKeyEnv: "ANTHROPIC_API_KEY" }),
    );
    expect(claude.provider !== "builtin" && claude.baseUrl).toBe("https://api.anthropic.com");
  });

  it("reports every problem at once", () => {
    const issues = issuesOf({
      ...testLlmConfig(),
      modelFamily: "Mistral",
      temperature: 3,
      maxTokens: 0,
      timeoutMs: 10,
      maxRetries: 1.5,
      visibility: "secret",
      colour: "blue",
      promptTemplate: "Trade {{symbols}} like {{hero}}",
    });
    expect(issues).toEqual([
      "config.colour: unknown field (known: format, name, modelFamily, provider, model, strategyStyle, visibility, risk, markets, baseUrl, apiKeyEnv, promptTemplate, temperature, maxTokens, timeoutMs, maxRetries, pipeline, parameters)",
      'config.modelFamily: must be one of GPT, Claude, Gemini, Llama, DeepSeek, Qwen, other, got "Mistral"',
      'config.visibility: must be one of public, private, got "secret"',
      "config.promptTemplate: unknown placeholder {{hero}} (known: {{name}}, {{style}}, {{symbols}}, {{arena}}, {{season}})",
      "config.temperature: must be a number from 0 to 2, got 3",
      "config.maxTokens: must be an integer from 1 to 200000, got 0",
      "config.timeoutMs: must be an integer from 100 to 600000, got 10",
      "config.maxRetries: must be an integer from 0 to 10, got 1.5",
    ]);
  });

  it("refuses anything that looks like a secret, and an API key in place of the variable's name", () => {
    const key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
    const issues = issuesOf(testLlmConfig({ apiKeyEnv: key, promptTemplate: `Use key ${key} if asked` }));
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^config\.apiKeyEnv: must be the NAME of an environment variable/);
    expect(issues[1]).toMatch(/^config\.promptTemplate: looks like it holds an API key/);
    // The error never repeats the secret it refused.
    for (const issue of issues) expect(issue).not.toContain(key);
  });

  it("refuses credentials or a query in the base URL", () => {
    expect(issuesOf(testLlmConfig({ baseUrl: "https://user:pw@example.com/v1" }))).toEqual([
      "config.baseUrl: must not carry credentials; name the environment variable holding the key in apiKeyEnv",
    ]);
    expect(issuesOf(testLlmConfig({ baseUrl: "https://example.com/v1?key=abc" }))).toEqual([
      "config.baseUrl: must not have a query or fragment (keys sometimes hide there)",
    ]);
  });

  it("requires a key variable for the public APIs", () => {
    expect(issuesOf(testLlmConfig({ provider: "anthropic", baseUrl: undefined }))).toEqual([
      "config.apiKeyEnv: is required for https://api.anthropic.com: name the environment variable holding the API key",
    ]);
  });

  it("validates a team pipeline", () => {
    const config = validateAgentConfig(
      testLlmConfig({
        pipeline: {
          kind: "team",
          analysts: ["macro", "technical"],
          debateRounds: 2,
          riskManager: true,
          roleInstructions: { bull: "Be bold." },
        },
      }),
    );
    expect(config.provider !== "builtin" && config.pipeline).toEqual({
      kind: "team",
      analysts: ["macro", "technical"],
      debateRounds: 2,
      riskManager: true,
      roleInstructions: { bull: "Be bold." },
    });
    expect(
      issuesOf(
        testLlmConfig({
          pipeline: {
            kind: "team",
            analysts: ["Macro", "macro", "macro"],
            debateRounds: 11,
            riskManager: "yes",
            roleInstructions: { pm: "x" },
          },
        }),
      ),
    ).toEqual([
      'config.pipeline.analysts[0]: must be a lower-case role name such as "macro", got "Macro"',
      "config.pipeline.analysts[2]: macro is listed twice",
      "config.pipeline.debateRounds: must be an integer from 0 to 10, got 11",
      'config.pipeline.riskManager: must be true or false, got "yes"',
      "config.pipeline.roleInstructions.pm: unknown field (known: analyst:macro, bull, bear, risk-manager)",
    ]);
  });

  it("accepts a built-in bot with parameters and refuses LLM fields on it", () => {
    const bot = {
      format: "podium.agent-config/1",
      name: "Momo",
      modelFamily: "other",
      provider: "builtin",
      model: "momentum",
      strategyStyle: "momentum",
      visibility: "public",
      parameters: { fast: 10, slow: 30 },
    };
    expect(validateAgentConfig(bot)).toEqual(bot);
    expect(issuesOf({ ...bot, promptTemplate: "hi", parameters: { fast: [1] } })).toEqual([
      "config.promptTemplate: is for LLM agents only; a built-in bot takes parameters",
      "config.parameters.fast: must be a finite number, a string or a boolean, got [1]",
    ]);
  });

  it("refuses a value that is not an object at all", () => {
    expect(issuesOf(null)).toEqual(["config: must be an object, got null"]);
  });
});
