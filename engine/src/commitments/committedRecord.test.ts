import { describe, expect, it } from "vitest";
import type { SeasonRecord } from "../season/seasonRecord.ts";
import { committedRecordTypes, isCommittedRecord } from "./committedRecord.ts";
import { fixtureRecords } from "./testing/roundFixture.ts";

describe("isCommittedRecord", () => {
  it("commits every record but the agents' decisions (those are the artifact's decisions)", () => {
    const decision: SeasonRecord = {
      type: "decision",
      round: 24,
      time: 1_704_153_600,
      entrantId: "alpha",
      outcome: "hold",
      orders: [],
      stopLossUpdates: [],
      reasoning: "Nothing to do.",
    };
    expect(isCommittedRecord(decision)).toBe(false);
    expect(fixtureRecords.every(isCommittedRecord)).toBe(true);
  });

  it("lists the conduct records next to the risk engine's (docs/commitments.md's table)", () => {
    expect(committedRecordTypes).toEqual([
      "orderFilled",
      "orderCancelled",
      "stopLossUpdated",
      "stopLossUpdateDenied",
      "riskEvent",
      "forcedLiquidation",
      "statusChanged",
      "mark",
      "conductDenied",
      "conductOutcome",
    ]);
  });
});
