import type { Address, Hex } from "viem";
import type { KeccakHasher } from "../merkle/keccakHasher.ts";
import { buildStandardMerkleTreeWithHasher, type StandardMerkleTree } from "../merkle/standardMerkleTree.ts";
import { canonicalDigest } from "./canonicalDigest.ts";
import { checkIndex } from "./checkIndex.ts";
import { type CommitmentDomain, checkCommitmentDomain } from "./commitmentDomain.ts";
import type { CommittedRecord } from "./committedRecord.ts";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";
import { shortTextBytes32, ZERO_BYTES32 } from "./shortTextBytes32.ts";

/**
 * One leaf per record of a round: every order with its outcome (filled or cancelled with the
 * denial's reason), every stop-loss change, risk event (a triggered stop carries its fill), forced
 * liquidation (with its fills), status change and end-of-round mark, and the season's conduct
 * records (a request refused by a banned-strategy rule, a flag, disqualification or forfeit). The
 * key fields let anyone prove or filter a record without its JSON; `recordDigest` commits to all of it.
 */
export const ROUND_RECORD_LEAF_TYPES = [
  "uint256", // chainId
  "address", // arena
  "uint256", // seasonId
  "uint256", // roundIndex: the arena's round index (0 = first committed round)
  "uint256", // entrantIndex: the arena's entrant index
  "uint256", // recordIndex: position of the record in the round artifact's `records`
  "bytes32", // recordType: e.g. "orderFilled", as a short text
  "bytes32", // symbol: the asset, or zero when the record has none
  "bytes32", // detail: outcome or reason code (see recordKeyFields)
  "bytes32", // recordDigest: keccak256 of the record's canonical JSON
] as const;

export const ROUND_RECORD_LEAF_FIELDS = [
  "chainId",
  "arena",
  "seasonId",
  "roundIndex",
  "entrantIndex",
  "recordIndex",
  "recordType",
  "symbol",
  "detail",
  "recordDigest",
] as const;

export type RoundRecordLeafValues = [bigint, Address, bigint, bigint, bigint, bigint, Hex, Hex, Hex, Hex];

/** The asset a record is about ("" when none) and its outcome or reason code. */
export function recordKeyFields(record: CommittedRecord): { symbol: string; detail: string } {
  switch (record.type) {
    case "orderFilled":
      return { symbol: record.order.symbol, detail: "FILLED" };
    case "orderCancelled":
      return { symbol: record.order.symbol, detail: record.denial.reason };
    case "stopLossUpdated":
      return { symbol: record.update.symbol, detail: "UPDATED" };
    case "stopLossUpdateDenied":
      return { symbol: record.update.symbol, detail: record.denial.reason };
    case "riskEvent":
      return {
        symbol: record.event.kind === "stopLossTriggered" ? record.event.symbol : "",
        detail: record.event.kind,
      };
    case "forcedLiquidation":
      return { symbol: "", detail: record.reason };
    case "statusChanged":
      return { symbol: "", detail: record.to };
    case "mark":
      return { symbol: "", detail: record.status };
    case "conductDenied": {
      // The first banned-strategy rule that fired (rules are listed in bannedStrategyIds order).
      const rule = record.denial.rules[0];
      if (rule === undefined)
        throw new InvalidCommitmentInputError(
          "a conductDenied record names no rule",
          "A conduct denial carries the banned-strategy rules that refused the request.",
        );
      return { symbol: record.denial.symbol, detail: rule };
    }
    case "conductOutcome":
      return { symbol: "", detail: record.outcome.rule };
    default: {
      const unknown: never = record;
      throw new InvalidCommitmentInputError(
        `record type ${JSON.stringify((unknown as { type?: unknown }).type)} has no leaf format`,
        "Add the record type to recordKeyFields and to docs/commitments.md.",
      );
    }
  }
}

export type RoundRecordLeavesParameters = {
  domain: CommitmentDomain;
  roundIndex: number;
  /** The round's records, in the order of the artifact's `records`. */
  records: readonly CommittedRecord[];
  /** The arena's entrant index of each entrant id the records name. */
  entrantIndexOf: ReadonlyMap<string, number>;
};

export function roundRecordLeaves(
  hasher: KeccakHasher,
  { domain, roundIndex, records, entrantIndexOf }: RoundRecordLeavesParameters,
): RoundRecordLeafValues[] {
  const { chainId, arena, seasonId } = checkCommitmentDomain(domain);
  checkIndex(roundIndex, "round index");
  return records.map((record, recordIndex) => {
    const entrantIndex = entrantIndexOf.get(record.entrantId);
    if (entrantIndex === undefined) {
      throw new InvalidCommitmentInputError(
        `record ${recordIndex} names entrant ${JSON.stringify(record.entrantId)}, which is not in the round's entrants`,
        "List every entrant of the season with its arena entrant index.",
      );
    }
    const { symbol, detail } = recordKeyFields(record);
    return [
      chainId,
      arena,
      seasonId,
      BigInt(roundIndex),
      BigInt(entrantIndex),
      BigInt(recordIndex),
      shortTextBytes32(record.type, `record ${recordIndex} type`),
      shortTextBytes32(symbol, `record ${recordIndex} symbol`),
      shortTextBytes32(detail, `record ${recordIndex} detail`),
      canonicalDigest(hasher, record),
    ];
  });
}

export type RecordsTree = {
  /** The records root: the tree's root, or bytes32 zero for a round without records. */
  root: Hex;
  /** Undefined when the round has no records (a tree needs a leaf). */
  tree: StandardMerkleTree<RoundRecordLeafValues> | undefined;
};

/** The round's records tree: `StandardMerkleTree.of(leaves, ROUND_RECORD_LEAF_TYPES)`. */
export function buildRoundRecordsTree(hasher: KeccakHasher, parameters: RoundRecordLeavesParameters): RecordsTree {
  const values = roundRecordLeaves(hasher, parameters);
  if (values.length === 0) return { root: ZERO_BYTES32, tree: undefined };
  const tree = buildStandardMerkleTreeWithHasher(hasher, { values, leafEncoding: ROUND_RECORD_LEAF_TYPES });
  return { root: tree.root, tree };
}
