import type { NoTradeReason } from "./noTradeReason.ts";

/** The two messages of a model call: the platform's system message and the round's user message. */
export type AgentPrompt = { system: string; user: string };

/**
 * One model call of a decision, as the decision log keeps it: which step of the agent's pipeline,
 * what was asked and what came back (the reply text exactly as parsed), or why nothing usable came
 * back. Wall-clock figures (latency, attempts) are not here: they are metadata (see AgentUsage).
 */
export type AgentExchange = {
  /** Position in the decision's pipeline, from 0, in a fixed order (never completion order). */
  step: number;
  /** "trader" for a single agent; "analyst:<name>", "bull", "bear", "risk-manager", "portfolio-manager" in a team. */
  role: string;
  /** The asset a per-asset step is about (the bull/bear debate). */
  asset?: string;
  /** 1-based debate round of a bull/bear step. */
  debateRound?: number;
  prompt: AgentPrompt;
  /** The reply text (the JSON of a structured reply, the text of a free-form one); null when none arrived. */
  reply: string | null;
  /** Why the step produced nothing usable; absent when it did. */
  failure?: NoTradeReason;
};
