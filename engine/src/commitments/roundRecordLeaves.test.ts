import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type AbiParameter, encodeAbiParameters, keccak256, stringToBytes, stringToHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { type KeccakHasher, keccakHasher } from "../merkle/keccakHasher.ts";
import { type CommittedRecord, committedRecordTypes } from "./committedRecord.ts";
import {
  buildRoundRecordsTree,
  ROUND_RECORD_LEAF_TYPES,
  type RoundRecordLeavesParameters,
  recordKeyFields,
  roundRecordLeaves,
} from "./roundRecordLeaves.ts";
import { ZERO_BYTES32 } from "./shortTextBytes32.ts";
import { fixtureDomain, fixtureRecords } from "./testing/roundFixture.ts";

let hasher: KeccakHasher;
beforeAll(async () => {
  hasher = await keccakHasher();
});

const entrantIndexOf = new Map([
  ["alpha", 0],
  ["beta", 2],
]);
const parameters = (records: readonly CommittedRecord[] = fixtureRecords): RoundRecordLeavesParameters => ({
  domain: fixtureDomain,
  roundIndex: 3,
  records,
  entrantIndexOf,
});
const text32 = (text: string) => stringToHex(text, { size: 32 });
const abiTypes = ROUND_RECORD_LEAF_TYPES.map((type): AbiParameter => ({ type }));

describe("recordKeyFields", () => {
  // docs/commitments.md, "Round record leaves": the symbol and detail of each record type.
  it.each([
    [0, "orderFilled", "BTC", "FILLED"],
    [1, "orderCancelled", "ETH", "POSITION_CAP_EXCEEDED"],
    [2, "stopLossUpdated", "BTC", "UPDATED"],
    [3, "stopLossUpdateDenied", "BTC", "STOP_LOSS_WIDENED"],
    [4, "riskEvent", "ETH", "stopLossTriggered"],
    [5, "riskEvent", "", "dailyDrawdownPause"],
    [6, "forcedLiquidation", "", "seasonDrawdown"],
    [7, "statusChanged", "", "terminated"],
    [8, "mark", "", "active"],
    [9, "conductDenied", "BTC", "stop-loss-widening"],
    [10, "conductOutcome", "", "wash-trading"],
  ])("record %i (%s) has symbol %j and detail %s", (index, type, symbol, detail) => {
    const record = fixtureRecords[index] as CommittedRecord;
    expect(record.type).toBe(type);
    expect(recordKeyFields(record)).toEqual({ symbol, detail });
  });

  it("covers every committed record type", () => {
    expect(new Set(fixtureRecords.map((record) => record.type))).toEqual(new Set(committedRecordTypes));
  });

  it("refuses a conduct denial that names no rule", () => {
    const record = fixtureRecords[9] as CommittedRecord & { type: "conductDenied" };
    expect(() => recordKeyFields({ ...record, denial: { ...record.denial, rules: [] } })).toThrow(
      "a conductDenied record names no rule",
    );
  });
});

describe("roundRecordLeaves", () => {
  it("writes the domain, indices, key fields and the record's canonical JSON digest", () => {
    const leaves = roundRecordLeaves(hasher, parameters());
    expect(leaves).toHaveLength(fixtureRecords.length);
    // Record 1 is beta's (entrant index 2) cancelled ETH order; the digest is recomputed with viem.
    expect(leaves[1]).toEqual([
      31_337n,
      "0x5fbdb2315678afecb367f032d93f642f64180aa3",
      1n,
      3n,
      2n,
      1n,
      text32("orderCancelled"),
      text32("ETH"),
      text32("POSITION_CAP_EXCEEDED"),
      keccak256(stringToBytes(canonicalJson(fixtureRecords[1]))),
    ]);
    // "ETH" is 0x45 0x54 0x48 left-aligned (ASCII).
    expect(leaves[1]?.[7]).toBe(`0x455448${"00".repeat(29)}`);
    expect(leaves.map((leaf) => leaf[5])).toEqual(fixtureRecords.map((_, i) => BigInt(i)));
  });

  it("builds OZ's StandardMerkleTree: same root, and leaf = keccak256(keccak256(abi.encode(values)))", () => {
    const { root, tree } = buildRoundRecordsTree(hasher, parameters());
    const leaves = roundRecordLeaves(hasher, parameters());
    expect(root).toBe(StandardMerkleTree.of(leaves, [...ROUND_RECORD_LEAF_TYPES]).root);
    leaves.forEach((leaf, i) => {
      expect(tree?.leafHash(i)).toBe(keccak256(keccak256(encodeAbiParameters(abiTypes, leaf))));
    });
  });

  it("changes the root when a record is changed, reordered or dropped", () => {
    const { root } = buildRoundRecordsTree(hasher, parameters());
    const changed = fixtureRecords.map((record, i) =>
      i === 0 && record.type === "orderFilled"
        ? { ...record, fill: { ...record.fill, price: record.fill.price + 1n } }
        : record,
    );
    const reordered = [fixtureRecords[1], fixtureRecords[0], ...fixtureRecords.slice(2)] as CommittedRecord[];
    const dropped = fixtureRecords.slice(0, -1);
    const roots = [changed, reordered, dropped].map(
      (records) => buildRoundRecordsTree(hasher, parameters(records)).root,
    );
    expect(new Set([root, ...roots]).size).toBe(4);
  });

  it("commits a round without records as bytes32 zero", () => {
    expect(buildRoundRecordsTree(hasher, parameters([]))).toEqual({ root: ZERO_BYTES32, tree: undefined });
  });

  it("refuses a record of an unknown entrant, naming it", () => {
    const stranger = { ...(fixtureRecords[7] as CommittedRecord), entrantId: "gamma" };
    expect(() => roundRecordLeaves(hasher, parameters([stranger]))).toThrow(
      'record 0 names entrant "gamma", which is not in the round\'s entrants',
    );
  });

  it("refuses a symbol that does not fit a bytes32 text", () => {
    const record = fixtureRecords[0] as CommittedRecord & { type: "orderFilled" };
    const long = { ...record, order: { ...record.order, symbol: "X".repeat(32) } };
    expect(() => roundRecordLeaves(hasher, parameters([long]))).toThrow("record 0 symbol");
  });
});
