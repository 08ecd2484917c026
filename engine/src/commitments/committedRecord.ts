import type { RoundRecord } from "../domain/roundRecord.ts";
import type { ConductDeniedRecord, ConductOutcomeRecord, SeasonRecord } from "../season/seasonRecord.ts";

/**
 * A record a round commits, one leaf each: the risk engine's records (orders with their outcome,
 * fills, stop-loss changes, risk events, forced liquidations, status changes, marks) and the
 * season's conduct records (an order or stop change refused by a banned-strategy rule, a flag,
 * disqualification or forfeit with its evidence). Decision records go to the artifact's `decisions`.
 */
export type CommittedRecord = RoundRecord | ConductDeniedRecord | ConductOutcomeRecord;

export type CommittedRecordType = CommittedRecord["type"];

// A record of every type, no other: the compiler checks the list against the union.
const committed: Readonly<Record<CommittedRecordType, true>> = {
  orderFilled: true,
  orderCancelled: true,
  stopLossUpdated: true,
  stopLossUpdateDenied: true,
  riskEvent: true,
  forcedLiquidation: true,
  statusChanged: true,
  mark: true,
  conductDenied: true,
  conductOutcome: true,
};

/** Every committed record type, in the order of docs/commitments.md's table. */
export const committedRecordTypes = Object.keys(committed) as readonly CommittedRecordType[];

/** Whether a season record has a leaf in the round's records tree (every type but `decision`). */
export function isCommittedRecord(record: SeasonRecord): record is CommittedRecord {
  return Object.hasOwn(committed, record.type);
}
