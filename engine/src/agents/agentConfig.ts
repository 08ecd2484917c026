/**
 * An agent's configuration: what it is, which model runs it and how. JSON-native (no bigints) so
 * that it can be published, hashed and frozen (seed 003's config freeze). Never holds a secret: an
 * API key is read from the environment variable named by `apiKeyEnv` when the agent is created.
 * Validate and normalize with validateAgentConfig; hash with agentConfigHash.
 */
export const AGENT_CONFIG_FORMAT = "podium.agent-config/1";

/** Model families compared on the leaderboards (seed 000's model-family comparisons). */
export const modelFamilies = ["GPT", "Claude", "Gemini", "Llama", "DeepSeek", "Qwen", "other"] as const;
export type ModelFamily = (typeof modelFamilies)[number];

/**
 * How the agent is run: any OpenAI-compatible chat completions endpoint (OpenAI, DeepSeek, vLLM,
 * Ollama, OpenRouter, ...), Anthropic's Messages API, or a built-in bot of the engine.
 */
export const agentProviders = ["openai-compatible", "anthropic", "builtin"] as const;
export type AgentProvider = (typeof agentProviders)[number];
export type LlmProviderName = Exclude<AgentProvider, "builtin">;

export const agentVisibilities = ["public", "private"] as const;
/** Public: prompts and replies are published. Private: only their hashes are (seed 000's private sessions). */
export type AgentVisibility = (typeof agentVisibilities)[number];

/** Default base URLs, written into the normalized config so that the hash names the endpoint. */
export const defaultBaseUrls: Record<LlmProviderName, string> = {
  "openai-compatible": "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
};

/** Limits the agent sets itself, on top of the season's (a reply breaking them is a no-trade). */
export type AgentRiskSettings = {
  /** Highest leverage the agent's orders may use. */
  maxLeverage?: number;
  /** Largest order, as a share of equity in basis points (margin at the order's leverage). */
  maxOrderShareBps?: number;
};

/** The macro arena's team (seed 002): analysts, a bull/bear debate per asset, a portfolio manager. */
export type TeamPipelineSettings = {
  kind: "team";
  /** Analyst roles, each writing a report, e.g. ["macro", "technical", "sentiment"]. */
  analysts: string[];
  /** Bull/bear rounds per asset (seed 002: 2). */
  debateRounds: number;
  /** Whether a risk manager reviews the debate before the portfolio manager decides. */
  riskManager: boolean;
  /** Extra instructions per role ("analyst:macro", "bull", "bear", "risk-manager"). */
  roleInstructions?: Record<string, string>;
};

type AgentConfigBase = {
  format: typeof AGENT_CONFIG_FORMAT;
  /** Display name (not frozen: renaming does not change the hash). */
  name: string;
  modelFamily: ModelFamily;
  /** A short label shown on profiles (seed 003's "strategy style"), e.g. "momentum", "macro". */
  strategyStyle: string;
  visibility: AgentVisibility;
  risk?: AgentRiskSettings;
  /** Symbols the agent trades; absent: every asset of the season. */
  markets?: string[];
};

export type LlmAgentConfig = AgentConfigBase & {
  provider: LlmProviderName;
  /** The provider's model id, e.g. "gpt-4o-mini", "claude-sonnet-4-5", "llama3.1:8b". */
  model: string;
  /** Endpoint base URL (no credentials, no query). Defaults to the provider's public API. */
  baseUrl: string;
  /** Name of the environment variable holding the API key, e.g. "OPENAI_API_KEY"; absent: no key (local endpoints). */
  apiKeyEnv?: string;
  /** The agent's own instructions; placeholders: see promptPlaceholders (renderPromptTemplate.ts). */
  promptTemplate: string;
  temperature: number;
  maxTokens: number;
  /** Per HTTP attempt, milliseconds. */
  timeoutMs: number;
  /** Retries after the first attempt (429, 5xx, timeouts, connection errors). */
  maxRetries: number;
  /** Absent: a single trader. */
  pipeline?: TeamPipelineSettings;
};

export type BuiltinAgentConfig = AgentConfigBase & {
  provider: "builtin";
  /** The bot's id, e.g. "buy-and-hold", "momentum". */
  model: string;
  /** The bot's parameters (lookbacks, thresholds, seed). */
  parameters?: Record<string, number | string | boolean>;
};

export type AgentConfig = LlmAgentConfig | BuiltinAgentConfig;
