import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";

/**
 * What the season loop calls once per round for each entrant still in the season. Every `Agent`
 * (agents/agent.ts: LLM agents, team pipelines, replays) is a SeasonAgent; built-in bots are
 * SeasonAgents whose `decide` answers synchronously, so the loop never allocates a Promise for them
 * (it awaits only what is a thenable).
 */
export type SeasonAgent = {
  readonly id: string;
  decide(observation: RoundObservation): AgentDecision | PromiseLike<AgentDecision>;
  /**
   * True when `decide` is a pure function of the observations the agent has been given (the built-in
   * bots): when a season is resumed from its persisted rounds, such an agent is asked again (which
   * rebuilds its state) instead of being fed its recorded decisions. Such an agent also promises to
   * read its observation only while `decide` runs and never keep it: its portfolio and risk budget
   * are computed when first read, and the season hands such agents one observation object, reset
   * for each entrant and round (no allocation per agent-round). Default false (LLM agents: their observations are completed before the round goes on).
   */
  readonly deterministic?: boolean;
  /**
   * The hash of the config the agent runs with at a round (seed 003's config freeze). Absent: the
   * entrant's `configHash` for the whole season.
   */
  configHashAt?(round: number): string;
};

/** Whether a value is a thenable (a Promise or any PromiseLike): only those are awaited. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
