import type { Fixed } from "../money/fixed.ts";
import type { Denial } from "./denial.ts";
import type { EntrantStatus } from "./entrantStatus.ts";
import type { Fill } from "./fill.ts";
import type { Order, StopLossUpdate } from "./order.ts";
import type { RiskEvent } from "./riskEvent.ts";

/** Why positions were closed by force. */
export type LiquidationReason = "seasonDrawdown" | "hardStop" | "valueAtRisk" | "statusChange";

type RecordHead = {
  /** Round index in the dataset's timeline. */
  round: number;
  /** Unix seconds of the round's bar open. */
  time: number;
  entrantId: string;
};

/**
 * Everything that happens to an entrant in a round, in order: the list of records a round commits
 * (a later issue Merkle-izes them). Every record is JSON-safe for canonicalJson: plain objects,
 * numbers, strings, booleans and bigints (written as decimal strings of 8-decimal units).
 */
export type RoundRecord =
  | (RecordHead & { type: "orderFilled"; order: Order; fill: Fill })
  | (RecordHead & { type: "orderCancelled"; order: Order; denial: Denial })
  | (RecordHead & { type: "stopLossUpdated"; update: StopLossUpdate; previousStopLoss: Fixed | undefined })
  | (RecordHead & { type: "stopLossUpdateDenied"; update: StopLossUpdate; denial: Denial })
  | (RecordHead & { type: "riskEvent"; event: RiskEvent })
  | (RecordHead & { type: "forcedLiquidation"; reason: LiquidationReason; fills: readonly Fill[] })
  | (RecordHead & { type: "statusChanged"; from: EntrantStatus; to: EntrantStatus })
  | (RecordHead & {
      type: "mark";
      equity: Fixed;
      cash: Fixed;
      unrealizedPnl: Fixed;
      realizedPnl: Fixed;
      feesPaid: Fixed;
      status: EntrantStatus;
    });

export type RoundRecordType = RoundRecord["type"];
