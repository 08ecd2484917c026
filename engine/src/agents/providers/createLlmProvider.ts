import type { LlmProviderName } from "../agentConfig.ts";
import { createAnthropicMessagesProvider } from "./anthropicMessages.ts";
import type { LlmProvider, LlmProviderParameters } from "./llmProvider.ts";
import { createOpenAiCompatibleProvider } from "./openAiCompatible.ts";

/** The provider for a config's `provider` field: the one place a new wire format is registered. */
export function createLlmProvider(name: LlmProviderName, parameters: LlmProviderParameters): LlmProvider {
  switch (name) {
    case "openai-compatible":
      return createOpenAiCompatibleProvider(parameters);
    case "anthropic":
      return createAnthropicMessagesProvider(parameters);
  }
}
