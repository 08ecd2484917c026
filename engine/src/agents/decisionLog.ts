import { type Hex, keccak256, stringToBytes } from "viem";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import type { AgentDecision, AgentUsage } from "./agent.ts";
import type { AgentVisibility } from "./agentConfig.ts";
import type { AgentExchange } from "./agentExchange.ts";
import type { NoTradeReason, NoTradeReasonCode } from "./noTradeReason.ts";

export const DECISION_LOG_FORMAT = "podium.decision-log/1";

/**
 * One round's decision as the (private) decision log keeps it: everything needed to replay the
 * round (orders and stop updates) and to audit it (every prompt and reply of the agent's pipeline,
 * the reasoning, why nothing was traded). No wall-clock data: the same decision always gives the
 * same bytes.
 */
export type DecisionRecord = {
  agentId: string;
  round: number;
  time: number;
  outcome: AgentDecision["outcome"];
  orders: Order[];
  stopLossUpdates: StopLossUpdate[];
  reasoning: string;
  noTradeReason?: NoTradeReason;
  exchanges: AgentExchange[];
};

/** An exchange of a private agent as published: the step, and keccak256 hashes instead of texts. */
export type HashedExchange = {
  step: number;
  role: string;
  asset?: string;
  debateRound?: number;
  /** keccak256 of the canonical JSON of the prompt `{ system, user }`. */
  promptHash: Hex;
  /** keccak256 of the canonical JSON of the reply text; null when no reply arrived. */
  replyHash: Hex | null;
  failureCode?: NoTradeReasonCode;
};

/**
 * A private agent's record as published (seed 000: private sessions): what the engine needs to
 * replay the round, in full, and hashes of everything the agent's owner keeps private. Anyone
 * holding the private log can check it against these hashes (publicDecisionRecord recomputes them).
 */
export type PrivateAgentPublicRecord = {
  visibility: "private";
  agentId: string;
  round: number;
  time: number;
  outcome: AgentDecision["outcome"];
  orders: Order[];
  stopLossUpdates: StopLossUpdate[];
  noTradeCode?: NoTradeReasonCode;
  /** keccak256 of the canonical JSON of the reasoning text. */
  reasoningHash: Hex;
  exchanges: HashedExchange[];
  /** keccak256 of the canonical JSON of the whole private DecisionRecord. */
  recordHash: Hex;
};

export type PublicDecisionRecord = (DecisionRecord & { visibility: "public" }) | PrivateAgentPublicRecord;

/** Operational metadata of a round (latency, tokens, attempts): outside every committed record. */
export type DecisionMetadata = { agentId: string; round: number; usage?: AgentUsage };

export type DecisionLogArtifact<TRecord> = {
  format: typeof DECISION_LOG_FORMAT;
  agentId: string;
  visibility: AgentVisibility;
  records: TRecord[];
};

const hashOf = (value: unknown): Hex => keccak256(stringToBytes(canonicalJson(value)));

/** The record of a decision at a round (the decision's usage goes to DecisionMetadata instead). */
export function decisionRecord(
  agentId: string,
  at: { round: number; time: number },
  decision: AgentDecision,
): DecisionRecord {
  const record: DecisionRecord = {
    agentId,
    round: at.round,
    time: at.time,
    outcome: decision.outcome,
    orders: decision.orders,
    stopLossUpdates: decision.stopLossUpdates,
    reasoning: decision.reasoning,
    exchanges: decision.exchanges ?? [],
  };
  if (decision.noTradeReason !== undefined) record.noTradeReason = decision.noTradeReason;
  return record;
}

/** What the public artifact holds for a record: all of it for a public agent; hashes of the texts for a private one. */
export function publicDecisionRecord(record: DecisionRecord, visibility: AgentVisibility): PublicDecisionRecord {
  if (visibility === "public") return { visibility, ...record };
  const published: PrivateAgentPublicRecord = {
    visibility,
    agentId: record.agentId,
    round: record.round,
    time: record.time,
    outcome: record.outcome,
    orders: record.orders,
    stopLossUpdates: record.stopLossUpdates,
    reasoningHash: hashOf(record.reasoning),
    exchanges: record.exchanges.map((exchange) => {
      const hashed: HashedExchange = {
        step: exchange.step,
        role: exchange.role,
        promptHash: hashOf(exchange.prompt),
        replyHash: exchange.reply === null ? null : hashOf(exchange.reply),
      };
      if (exchange.asset !== undefined) hashed.asset = exchange.asset;
      if (exchange.debateRound !== undefined) hashed.debateRound = exchange.debateRound;
      if (exchange.failure !== undefined) hashed.failureCode = exchange.failure.code;
      return hashed;
    }),
    recordHash: hashOf(record),
  };
  if (record.noTradeReason !== undefined) published.noTradeCode = record.noTradeReason.code;
  return published;
}

export type DecisionLog = {
  readonly agentId: string;
  readonly visibility: AgentVisibility;
  /** Records a round's decision; a round may be recorded once. */
  record(at: { round: number; time: number }, decision: AgentDecision): DecisionRecord;
  readonly records: readonly DecisionRecord[];
  readonly metadata: readonly DecisionMetadata[];
  /** The full log (every prompt and reply): kept by the operator, never published for a private agent. */
  privateArtifact(): DecisionLogArtifact<DecisionRecord>;
  /** The log as published: in full for a public agent, texts replaced by hashes for a private one. */
  publicArtifact(): DecisionLogArtifact<PublicDecisionRecord>;
};

/**
 * The decision log of one agent for a season: every decision with its round, in round order, so
 * that the season replays from the log alone (replayAgent.ts). Write artifacts with canonicalJson
 * and read them back with readDecisionLog.
 */
export function createDecisionLog({
  agentId,
  visibility,
}: {
  agentId: string;
  visibility: AgentVisibility;
}): DecisionLog {
  const records: DecisionRecord[] = [];
  const metadata: DecisionMetadata[] = [];
  return {
    agentId,
    visibility,
    records,
    metadata,
    record(at, decision) {
      const last = records.at(-1);
      if (last !== undefined && at.round <= last.round)
        throw new RangeError(
          `decision log of ${agentId}: round ${at.round} recorded after round ${last.round}; record each round once, in order`,
        );
      const record = decisionRecord(agentId, at, decision);
      records.push(record);
      metadata.push(
        decision.usage === undefined
          ? { agentId, round: at.round }
          : { agentId, round: at.round, usage: decision.usage },
      );
      return record;
    },
    privateArtifact: () => ({ format: DECISION_LOG_FORMAT, agentId, visibility, records: [...records] }),
    publicArtifact: () => ({
      format: DECISION_LOG_FORMAT,
      agentId,
      visibility,
      records: records.map((record) => publicDecisionRecord(record, visibility)),
    }),
  };
}
