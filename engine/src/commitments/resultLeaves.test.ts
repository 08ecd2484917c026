import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type AbiParameter, type Address, encodeAbiParameters, keccak256 } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
// The contract's own TypeScript description of its claim leaf, and the contract tests' tree builder.
import { buildResultTree } from "../../../contracts/test/helpers/resultTree.ts";
import { RESULT_LEAF_TYPES as CONTRACT_RESULT_LEAF_TYPES } from "../../../contracts/ts/resultLeaf.ts";
import { type KeccakHasher, keccakHasher } from "../merkle/keccakHasher.ts";
import { buildResultsTree, RESULT_LEAF_TYPES, type ResultEntry, resultLeaves } from "./resultLeaves.ts";
import { fixtureDomain, fixtureWallets } from "./testing/roundFixture.ts";

let hasher: KeccakHasher;
beforeAll(async () => {
  hasher = await keccakHasher();
});

const results: ResultEntry[] = [
  { entrantIndex: 0, wallet: fixtureWallets[0] as Address, rank: 1, score: 187_000_000n, reward: 3n * 10n ** 18n },
  { entrantIndex: 2, wallet: fixtureWallets[1] as Address, rank: 2, score: -325_000_000n, reward: 0n },
  { entrantIndex: 5, wallet: fixtureWallets[0] as Address, rank: 2, score: -325_000_000n, reward: 0n },
];

describe("result leaves (PodiumArena's claim leaf)", () => {
  it("use the contract's leaf types, field for field", () => {
    expect([...RESULT_LEAF_TYPES]).toEqual([...CONTRACT_RESULT_LEAF_TYPES]);
  });

  it("hash as ResultLeaf.sol: keccak256(bytes.concat(keccak256(abi.encode(chainId, arena, seasonId, ...))))", () => {
    const tree = buildResultsTree(hasher, { domain: fixtureDomain, results });
    const types = RESULT_LEAF_TYPES.map((type): AbiParameter => ({ type }));
    results.forEach((result, i) => {
      const encoded = encodeAbiParameters(types, [
        fixtureDomain.chainId,
        fixtureDomain.arena,
        fixtureDomain.seasonId,
        BigInt(result.entrantIndex),
        result.wallet,
        BigInt(result.rank),
        result.score,
        result.reward,
      ]);
      expect(tree.leafHash(i)).toBe(keccak256(keccak256(encoded)));
    });
  });

  it("give the root and proofs of OZ's StandardMerkleTree and of the contract tests' builder", async () => {
    const tree = buildResultsTree(hasher, { domain: fixtureDomain, results });
    const oz = StandardMerkleTree.of(resultLeaves({ domain: fixtureDomain, results }), [...RESULT_LEAF_TYPES]);
    const contractTests = await buildResultTree(fixtureDomain, results.length, (i) => {
      const result = results[i] as ResultEntry;
      return { ...result, entrantIndex: BigInt(result.entrantIndex), rank: BigInt(result.rank) };
    });
    expect(tree.root).toBe(oz.root);
    expect(tree.root).toBe(contractTests.root);
    results.forEach((_, i) => {
      expect(tree.getProof(i)).toEqual(oz.getProof(i));
      expect(tree.getProof(i)).toEqual(contractTests.getProof(i));
    });
  });

  it.each([
    [{ rank: 0 }, "rank 0 is not a positive integer"],
    [{ wallet: "0x1234" as Address }, 'wallet "0x1234" is not an address'],
    [{ score: 2n ** 255n }, `score ${2n ** 255n} is not an int256`],
    [{ reward: -1n }, "reward -1 is not a uint256"],
  ])("refuses %o: %s", (change, problem) => {
    const bad = [{ ...(results[0] as ResultEntry), ...change }];
    expect(() => resultLeaves({ domain: fixtureDomain, results: bad })).toThrow(`result of entrant 0: ${problem}`);
  });

  it("refuses results out of entrant order and an empty list (the arena refuses a zero root)", () => {
    expect(() => resultLeaves({ domain: fixtureDomain, results: [...results].reverse() })).toThrow("(5 then 2)");
    expect(() => buildResultsTree(hasher, { domain: fixtureDomain, results: [] })).toThrow("a season has no results");
  });

  it("refuses a bad domain with a hint", () => {
    expect(() => resultLeaves({ domain: { ...fixtureDomain, chainId: 0n }, results })).toThrow(
      "chain id 0 is not a positive uint256",
    );
    expect(() => resultLeaves({ domain: { ...fixtureDomain, arena: "0xnope" as Address }, results })).toThrow(
      'arena "0xnope" is not an address',
    );
  });
});
