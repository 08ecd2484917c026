import type { Hex } from "viem";
import type { AgentDecision } from "../agents/agent.ts";
import type { ConductDenial, ConductOutcome } from "../conduct/conductOutcome.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";

type RecordHead = {
  /** Round index in the dataset's timeline. */
  round: number;
  /** Unix seconds of the round's bar open. */
  time: number;
  entrantId: string;
};

/** Why a round produced no usable decision, beyond the agents' own no-trade codes (agents/noTradeReason.ts). */
export type SeasonNoTradeCode =
  /** `decide` threw (or its promise rejected): the agent's own bug. */
  | "AGENT_ERROR"
  /** `decide` returned something that is not an AgentDecision. */
  | "INVALID_DECISION";

/**
 * What an agent decided in a round: the committed input of the round (an auditor replays the season
 * from these, no model is called). Recorded for every decision except a silent hold (outcome
 * "hold", no orders, no stop updates, no reasoning), which is what an absent record means.
 * Usage (tokens, latency) is wall-clock dependent and never recorded here.
 */
export type SeasonDecisionRecord = PublicSeasonDecisionRecord | PrivateSeasonDecisionRecord;

type DecisionRecordHead = RecordHead & {
  type: "decision";
  outcome: AgentDecision["outcome"];
  orders: readonly Order[];
  stopLossUpdates: readonly StopLossUpdate[];
};

/** A public entrant's decision: in full, reasoning and no-trade detail included. */
export type PublicSeasonDecisionRecord = DecisionRecordHead & {
  reasoning: string;
  noTradeReason?: { code: string; detail: string };
};

/**
 * A private entrant's decision (seed 000: private sessions): everything replay needs (orders, stop
 * updates, outcome, reason code) and keccak256 hashes of the canonical JSON of its texts instead of
 * the texts. `quality` holds what the Agent Quality Index counted in the reasoning, so that a resumed
 * season scores the entrant as the original run did; nobody without the text can check it.
 */
export type PrivateSeasonDecisionRecord = DecisionRecordHead & {
  visibility: "private";
  reasoningHash: Hex;
  quality: { reasoningSteps: number; indicators: string[] };
  noTradeReason?: { code: string; detailHash: Hex };
};

/** An order or stop-loss change refused by a banned-strategy rule the season enforces with "deny" (status CANCELLED). */
export type ConductDeniedRecord = RecordHead & {
  type: "conductDenied";
  request: { kind: "order"; order: Order } | { kind: "stopLossUpdate"; update: StopLossUpdate };
  denial: ConductDenial;
};

/** A conduct decision about the entrant: a disqualification during the season or at settlement, a forfeit, a flag. */
export type ConductOutcomeRecord = RecordHead & { type: "conductOutcome"; outcome: ConductOutcome };

/** Everything that happens to an entrant in a round: the risk engine's records plus the season's own. */
export type SeasonRecord = RoundRecord | SeasonDecisionRecord | ConductDeniedRecord | ConductOutcomeRecord;
