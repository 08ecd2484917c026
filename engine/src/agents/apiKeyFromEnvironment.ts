import { PodiumError } from "../errors/podiumError.ts";
import type { LlmAgentConfig } from "./agentConfig.ts";

export type MissingApiKeyErrorType = MissingApiKeyError;

/** The environment variable the config names is not set. Says which variable, never any value. */
export class MissingApiKeyError extends PodiumError {
  override name = "MissingApiKeyError";
  readonly variable: string;
  constructor(agentName: string, variable: string) {
    super(`Agent "${agentName}" needs an API key in the environment variable ${variable}, which is not set.`, {
      hint: `Export ${variable} before starting the season (e.g. \`export ${variable}=...\` in the shell that runs it). Keys never go in the config file.`,
    });
    this.variable = variable;
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The API key of an LLM agent, read from the environment variable its config names (the config
 * holds the variable's name, never the key). Undefined for keyless endpoints (no apiKeyEnv).
 */
export function apiKeyFromEnvironment(config: LlmAgentConfig, env: Environment): string | undefined {
  if (config.apiKeyEnv === undefined) return undefined;
  const value = env[config.apiKeyEnv];
  if (value === undefined || value.trim() === "") throw new MissingApiKeyError(config.name, config.apiKeyEnv);
  return value.trim();
}
