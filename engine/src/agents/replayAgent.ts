import { PodiumError } from "../errors/podiumError.ts";
import { formatUtcTime } from "../market/parseUtcTime.ts";
import type { Agent, AgentDecision } from "./agent.ts";
import type { DecisionRecord, PublicDecisionRecord } from "./decisionLog.ts";

export type ReplayRoundMissingErrorType = ReplayRoundMissingError;

/** The log has no decision for the round the season asks about. */
export class ReplayRoundMissingError extends PodiumError {
  override name = "ReplayRoundMissingError";
  readonly round: number;
  constructor(agentId: string, round: number, recorded: readonly number[]) {
    super(`No recorded decision of ${agentId} for round ${round}.`, {
      details:
        recorded.length === 0
          ? "the log is empty"
          : `the log holds rounds ${recorded[0]} to ${recorded.at(-1)} (${recorded.length} decisions)`,
      hint: "Replay with the decision log of the same season and entrant, complete up to the round replayed.",
    });
    this.round = round;
  }
}

export type ReplayTimeMismatchErrorType = ReplayTimeMismatchError;

/** The round exists in the log but at another time: the log belongs to another dataset or season. */
export class ReplayTimeMismatchError extends PodiumError {
  override name = "ReplayTimeMismatchError";
  constructor(agentId: string, round: number, recordedTime: number, time: number) {
    super(
      `The decision of ${agentId} for round ${round} was recorded at ${formatUtcTime(recordedTime)}, but the season's round is at ${formatUtcTime(time)}.`,
      {
        hint: "The log was written for another dataset: replay with the season's own rules and dataset.",
      },
    );
  }
}

export type CreateReplayAgentParameters = {
  id: string;
  /** Records from a private or a public decision log (readDecisionLog). */
  records: readonly (DecisionRecord | PublicDecisionRecord)[];
};

const WITHHELD = "withheld: private agent (see the record's hashes)";

/**
 * An agent that returns the recorded decisions: a season replays from its decision logs alone, no
 * model called. Orders and stop updates are returned exactly as recorded; for a private agent's
 * public record the reasoning is empty and a no-trade's detail is withheld (only hashes are public).
 * Asking for a round the log does not hold, or at another time, is an error: a replay must never
 * quietly diverge from the season it claims to reproduce.
 */
export function createReplayAgent({ id, records }: CreateReplayAgentParameters): Agent {
  const byRound = new Map(records.map((record) => [record.round, record]));
  const rounds = records.map((record) => record.round);
  return {
    id,
    async decide(observation) {
      const record = byRound.get(observation.round);
      if (record === undefined) throw new ReplayRoundMissingError(id, observation.round, rounds);
      if (record.time !== observation.time)
        throw new ReplayTimeMismatchError(id, observation.round, record.time, observation.time);
      const decision: AgentDecision = {
        orders: record.orders.map((order) => ({ ...order })),
        stopLossUpdates: record.stopLossUpdates.map((update) => ({ ...update })),
        reasoning: "reasoning" in record ? record.reasoning : "",
        outcome: record.outcome,
      };
      if ("noTradeReason" in record && record.noTradeReason !== undefined)
        decision.noTradeReason = { ...record.noTradeReason };
      else if ("noTradeCode" in record && record.noTradeCode !== undefined)
        decision.noTradeReason = { code: record.noTradeCode, detail: WITHHELD };
      return decision;
    },
  };
}
