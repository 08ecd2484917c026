import { AbiCoder, keccak256 } from "ethers";
import type { LeafDomain } from "./specLeaves.ts";

const coder = AbiCoder.defaultAbiCoder();

/** RoundChain.genesis: keccak256(abi.encode(chainId, arena, seasonId, rulesHash)). */
export function roundChainGenesis(domain: LeafDomain, rulesHash: string): string {
  return keccak256(
    coder.encode(
      ["uint256", "address", "uint256", "bytes32"],
      [domain.chainId, domain.arena, domain.seasonId, rulesHash],
    ),
  );
}

/** RoundChain.link: keccak256(abi.encode(head, roundIndex, recordsRoot, standingsRoot, artifactDigest)). */
export function roundChainLink(
  head: string,
  roundIndex: number,
  recordsRoot: string,
  standingsRoot: string,
  artifactDigest: string,
): string {
  return keccak256(
    coder.encode(
      ["bytes32", "uint256", "bytes32", "bytes32", "bytes32"],
      [head, roundIndex, recordsRoot, standingsRoot, artifactDigest],
    ),
  );
}
