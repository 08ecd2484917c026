import { type Hex, keccak256, stringToBytes } from "viem";
import type { AgentDecision } from "../agents/agent.ts";
import { callProblemCodes } from "../agents/noTradeReason.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { DecisionOutcome } from "../conduct/agentActivity.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import { indicatorMentions } from "../scoring/indicatorMentions.ts";
import { reasoningSteps } from "../scoring/reasoningSteps.ts";
import type { SeasonNoTradeCode } from "./seasonRecord.ts";

/** The parts of a decision a round commits (usage and model exchanges are left out: they are not inputs of the rules). */
export type CommittedDecision = {
  outcome: AgentDecision["outcome"];
  orders: Order[];
  stopLossUpdates: StopLossUpdate[];
  reasoning: string;
  noTradeReason?: { code: string; detail: string };
  /**
   * Set on a decision read back from a private entrant's record: its texts are withheld (reasoning
   * and detail are empty), their hashes and the Agent Quality Index inputs counted from the text remain.
   */
  withheld?: WithheldText;
};

/** What a private entrant's record keeps of its texts: hashes, and what the Agent Quality Index counted in the reasoning. */
export type WithheldText = {
  /** keccak256 of the canonical JSON of the reasoning text. */
  reasoningHash: Hex;
  /** keccak256 of the canonical JSON of the no-trade detail, when there is a no-trade reason. */
  detailHash?: Hex;
  /** reasoningSteps(reasoning) and indicatorMentions(reasoning) (scoring/): the AQI's text inputs. */
  reasoningSteps: number;
  indicators: string[];
};

/** keccak256 of the canonical JSON of a text (the hash the decision log publishes for private agents too). */
export function textHash(text: string): Hex {
  return keccak256(stringToBytes(canonicalJson(text)));
}

/** The withheld form of a decision's texts (a decision read back from a private record already carries it). */
export function withheldText(decision: CommittedDecision): WithheldText {
  if (decision.withheld !== undefined) return decision.withheld;
  const withheld: WithheldText = {
    reasoningHash: textHash(decision.reasoning),
    reasoningSteps: reasoningSteps(decision.reasoning),
    indicators: indicatorMentions(decision.reasoning),
  };
  if (decision.noTradeReason !== undefined) withheld.detailHash = textHash(decision.noTradeReason.detail);
  return withheld;
}

const outcomes = new Set(["trade", "hold", "no-trade"]);
const orderFields = ["clientOrderId", "symbol", "side", "quantity", "notional", "leverage", "stopLoss"] as const;
const updateFields = ["clientOrderId", "symbol", "stopLoss"] as const;
const bigintFields = new Set(["quantity", "notional", "stopLoss"]);

/** A decision that failed before the rules could see it. */
export function failedDecision(code: SeasonNoTradeCode, detail: string): CommittedDecision {
  return { outcome: "no-trade", orders: [], stopLossUpdates: [], reasoning: "", noTradeReason: { code, detail } };
}

/**
 * The committed form of what an agent returned: the known fields only, with values canonical JSON
 * can write (agents are LLMs: an odd value is kept as text, and the rules then refuse the order).
 * Anything that is not an AgentDecision becomes an INVALID_DECISION no-trade.
 */
export function commitDecision(value: unknown): CommittedDecision {
  if (typeof value !== "object" || value === null) return failedDecision("INVALID_DECISION", `got ${typeof value}`);
  const decision = value as Partial<AgentDecision>;
  const problems: string[] = [];
  if (!outcomes.has(decision.outcome as string)) problems.push(`outcome is ${String(decision.outcome)}`);
  if (!Array.isArray(decision.orders)) problems.push("orders is not an array");
  if (!Array.isArray(decision.stopLossUpdates)) problems.push("stopLossUpdates is not an array");
  if (decision.reasoning !== undefined && typeof decision.reasoning !== "string")
    problems.push("reasoning is not text");
  if (problems.length > 0) return failedDecision("INVALID_DECISION", problems.join("; "));
  const committed: CommittedDecision = {
    outcome: decision.outcome as AgentDecision["outcome"],
    orders: (decision.orders as unknown[]).map((order) => pick(order, orderFields) as Order),
    stopLossUpdates: (decision.stopLossUpdates as unknown[]).map(
      (update) => pick(update, updateFields) as StopLossUpdate,
    ),
    reasoning: decision.reasoning ?? "",
  };
  const reason = decision.noTradeReason;
  if (reason !== undefined && typeof reason === "object" && reason !== null)
    committed.noTradeReason = { code: String(reason.code), detail: String(reason.detail) };
  return committed;
}

