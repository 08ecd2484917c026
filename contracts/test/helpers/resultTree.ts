/**
 * Results trees in PodiumArena's leaf format (contracts/ts/resultLeaf.ts), built by the fast builder
 * so that a 1,000,000-leaf tree takes seconds. `score` is int256: negative values are written in
 * two's complement, as abi.encode does.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Address, Hex } from "viem";
import { RESULT_LEAF_TYPES, type ResultLeaf, resultLeafValues } from "../../ts/resultLeaf.ts";
import { buildFastStandardMerkleTree, type FastStandardMerkleTree, writeWord } from "./fastStandardMerkleTree.ts";

const INT256_MODULUS = 2n ** 256n;

/** The per-entrant fields; the domain (chain, arena, season) is shared by the whole tree. */
export type ResultEntry = Omit<ResultLeaf, "chainId" | "arena" | "seasonId">;

export type ResultTreeDomain = { chainId: bigint; arena: Address; seasonId: bigint };

export async function buildResultTree(
  domain: ResultTreeDomain,
  count: number,
  entryAt: (valueIndex: number) => ResultEntry,
): Promise<FastStandardMerkleTree> {
  const arena = BigInt(domain.arena);
  return buildFastStandardMerkleTree({
    leafCount: count,
    encodedLength: 8 * 32,
    encode: (valueIndex, out) => {
      const entry = entryAt(valueIndex);
      writeWord(out, 0, domain.chainId);
      writeWord(out, 32, arena);
      writeWord(out, 64, domain.seasonId);
      writeWord(out, 96, entry.entrantIndex);
      writeWord(out, 128, BigInt(entry.wallet));
      writeWord(out, 160, entry.rank);
      writeWord(out, 192, entry.score < 0n ? entry.score + INT256_MODULUS : entry.score);
      writeWord(out, 224, entry.reward);
    },
  });
}

/** The same tree through @openzeppelin/merkle-tree itself, for small trees and cross-checks. */
export function buildOzResultTree(domain: ResultTreeDomain, entries: readonly ResultEntry[]) {
  const values = entries.map((entry) =>
    resultLeafValues({ ...domain, ...entry, wallet: entry.wallet }).map((value) =>
      typeof value === "bigint" ? value.toString() : value,
    ),
  );
  const tree = StandardMerkleTree.of(values, [...RESULT_LEAF_TYPES]);
  return {
    root: tree.root as Hex,
    proof: (valueIndex: number) => tree.getProof(valueIndex) as Hex[],
    leafHash: (valueIndex: number) => tree.leafHash(values[valueIndex] as string[]) as Hex,
  };
}
