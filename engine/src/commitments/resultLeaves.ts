import { type Address, isAddress } from "viem";
import type { KeccakHasher } from "../merkle/keccakHasher.ts";
import { buildStandardMerkleTreeWithHasher, type StandardMerkleTree } from "../merkle/standardMerkleTree.ts";
import { checkEntrantOrder } from "./checkIndex.ts";
import { type CommitmentDomain, checkCommitmentDomain } from "./commitmentDomain.ts";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";

/**
 * PodiumArena's claim leaf, exactly (contracts/src/libraries/ResultLeaf.sol, IPodiumArena.resultLeaf):
 * the tree whose root `finalize` stores and whose proofs `claimMany` checks.
 */
export const RESULT_LEAF_TYPES = [
  "uint256", // chainId
  "address", // arena
  "uint256", // seasonId
  "uint256", // entrantIndex
  "address", // wallet: the entrant's wallet, the only address that may claim
  "uint256", // rank: 1 = first; tied entrants share a rank
  "int256", // score: the ranking's score, 8-decimal fixed point
  "uint256", // reward: in the season asset's smallest unit (wei for ETH)
] as const;

export const RESULT_LEAF_FIELDS = [
  "chainId",
  "arena",
  "seasonId",
  "entrantIndex",
  "wallet",
  "rank",
  "score",
  "reward",
] as const;

export type ResultLeafValues = [bigint, Address, bigint, bigint, Address, bigint, bigint, bigint];

/** One entrant's final result, as the leaf needs it. */
export type ResultEntry = {
  /** The arena's entrant index. */
  readonly entrantIndex: number;
  /** The entry's wallet as the arena stores it. */
  readonly wallet: Address;
  readonly rank: number;
  /** 8-decimal fixed point (scaledMetric for a float score; a fixed-point P&L as is). */
  readonly score: bigint;
  readonly reward: bigint;
};

export type ResultLeavesParameters = {
  domain: CommitmentDomain;
  /** Every entrant of the season, in strictly increasing entrant index order. */
  results: readonly ResultEntry[];
};

const INT256_MIN = -(2n ** 255n);
const INT256_MAX = 2n ** 255n - 1n;
const UINT256_MAX = 2n ** 256n - 1n;

export function resultLeaves({ domain, results }: ResultLeavesParameters): ResultLeafValues[] {
  const { chainId, arena, seasonId } = checkCommitmentDomain(domain);
  checkEntrantOrder(
    results.map((result) => result.entrantIndex),
    "results",
  );
  return results.map((result) => {
    const what = `result of entrant ${result.entrantIndex}`;
    const fail = (problem: string, hint: string): never => {
      throw new InvalidCommitmentInputError(`${what}: ${problem}`, hint);
    };
    if (typeof result.wallet !== "string" || !isAddress(result.wallet, { strict: false })) {
      fail(
        `wallet ${JSON.stringify(result.wallet)} is not an address`,
        "Use the wallet the arena stores for the entry.",
      );
    }
    if (!Number.isSafeInteger(result.rank) || result.rank < 1) {
      fail(`rank ${String(result.rank)} is not a positive integer`, "Ranks start at 1; tied entrants share a rank.");
    }
    if (typeof result.score !== "bigint" || result.score < INT256_MIN || result.score > INT256_MAX) {
      fail(`score ${String(result.score)} is not an int256`, "Scores are 8-decimal fixed point bigints.");
    }
    if (typeof result.reward !== "bigint" || result.reward < 0n || result.reward > UINT256_MAX) {
      fail(`reward ${String(result.reward)} is not a uint256`, "Rewards are bigints in the asset's smallest unit.");
    }
    return [
      chainId,
      arena,
      seasonId,
      BigInt(result.entrantIndex),
      result.wallet.toLowerCase() as Address,
      BigInt(result.rank),
      result.score,
      result.reward,
    ];
  });
}

/** The season's results tree: `StandardMerkleTree.of(leaves, RESULT_LEAF_TYPES)`; its root goes to `finalize`. */
export function buildResultsTree(
  hasher: KeccakHasher,
  parameters: ResultLeavesParameters,
): StandardMerkleTree<ResultLeafValues> {
  const values = resultLeaves(parameters);
  if (values.length === 0) {
    throw new InvalidCommitmentInputError(
      "a season has no results",
      "The arena refuses a zero results root: list every entrant's result (a season without entrants is cancelled).",
    );
  }
  return buildStandardMerkleTreeWithHasher(hasher, { values, leafEncoding: RESULT_LEAF_TYPES });
}
