/**
 * The result leaf of a season's results tree, as PodiumArena and SeasonPayout verify it
 * (contracts/src/libraries/ResultLeaf.sol). Build the tree with
 * `StandardMerkleTree.of(leaves.map(resultLeafValues), RESULT_LEAF_TYPES)` from @openzeppelin/merkle-tree.
 */
import type { Address } from "viem";

/** The StandardMerkleTree leaf encoding, in order: the first three fields are the domain separator. */
export const RESULT_LEAF_TYPES = [
  "uint256", // chainId
  "address", // arena
  "uint256", // seasonId
  "uint256", // entrantIndex
  "address", // wallet
  "uint256", // rank
  "int256", // score
  "uint256", // reward
] as const;

export type ResultLeaf = {
  chainId: bigint;
  arena: Address;
  seasonId: bigint;
  entrantIndex: bigint;
  wallet: Address;
  rank: bigint;
  score: bigint;
  reward: bigint;
};

export type ResultLeafValues = [bigint, Address, bigint, bigint, Address, bigint, bigint, bigint];

/** The leaf's values in RESULT_LEAF_TYPES order. */
export function resultLeafValues(leaf: ResultLeaf): ResultLeafValues {
  return [leaf.chainId, leaf.arena, leaf.seasonId, leaf.entrantIndex, leaf.wallet, leaf.rank, leaf.score, leaf.reward];
}
