import type { AgentDecision } from "./agent.ts";
import { noTradeDecision } from "./noTradeReason.ts";
import { type ParseDecisionReplyParameters, parseDecisionReply } from "./parseDecisionReply.ts";
import type { LlmReply } from "./providers/llmProvider.ts";

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 297)}...` : text);

/**
 * The decision behind a 2xx reply: a refusal, a reply cut off at the token limit, or no content at
 * all are no-trades; anything else goes through parseDecisionReply (the tool input as decoded JSON,
 * or the message text).
 */
export function decisionFromLlmReply(
  reply: LlmReply,
  parameters: Omit<ParseDecisionReplyParameters, "reply">,
): AgentDecision {
  if (reply.finish === "refusal")
    return noTradeDecision("REFUSAL", `the model declined: ${clip(reply.refusal ?? reply.text ?? "no message")}`);
  if (reply.finish === "length")
    return noTradeDecision(
      "TRUNCATED_REPLY",
      `the reply stopped at the token limit after ${reply.outputTokens} tokens`,
    );
  if (reply.json !== undefined)
    return parseDecisionReply({ ...parameters, reply: { kind: "json", value: reply.json } });
  if (reply.text === null || reply.text.trim() === "")
    return noTradeDecision("EMPTY_REPLY", "the model returned no content (no text and no decision tool call)");
  return parseDecisionReply({ ...parameters, reply: { kind: "text", text: reply.text } });
}
