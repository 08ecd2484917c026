import { encodeAbiParameters, type Hex, keccak256 } from "viem";
import { checkIndex } from "./checkIndex.ts";
import { type CommitmentDomain, checkCommitmentDomain } from "./commitmentDomain.ts";

/**
 * The arena's hash chain over committed rounds (contracts/src/libraries/RoundChain.sol): the
 * season stores only its head, and the RoundCommitted events carry every link's values. The runner
 * uses it to reconcile with the chain after a restart, the verifier to check the head.
 */
export type CommittedRound = {
  roundIndex: number;
  recordsRoot: Hex;
  standingsRoot: Hex;
  artifactDigest: Hex;
};

/** keccak256(abi.encode(chainId, arena, seasonId, rulesHash)): the head before any round. */
export function roundChainGenesis(domain: CommitmentDomain, rulesHash: Hex): Hex {
  const { chainId, arena, seasonId } = checkCommitmentDomain(domain);
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "uint256" }, { type: "bytes32" }],
      [chainId, arena, seasonId, rulesHash],
    ),
  );
}

/** keccak256(abi.encode(previousHead, roundIndex, recordsRoot, standingsRoot, artifactDigest)). */
export function roundChainLink(previousHead: Hex, round: CommittedRound): Hex {
  checkIndex(round.roundIndex, "round index");
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint256" }, { type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }],
      [previousHead, BigInt(round.roundIndex), round.recordsRoot, round.standingsRoot, round.artifactDigest],
    ),
  );
}

/** The head after committing `rounds` in order from the genesis. */
export function roundChainHead(domain: CommitmentDomain, rulesHash: Hex, rounds: readonly CommittedRound[]): Hex {
  return rounds.reduce<Hex>((head, round) => roundChainLink(head, round), roundChainGenesis(domain, rulesHash));
}
