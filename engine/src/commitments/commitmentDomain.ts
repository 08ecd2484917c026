import { type Address, isAddress } from "viem";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";

/**
 * The domain separator of every leaf: the first three fields of each leaf format are the chain id,
 * the arena contract and the season id, so a proof never verifies for another chain, deployment
 * or season (the contract's result leaf starts the same way, see ResultLeaf.sol).
 */
export type CommitmentDomain = {
  chainId: bigint;
  /** The PodiumArena contract the season lives in. */
  arena: Address;
  seasonId: bigint;
};

/** How the domain is written in artifacts: decimal strings and the lower-case address. */
export type CommitmentDomainJson = { chainId: string; arena: Address; seasonId: string };

const UINT256_MAX = 2n ** 256n - 1n;

/** Checks the domain and returns it with the arena in lower case (one spelling in every artifact). */
export function checkCommitmentDomain(domain: CommitmentDomain): CommitmentDomain {
  const { chainId, arena, seasonId } = domain;
  if (typeof chainId !== "bigint" || chainId < 1n || chainId > UINT256_MAX) {
    throw new InvalidCommitmentInputError(
      `chain id ${String(chainId)} is not a positive uint256`,
      "Pass the chain id as a bigint, e.g. 31337n for a local Hardhat node.",
    );
  }
  if (typeof arena !== "string" || !isAddress(arena, { strict: false })) {
    throw new InvalidCommitmentInputError(
      `arena ${JSON.stringify(arena)} is not an address`,
      "Pass the PodiumArena contract address (0x + 40 hex digits).",
    );
  }
  if (typeof seasonId !== "bigint" || seasonId < 0n || seasonId > UINT256_MAX) {
    throw new InvalidCommitmentInputError(
      `season id ${String(seasonId)} is not a uint256`,
      "Pass the season id the arena returned from createSeason, as a bigint.",
    );
  }
  return { chainId, arena: arena.toLowerCase() as Address, seasonId };
}

export function commitmentDomainJson(domain: CommitmentDomain): CommitmentDomainJson {
  const { chainId, arena, seasonId } = checkCommitmentDomain(domain);
  return { chainId: chainId.toString(), arena, seasonId: seasonId.toString() };
}
