/**
 * The three leaf formats of docs/commitments.md, rebuilt from an artifact's parsed JSON with ethers
 * only (no engine code): the values handed to @openzeppelin/merkle-tree's StandardMerkleTree.of.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeBytes32String, keccak256, toUtf8Bytes } from "ethers";
import { verifierCanonicalJson } from "./verifierCanonicalJson.ts";

export const RECORD_LEAF_TYPES = [
  "uint256",
  "address",
  "uint256",
  "uint256",
  "uint256",
  "uint256",
  "bytes32",
  "bytes32",
  "bytes32",
  "bytes32",
];
export const STANDING_LEAF_TYPES = [
  "uint256",
  "address",
  "uint256",
  "uint256",
  "uint256",
  "bytes32",
  "int256",
  "bytes32",
  "int256",
  "int256",
  "int256",
  "bytes32",
];
export const RESULT_LEAF_TYPES = [
  "uint256",
  "address",
  "uint256",
  "uint256",
  "address",
  "uint256",
  "int256",
  "uint256",
];
export const ZERO_ROOT = `0x${"00".repeat(32)}`;
const NULL_METRIC = -(2n ** 255n);

/** The leaf domain separator, from the chain (never from the artifact being checked). */
export type LeafDomain = { chainId: bigint; arena: string; seasonId: bigint };

type Json = Record<string, unknown>;

export const jsonDigest = (value: unknown): string => keccak256(toUtf8Bytes(verifierCanonicalJson(value)));
const text32 = (text: unknown): string => encodeBytes32String(String(text ?? ""));

/** A metric committed as int256 with 8 decimals, half away from zero; null is -2^255. */
export function scaledMetric(metric: unknown): bigint {
  if (metric === null) return NULL_METRIC;
  if (typeof metric !== "number" || !Number.isFinite(metric))
    throw new Error(`metric ${String(metric)} is not a number`);
  return BigInt(Math.sign(metric) * Math.round(Math.abs(metric) * 1e8));
}

/** The `symbol` and `detail` fields of a record leaf, per the spec's table. */
export function recordKeyFields(record: Json): [string, string] {
  const part = (name: string) => (record[name] ?? {}) as Json;
  switch (record.type) {
    case "orderFilled":
      return [String(part("order").symbol), "FILLED"];
    case "orderCancelled":
      return [String(part("order").symbol), String(part("denial").reason)];
    case "stopLossUpdated":
      return [String(part("update").symbol), "UPDATED"];
    case "stopLossUpdateDenied":
      return [String(part("update").symbol), String(part("denial").reason)];
    case "riskEvent": {
      const event = part("event");
      return [event.kind === "stopLossTriggered" ? String(event.symbol) : "", String(event.kind)];
    }
    case "forcedLiquidation":
      return ["", String(record.reason)];
    case "statusChanged":
      return ["", String(record.to)];
    case "mark":
      return ["", String(record.status)];
    case "conductDenied": {
      const rules = part("denial").rules;
      if (!Array.isArray(rules) || rules.length === 0) throw new Error("a conductDenied record names no rule");
      return [String(part("denial").symbol), String(rules[0])];
    }
    case "conductOutcome":
      return ["", String(part("outcome").rule)];
    default:
      throw new Error(`unknown record type ${JSON.stringify(record.type)}`);
  }
}

export function recordLeaf(
  domain: LeafDomain,
  roundIndex: number,
  entrantIndex: number,
  recordIndex: number,
  record: Json,
) {
  const [symbol, detail] = recordKeyFields(record);
  return [
    domain.chainId,
    domain.arena,
    domain.seasonId,
    roundIndex,
    entrantIndex,
    recordIndex,
    text32(record.type),
    text32(symbol),
    text32(detail),
    jsonDigest(record),
  ];
}

export function standingLeaf(domain: LeafDomain, roundIndex: number, standing: Json) {
  return [
    domain.chainId,
    domain.arena,
    domain.seasonId,
    roundIndex,
    standing.entrantIndex,
    text32(standing.status),
    BigInt(String(standing.equity)),
    jsonDigest(standing.positions),
    scaledMetric(standing.totalReturn),
    scaledMetric(standing.sharpeRatio),
    scaledMetric(standing.maxDrawdown),
    jsonDigest(standing),
  ];
}

export function resultLeaf(domain: LeafDomain, result: Json) {
  return [
    domain.chainId,
    domain.arena,
    domain.seasonId,
    result.entrantIndex,
    result.wallet,
    result.rank,
    BigInt(String(result.score)),
    BigInt(String(result.reward)),
  ];
}

/** StandardMerkleTree root of the leaves; bytes32 zero for no leaves (a round without records). */
export function merkleRoot(leaves: unknown[][], types: string[]): string {
  return leaves.length === 0 ? ZERO_ROOT : StandardMerkleTree.of(leaves, types).root;
}
