import type { Address, Hex } from "viem";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import type { KeccakHasher } from "../merkle/keccakHasher.ts";
import { buildStandardMerkleTreeWithHasher, type StandardMerkleTree } from "../merkle/standardMerkleTree.ts";
import type { MetricValue } from "../metrics/metric.ts";
import type { Fixed } from "../money/fixed.ts";
import { canonicalDigest } from "./canonicalDigest.ts";
import { checkEntrantOrder, checkIndex } from "./checkIndex.ts";
import { type CommitmentDomain, checkCommitmentDomain } from "./commitmentDomain.ts";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";
import { scaledMetric } from "./scaledMetric.ts";
import { shortTextBytes32 } from "./shortTextBytes32.ts";

/** An open position as standings show it (the engine's Position fits; extra fields are committed too). */
export type StandingPosition = {
  readonly symbol: string;
  /** Signed quantity, 8-decimal fixed point: > 0 long, < 0 short. */
  readonly quantity: Fixed;
  readonly averageEntryPrice: Fixed;
  readonly markPrice: Fixed;
  readonly stopLoss?: Fixed | undefined;
};

/**
 * The fields the standings leaf reads from an entrant's standing after a round. The season's own
 * standing type maps onto this; every other field it carries is committed through `standingDigest`.
 */
export type EntrantStanding = {
  /** The arena's entrant index. */
  readonly entrantIndex: number;
  readonly entrantId: string;
  readonly status: EntrantStatus;
  /** 8-decimal fixed point. */
  readonly equity: Fixed;
  /** Open positions in the season's asset order. */
  readonly positions: readonly StandingPosition[];
  /** Running metrics after the round (metrics/runningPerformance.ts), null when undefined yet. */
  readonly totalReturn: MetricValue;
  readonly sharpeRatio: MetricValue;
  readonly maxDrawdown: MetricValue;
};

/** One leaf per entrant per round, in entrant index order. */
export const STANDINGS_LEAF_TYPES = [
  "uint256", // chainId
  "address", // arena
  "uint256", // seasonId
  "uint256", // roundIndex
  "uint256", // entrantIndex
  "bytes32", // status: "active", "paused", "terminated", ... as a short text
  "int256", // equity: 8-decimal fixed point
  "bytes32", // positionsDigest: keccak256 of the canonical JSON of `positions`
  "int256", // totalReturn × 10^8 (NULL_METRIC when null)
  "int256", // sharpeRatio × 10^8
  "int256", // maxDrawdown × 10^8
  "bytes32", // standingDigest: keccak256 of the canonical JSON of the whole standing
] as const;

export const STANDINGS_LEAF_FIELDS = [
  "chainId",
  "arena",
  "seasonId",
  "roundIndex",
  "entrantIndex",
  "status",
  "equity",
  "positionsDigest",
  "totalReturn",
  "sharpeRatio",
  "maxDrawdown",
  "standingDigest",
] as const;

export type StandingsLeafValues = [
  bigint,
  Address,
  bigint,
  bigint,
  bigint,
  Hex,
  bigint,
  Hex,
  bigint,
  bigint,
  bigint,
  Hex,
];

export type StandingsLeavesParameters = {
  domain: CommitmentDomain;
  roundIndex: number;
  /** Every entrant's standing, in strictly increasing entrant index order. */
  standings: readonly EntrantStanding[];
};

export function standingsLeaves(
  hasher: KeccakHasher,
  { domain, roundIndex, standings }: StandingsLeavesParameters,
): StandingsLeafValues[] {
  const { chainId, arena, seasonId } = checkCommitmentDomain(domain);
  checkIndex(roundIndex, "round index");
  checkEntrantOrder(
    standings.map((standing) => standing.entrantIndex),
    "standings",
  );
  return standings.map((standing) => {
    const what = `standing of entrant ${standing.entrantIndex}`;
    if (typeof standing.equity !== "bigint") {
      throw new InvalidCommitmentInputError(
        `${what}: equity is not a bigint`,
        "Equity is 8-decimal fixed point (bigint).",
      );
    }
    return [
      chainId,
      arena,
      seasonId,
      BigInt(roundIndex),
      BigInt(standing.entrantIndex),
      shortTextBytes32(standing.status, `${what} status`),
      standing.equity,
      canonicalDigest(hasher, standing.positions),
      scaledMetric(standing.totalReturn, `${what} totalReturn`),
      scaledMetric(standing.sharpeRatio, `${what} sharpeRatio`),
      scaledMetric(standing.maxDrawdown, `${what} maxDrawdown`),
      canonicalDigest(hasher, standing),
    ];
  });
}

/** The round's standings tree: `StandardMerkleTree.of(leaves, STANDINGS_LEAF_TYPES)`. */
export function buildStandingsTree(
  hasher: KeccakHasher,
  parameters: StandingsLeavesParameters,
): StandardMerkleTree<StandingsLeafValues> {
  const values = standingsLeaves(hasher, parameters);
  if (values.length === 0) {
    throw new InvalidCommitmentInputError(
      "a round has no standings",
      "Every round lists the standing of every entrant of the season, terminated ones included.",
    );
  }
  return buildStandardMerkleTreeWithHasher(hasher, { values, leafEncoding: STANDINGS_LEAF_TYPES });
}
