import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { concat, encodePacked, type Hex, keccak256 } from "viem";
import { buildFastStandardMerkleTree, writeWord } from "./helpers/fastStandardMerkleTree.ts";

/** Values (uint256 index, uint256 amount, int256 delta) for the cross-checks; delta < 0 for odd indices. */
const value = (i: number) => [BigInt(i), BigInt(i) * 1_000_003n + 7n, i % 2 === 0 ? BigInt(i) : -BigInt(i)] as const;
const encode = (i: number, out: Uint8Array) => {
  const [index, amount, delta] = value(i);
  writeWord(out, 0, index);
  writeWord(out, 32, amount);
  writeWord(out, 64, delta < 0n ? delta + 2n ** 256n : delta);
};

describe("buildFastStandardMerkleTree", () => {
  for (const size of [1, 2, 3, 4, 5, 7, 8, 100, 1_025]) {
    it(`matches StandardMerkleTree.of on ${size} leaf/leaves: root, every proof, every leaf hash`, async () => {
      const values = Array.from({ length: size }, (_, i) => value(i).map(String));
      const oz = StandardMerkleTree.of(values, ["uint256", "uint256", "int256"]);
      const fast = await buildFastStandardMerkleTree({ leafCount: size, encodedLength: 96, encode });
      assert.equal(fast.root, oz.root);
      assert.equal(fast.leafCount, size);
      for (let i = 0; i < size; i++) {
        assert.deepEqual(fast.getProof(i), oz.getProof(i));
        assert.equal(fast.leafHash(i), oz.leafHash(values[i] as string[]));
      }
    });
  }

  it("hashes leaves once when asked (the layout of single-hashed distributors)", async () => {
    // Two leaves: the root is the sorted-pair hash of keccak256(encodePacked(index, amount)).
    const leaf = (i: bigint) => keccak256(encodePacked(["uint256", "uint256"], [i, i + 10n]));
    const fast = await buildFastStandardMerkleTree({
      leafCount: 2,
      encodedLength: 64,
      doubleHashLeaves: false,
      encode: (i, out) => {
        writeWord(out, 0, i);
        writeWord(out, 32, i + 10);
      },
    });
    const [a, b] = [leaf(0n), leaf(1n)].sort() as [Hex, Hex];
    assert.equal(fast.root, keccak256(concat([a, b])));
    assert.equal(fast.leafHash(1), leaf(1n));
  });

  it("writes narrow big-endian fields for packed encodings", () => {
    const out = new Uint8Array(24);
    writeWord(out, 2, 0x0102n, 20);
    writeWord(out, 22, 258, 2);
    assert.deepEqual([...out.subarray(20, 24)], [0x01, 0x02, 0x01, 0x02]);
    assert.ok(out.subarray(0, 20).every((byte) => byte === 0));
  });

  it("explains bad input", async () => {
    await assert.rejects(
      buildFastStandardMerkleTree({ leafCount: 0, encodedLength: 32, encode }),
      /leafCount must be a positive integer, got 0/,
    );
    await assert.rejects(
      buildFastStandardMerkleTree({ leafCount: 1, encodedLength: 0, encode }),
      /encodedLength must be a positive integer, got 0/,
    );
    const tree = await buildFastStandardMerkleTree({ leafCount: 2, encodedLength: 96, encode });
    assert.throws(() => tree.getProof(2), /value index 2 is outside 0\.\.1/);
    assert.throws(() => tree.leafHash(-1), /value index -1 is outside 0\.\.1/);
  });
});
