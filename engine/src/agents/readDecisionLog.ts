import type { Order, StopLossUpdate } from "../domain/order.ts";
import { PodiumError } from "../errors/podiumError.ts";
import { agentVisibilities } from "./agentConfig.ts";
import {
  DECISION_LOG_FORMAT,
  type DecisionLogArtifact,
  type DecisionRecord,
  type PublicDecisionRecord,
} from "./decisionLog.ts";

export type InvalidDecisionLogErrorType = InvalidDecisionLogError;

export class InvalidDecisionLogError extends PodiumError {
  override name = "InvalidDecisionLogError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid decision log: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, {
      details: problems.slice(0, 20).join("; "),
      hint: `A decision log is the canonical JSON written from createDecisionLog's privateArtifact() or publicArtifact() (format "${DECISION_LOG_FORMAT}").`,
    });
    this.problems = problems;
  }
}

const integerText = /^-?\d+$/;
const outcomes = new Set(["trade", "hold", "no-trade"]);

/**
 * Reads a decision log artifact (its canonical JSON text, or the parsed value) back into records,
 * turning the fixed-point amounts of orders and stop updates (written as decimal strings of 8-decimal
 * units) back into bigints. Checks what replay relies on and lists every problem at once.
 */
export function readDecisionLog(input: string | unknown): DecisionLogArtifact<DecisionRecord | PublicDecisionRecord> {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new InvalidDecisionLogError([`not JSON: ${(error as Error).message}`]);
    }
  }
  const problems: string[] = [];
  const log = value as Record<string, unknown> | null;
  if (typeof log !== "object" || log === null || Array.isArray(log))
    throw new InvalidDecisionLogError(["the log must be a JSON object"]);
  if (log.format !== DECISION_LOG_FORMAT)
    problems.push(`format must be "${DECISION_LOG_FORMAT}", got ${JSON.stringify(log.format)}`);
  if (typeof log.agentId !== "string") problems.push("agentId must be a string");
  if (!(agentVisibilities as readonly unknown[]).includes(log.visibility))
    problems.push(`visibility must be "public" or "private"`);
  if (!Array.isArray(log.records)) problems.push("records must be an array");
  const records: (DecisionRecord | PublicDecisionRecord)[] = [];
  const amount = (raw: unknown, where: string): bigint | undefined => {
    if (raw === undefined) return undefined;
    if (typeof raw === "string" && integerText.test(raw)) return BigInt(raw);
    problems.push(`${where} must be a decimal string of 8-decimal units, got ${JSON.stringify(raw)}`);
    return undefined;
  };
  let previousRound = Number.NEGATIVE_INFINITY;
  for (const [i, raw] of (Array.isArray(log.records) ? log.records : []).entries()) {
    const where = `records[${i}]`;
    if (typeof raw !== "object" || raw === null) {
      problems.push(`${where} must be an object`);
      continue;
    }
    const record = raw as Record<string, unknown>;
    if (!Number.isInteger(record.round) || (record.round as number) <= previousRound)
      problems.push(
        `${where}.round must be an integer above the previous record's, got ${JSON.stringify(record.round)}`,
      );
    else previousRound = record.round as number;
    if (!Number.isInteger(record.time)) problems.push(`${where}.time must be an integer (unix seconds)`);
    if (!outcomes.has(record.outcome as string)) problems.push(`${where}.outcome must be trade, hold or no-trade`);
    if (!Array.isArray(record.orders) || !Array.isArray(record.stopLossUpdates)) {
      problems.push(`${where}: orders and stopLossUpdates must be arrays`);
      continue;
    }
    const orders = record.orders.map((o: Record<string, unknown>, j: number) => {
      const order = { ...o } as Record<string, unknown>;
      for (const field of ["quantity", "notional", "stopLoss"]) {
        const parsed = amount(o[field], `${where}.orders[${j}].${field}`);
        if (parsed !== undefined) order[field] = parsed;
      }
      return order as unknown as Order;
    });
    const stopLossUpdates = record.stopLossUpdates.map((u: Record<string, unknown>, j: number) => {
      const update = { ...u } as Record<string, unknown>;
      const parsed = amount(u.stopLoss, `${where}.stopLossUpdates[${j}].stopLoss`);
      if (parsed !== undefined) update.stopLoss = parsed;
      return update as unknown as StopLossUpdate;
    });
    records.push({ ...record, orders, stopLossUpdates } as unknown as DecisionRecord | PublicDecisionRecord);
  }
  if (problems.length > 0) throw new InvalidDecisionLogError(problems);
  return {
    format: DECISION_LOG_FORMAT,
    agentId: log.agentId as string,
    visibility: log.visibility as DecisionLogArtifact<DecisionRecord>["visibility"],
    records,
  };
}
