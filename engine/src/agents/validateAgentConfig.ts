import { MAX_ORDER_LEVERAGE } from "../broker/previewOrder.ts";
import {
  AGENT_CONFIG_FORMAT,
  type AgentConfig,
  type AgentRiskSettings,
  agentProviders,
  agentVisibilities,
  type BuiltinAgentConfig,
  defaultBaseUrls,
  type LlmAgentConfig,
  type LlmProviderName,
  modelFamilies,
  type TeamPipelineSettings,
} from "./agentConfig.ts";
import { type AgentConfigIssue, InvalidAgentConfigError } from "./invalidAgentConfigError.ts";
import { promptPlaceholders, templatePlaceholders } from "./renderPromptTemplate.ts";

export type ValidateAgentConfigParameters = unknown;
export type ValidateAgentConfigReturnType = AgentConfig;
export type ValidateAgentConfigErrorType = InvalidAgentConfigError;

type Json = Record<string, unknown>;

const symbolPattern = /^[A-Z0-9][A-Z0-9._-]*$/;
const envNamePattern = /^[A-Z_][A-Z0-9_]*$/;
const rolePattern = /^[a-z][a-z0-9-]*$/;
/** Texts that look like credentials: they must never be written into a config (it is hashed and may be published). */
const secretPatterns: readonly [RegExp, string][] = [
  [/\bsk-[A-Za-z0-9_-]{16,}/, "an API key (sk-...)"],
  [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key"],
  [/\bBearer\s+[A-Za-z0-9._~+/-]{12,}/i, "a bearer token"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\b0x[0-9a-fA-F]{64}\b/, "a 32-byte hex secret (a wallet private key?)"],
];

const LIMITS = {
  name: 80,
  model: 200,
  style: 80,
  template: 20_000,
  maxTokens: 200_000,
  timeoutMs: [100, 600_000],
  maxRetries: 10,
  analysts: 8,
  debateRounds: 10,
} as const;

/**
 * Checks an agent config and returns it normalized (defaults filled in: the base URL of the
 * provider's public API, so that the hash always names the endpoint). Every problem is reported at
 * once in an InvalidAgentConfigError. Unknown fields are errors: a typo must not silently change
 * nothing, and nothing unvalidated may reach the hash.
 */
export function validateAgentConfig(input: ValidateAgentConfigParameters): ValidateAgentConfigReturnType {
  const issues: AgentConfigIssue[] = [];
  const fail = (path: string, message: string): undefined => {
    issues.push({ path, message });
    return undefined;
  };
  const describe = (value: unknown) =>
    value === undefined ? "missing" : typeof value === "bigint" ? `${value}n` : JSON.stringify(value);
  const object = (value: unknown, path: string, required: readonly string[], optional: readonly string[]) => {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return fail(path, `must be an object, got ${describe(value)}`);
    const known = new Set([...required, ...optional]);
    for (const key of Object.keys(value))
      if (!known.has(key)) fail(`${path}.${key}`, `unknown field (known: ${[...known].join(", ")})`);
    for (const key of required) if ((value as Json)[key] === undefined) fail(`${path}.${key}`, "is required");
    return value as Json;
  };
  const text = (value: unknown, path: string, maxLength: number) => {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value.trim().length === 0)
      return fail(path, `must be a non-empty string, got ${describe(value)}`);
    if (value.length > maxLength) return fail(path, `is ${value.length} characters long; at most ${maxLength}`);
    for (const [pattern, what] of secretPatterns)
      if (pattern.test(value))
        return fail(
          path,
          `looks like it holds ${what}; secrets never go in a config: put the key in an environment variable and name it in apiKeyEnv`,
        );
    return value;
  };
  const oneOf = <T extends string>(value: unknown, path: string, options: readonly T[]) => {
    if (value === undefined) return undefined;
    return options.includes(value as T)
      ? (value as T)
      : fail(path, `must be one of ${options.join(", ")}, got ${describe(value)}`);
  };
  const number = (value: unknown, path: string, min: number, max: number, integer: boolean) => {
    if (value === undefined) return undefined;
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    )
      return fail(path, `must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, got ${describe(value)}`);
    return value;
  };
  const symbols = (value: unknown, path: string) => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0)
      return fail(path, `must be a non-empty array of symbols, got ${describe(value)}`);
    const seen = new Set<string>();
    value.forEach((symbol, i) => {
      if (typeof symbol !== "string" || !symbolPattern.test(symbol))
        fail(`${path}[${i}]`, `must be an upper-case ticker such as "BTC", got ${describe(symbol)}`);
      else if (seen.has(symbol)) fail(`${path}[${i}]`, `${symbol} is listed twice`);
      else seen.add(symbol);
    });
    return [...seen].sort();
  };

  const root = object(
    input,
    "config",
    ["format", "name", "modelFamily", "provider", "model", "strategyStyle", "visibility"],
    [
      "risk",
      "markets",
      "baseUrl",
      "apiKeyEnv",
      "promptTemplate",
      "temperature",
      "maxTokens",
      "timeoutMs",
      "maxRetries",
      "pipeline",
      "parameters",
    ],
  );
  if (root === undefined) throw new InvalidAgentConfigError(issues);

  if (root.format !== undefined && root.format !== AGENT_CONFIG_FORMAT)
    fail("config.format", `must be "${AGENT_CONFIG_FORMAT}", got ${describe(root.format)}`);
  const name = text(root.name, "config.name", LIMITS.name);
  const modelFamily = oneOf(root.modelFamily, "config.modelFamily", modelFamilies);
  const provider = oneOf(root.provider, "config.provider", agentProviders);
  const model = text(root.model, "config.model", LIMITS.model);
  const strategyStyle = text(root.strategyStyle, "config.strategyStyle", LIMITS.style);
  const visibility = oneOf(root.visibility, "config.visibility", agentVisibilities);
  const markets = symbols(root.markets, "config.markets");

  let risk: AgentRiskSettings | undefined;
  if (root.risk !== undefined) {
    const r = object(root.risk, "config.risk", [], ["maxLeverage", "maxOrderShareBps"]);
    if (r !== undefined) {
      risk = {};
      const maxLeverage = number(r.maxLeverage, "config.risk.maxLeverage", 1, MAX_ORDER_LEVERAGE, false);
      if (maxLeverage !== undefined) risk.maxLeverage = maxLeverage;
      const maxOrderShareBps = number(r.maxOrderShareBps, "config.risk.maxOrderShareBps", 1, 10_000, true);
      if (maxOrderShareBps !== undefined) risk.maxOrderShareBps = maxOrderShareBps;
    }
  }

  const llmFields = [
    "baseUrl",
    "apiKeyEnv",
    "promptTemplate",
    "temperature",
    "maxTokens",
    "timeoutMs",
    "maxRetries",
    "pipeline",
  ];
  let config: AgentConfig | undefined;
  if (provider === "builtin") {
    for (const field of llmFields)
      if (root[field] !== undefined) fail(`config.${field}`, "is for LLM agents only; a built-in bot takes parameters");
    let parameters: Record<string, number | string | boolean> | undefined;
    if (root.parameters !== undefined) {
      const p = object(root.parameters, "config.parameters", [], Object.keys((root.parameters as Json | null) ?? {}));
      if (p !== undefined) {
        parameters = {};
        for (const [key, value] of Object.entries(p)) {
          if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))
            parameters[key] = value;
          else if (typeof value === "string") {
            const checked = text(value, `config.parameters.${key}`, LIMITS.model);
            if (checked !== undefined) parameters[key] = checked;
          } else
            fail(`config.parameters.${key}`, `must be a finite number, a string or a boolean, got ${describe(value)}`);
        }
      }
    }
    if (name && modelFamily && model && strategyStyle && visibility) {
      const builtin: BuiltinAgentConfig = {
        format: AGENT_CONFIG_FORMAT,
        name,
        modelFamily,
        provider,
        model,
        strategyStyle,
        visibility,
      };
      if (risk !== undefined) builtin.risk = risk;
      if (markets !== undefined) builtin.markets = markets;
      if (parameters !== undefined) builtin.parameters = parameters;
      config = builtin;
    }
  } else if (provider !== undefined) {
    if (root.parameters !== undefined) fail("config.parameters", "is for built-in bots only");
    for (const field of ["promptTemplate", "temperature", "maxTokens", "timeoutMs", "maxRetries"])
      if (root[field] === undefined) fail(`config.${field}`, `is required for a ${provider} agent`);
    const baseUrl = validateBaseUrl(root.baseUrl, provider, fail);
    let apiKeyEnv: string | undefined;
    if (root.apiKeyEnv !== undefined) {
      if (typeof root.apiKeyEnv !== "string" || !envNamePattern.test(root.apiKeyEnv))
        fail(
          "config.apiKeyEnv",
          `must be the NAME of an environment variable (e.g. "OPENAI_API_KEY"), never the key itself; got ${typeof root.apiKeyEnv === "string" ? `a ${root.apiKeyEnv.length}-character string that is not a variable name` : describe(root.apiKeyEnv)}`,
        );
      else apiKeyEnv = root.apiKeyEnv;
    } else if (provider === "anthropic" || baseUrl === defaultBaseUrls["openai-compatible"]) {
      fail("config.apiKeyEnv", `is required for ${baseUrl}: name the environment variable holding the API key`);
    }
    const promptTemplate = text(root.promptTemplate, "config.promptTemplate", LIMITS.template);
    if (promptTemplate !== undefined) {
      const unknown = templatePlaceholders(promptTemplate).filter(
        (slot) => !(promptPlaceholders as readonly string[]).includes(slot),
      );
      for (const slot of new Set(unknown))
        fail(
          "config.promptTemplate",
          `unknown placeholder {{${slot}}} (known: ${promptPlaceholders.map((p) => `{{${p}}}`).join(", ")})`,
        );
    }
    const temperature = number(root.temperature, "config.temperature", 0, 2, false);
    const maxTokens = number(root.maxTokens, "config.maxTokens", 1, LIMITS.maxTokens, true);
    const timeoutMs = number(root.timeoutMs, "config.timeoutMs", LIMITS.timeoutMs[0], LIMITS.timeoutMs[1], true);
    const maxRetries = number(root.maxRetries, "config.maxRetries", 0, LIMITS.maxRetries, true);
    const pipeline =
      root.pipeline === undefined ? undefined : validatePipeline(root.pipeline, object, text, number, fail);
    if (
      name &&
      modelFamily &&
      model &&
      strategyStyle &&
      visibility &&
      baseUrl &&
      promptTemplate &&
      temperature !== undefined &&
      maxTokens !== undefined &&
      timeoutMs !== undefined &&
      maxRetries !== undefined
    ) {
      const llm: LlmAgentConfig = {
        format: AGENT_CONFIG_FORMAT,
        name,
        modelFamily,
        provider,
        model,
        baseUrl,
        promptTemplate,
        temperature,
        maxTokens,
        timeoutMs,
        maxRetries,
        strategyStyle,
        visibility,
      };
      if (apiKeyEnv !== undefined) llm.apiKeyEnv = apiKeyEnv;
      if (risk !== undefined) llm.risk = risk;
      if (markets !== undefined) llm.markets = markets;
      if (pipeline !== undefined) llm.pipeline = pipeline;
      config = llm;
    }
  }
  if (issues.length > 0 || config === undefined) throw new InvalidAgentConfigError(issues);
  return config;
}