/** A hold with nothing in it: not recorded (an absent decision record means exactly this). */
export function isSilentHold(decision: CommittedDecision): boolean {
  return (
    decision.outcome === "hold" &&
    decision.orders.length === 0 &&
    decision.stopLossUpdates.length === 0 &&
    decision.reasoning === "" &&
    decision.noTradeReason === undefined &&
    decision.withheld === undefined
  );
}

export const SILENT_HOLD: CommittedDecision = Object.freeze({
  outcome: "hold",
  orders: [],
  stopLossUpdates: [],
  reasoning: "",
}) as CommittedDecision;

const callProblems = new Set<string>([...callProblemCodes, "AGENT_ERROR"]);

/**
 * What the decision counts as for seed 003's active hours: a trade or an explicit hold is a valid
 * decision; a reply the engine could not use is invalid; no reply (a failed call, an agent error)
 * is missing.
 */
export function activityOutcome(decision: CommittedDecision): DecisionOutcome {
  if (decision.outcome === "trade") return "orders";
  if (decision.outcome === "hold") return "hold";
  return callProblems.has(decision.noTradeReason?.code ?? "") ? "missing" : "invalid";
}

/**
 * Reads a decision back from a persisted decision record (parsed JSON: bigints are decimal strings),
 * for replaying a round. The inverse of `commitDecision` for every decision built by agents/ (whose
 * amounts are bigints).
 */
export function decisionFromRecord(record: Record<string, unknown>): CommittedDecision {
  const revive = (item: unknown) => {
    if (typeof item !== "object" || item === null) return item;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      out[key] = bigintFields.has(key) && typeof value === "string" && /^-?\d+$/.test(value) ? BigInt(value) : value;
    }
    return out;
  };
  const decision: CommittedDecision = {
    outcome: record.outcome as AgentDecision["outcome"],
    orders: ((record.orders as unknown[]) ?? []).map(revive) as Order[],
    stopLossUpdates: ((record.stopLossUpdates as unknown[]) ?? []).map(revive) as StopLossUpdate[],
    reasoning: typeof record.reasoning === "string" ? record.reasoning : "",
  };
  const reason = record.noTradeReason as { code: string; detail?: string; detailHash?: Hex } | undefined;
  if (reason !== undefined) decision.noTradeReason = { code: reason.code, detail: reason.detail ?? "" };
  if (typeof record.reasoningHash === "string") {
    // A private entrant's record: the texts were never published, replay needs only the orders.
    const quality = record.quality as { reasoningSteps?: unknown; indicators?: unknown } | undefined;
    const withheld: WithheldText = {
      reasoningHash: record.reasoningHash as Hex,
      reasoningSteps: typeof quality?.reasoningSteps === "number" ? quality.reasoningSteps : 0,
      indicators: Array.isArray(quality?.indicators) ? quality.indicators.map(String) : [],
    };
    if (reason?.detailHash !== undefined) withheld.detailHash = reason.detailHash;
    decision.withheld = withheld;
  }
  return decision;
}

function pick(value: unknown, fields: readonly string[]): unknown {
  if (typeof value !== "object" || value === null) return { invalid: String(value) };
  const out: Record<string, unknown> = {};
  for (const key of fields) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    const safe =
      typeof field === "string" ||
      typeof field === "bigint" ||
      typeof field === "boolean" ||
      (typeof field === "number" && Number.isFinite(field));
    out[key] = safe ? field : String(field);
  }
  return out;
}
