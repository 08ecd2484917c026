import type { Order, StopLossUpdate } from "../domain/order.ts";
import type { AgentExchange } from "./agentExchange.ts";
import type { NoTradeReasonCode } from "./noTradeReason.ts";
import type { RoundObservation } from "./roundObservation.ts";

/**
 * What an agent decided in a round. A decision is data: a reply the engine could not use is a
 * "no-trade" decision carrying the reason, never an exception (the season keeps running).
 * - "trade": at least one order or stop-loss update;
 * - "hold": a valid reply that asks for nothing;
 * - "no-trade": the agent could not decide (HTTP error, timeout, malformed or unsafe reply, ...).
 */
export type AgentDecision = {
  orders: Order[];
  stopLossUpdates: StopLossUpdate[];
  /** The agent's reasoning text, kept for the Agent Quality Index (seed 003). Empty when none. */
  reasoning: string;
  outcome: "trade" | "hold" | "no-trade";
  /** Present exactly when the outcome is "no-trade". */
  noTradeReason?: { code: NoTradeReasonCode; detail: string };
  /**
   * Operational metadata: wall-clock dependent, so it is kept out of committed records (the decision
   * log stores it apart, see decisionLog.ts).
   */
  usage?: AgentUsage;
  /** Every model call behind the decision (prompt and reply), in step order; absent for bots. */
  exchanges?: AgentExchange[];
};

/** Tokens, latency and HTTP attempts of one decision (summed over every model call). */
export type AgentUsage = {
  inputTokens: number;
  outputTokens: number;
  /** Milliseconds from the injected clock, from the start to the end of `decide`. */
  latencyMs: number;
  /** HTTP attempts, retries included. */
  attempts: number;
};

/**
 * The interface the season loop calls once per round for each entrant. Implementations: LLM agents
 * (llmAgent.ts), team pipelines (teamPipeline.ts), built-in bots, and replays of recorded decisions
 * (replayAgent.ts). `decide` must not throw for anything the agent's counterpart (a model, an
 * endpoint) did: such failures are no-trade decisions.
 */
export type Agent = {
  id: string;
  decide(observation: RoundObservation): Promise<AgentDecision>;
};