function validateBaseUrl(
  value: unknown,
  provider: LlmProviderName,
  fail: (path: string, message: string) => undefined,
) {
  if (value === undefined) return defaultBaseUrls[provider];
  if (typeof value !== "string") return fail("config.baseUrl", `must be an http(s) URL, got ${JSON.stringify(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail("config.baseUrl", `is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return fail("config.baseUrl", `must use http or https, got ${url.protocol}`);
  if (url.username !== "" || url.password !== "")
    return fail(
      "config.baseUrl",
      "must not carry credentials; name the environment variable holding the key in apiKeyEnv",
    );
  if (url.search !== "" || url.hash !== "")
    return fail("config.baseUrl", "must not have a query or fragment (keys sometimes hide there)");
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

type Checkers = {
  object: (value: unknown, path: string, required: readonly string[], optional: readonly string[]) => Json | undefined;
  text: (value: unknown, path: string, maxLength: number) => string | undefined;
  number: (value: unknown, path: string, min: number, max: number, integer: boolean) => number | undefined;
};

function validatePipeline(
  value: unknown,
  object: Checkers["object"],
  text: Checkers["text"],
  number: Checkers["number"],
  fail: (path: string, message: string) => undefined,
): TeamPipelineSettings | undefined {
  const p = object(value, "config.pipeline", ["kind", "analysts", "debateRounds", "riskManager"], ["roleInstructions"]);
  if (p === undefined) return undefined;
  if (p.kind !== undefined && p.kind !== "team")
    fail("config.pipeline.kind", `must be "team", got ${JSON.stringify(p.kind)}`);
  const analysts: string[] = [];
  if (!Array.isArray(p.analysts) || p.analysts.length === 0 || p.analysts.length > LIMITS.analysts)
    fail(
      "config.pipeline.analysts",
      `must be an array of 1 to ${LIMITS.analysts} role names, e.g. ["macro", "technical", "sentiment"]`,
    );
  else
    p.analysts.forEach((role, i) => {
      if (typeof role !== "string" || !rolePattern.test(role))
        fail(
          `config.pipeline.analysts[${i}]`,
          `must be a lower-case role name such as "macro", got ${JSON.stringify(role)}`,
        );
      else if (analysts.includes(role)) fail(`config.pipeline.analysts[${i}]`, `${role} is listed twice`);
      else analysts.push(role);
    });
  const debateRounds = number(p.debateRounds, "config.pipeline.debateRounds", 0, LIMITS.debateRounds, true);
  if (p.riskManager !== undefined && typeof p.riskManager !== "boolean")
    fail("config.pipeline.riskManager", `must be true or false, got ${JSON.stringify(p.riskManager)}`);
  const roles = new Set([...analysts.map((a) => `analyst:${a}`), "bull", "bear", "risk-manager"]);
  let roleInstructions: Record<string, string> | undefined;
  if (p.roleInstructions !== undefined) {
    const r = object(p.roleInstructions, "config.pipeline.roleInstructions", [], [...roles]);
    if (r !== undefined) {
      roleInstructions = {};
      for (const [role, instructions] of Object.entries(r)) {
        const checked = text(instructions, `config.pipeline.roleInstructions.${role}`, LIMITS.template);
        if (checked !== undefined && roles.has(role)) roleInstructions[role] = checked;
      }
    }
  }
  if (debateRounds === undefined || typeof p.riskManager !== "boolean" || analysts.length === 0) return undefined;
  const pipeline: TeamPipelineSettings = { kind: "team", analysts, debateRounds, riskManager: p.riskManager };
  if (roleInstructions !== undefined) pipeline.roleInstructions = roleInstructions;
  return pipeline;
}
