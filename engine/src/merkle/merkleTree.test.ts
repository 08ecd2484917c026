import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { type Hex, keccak256, toHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { createKeccakHasher, type KeccakHasher } from "./keccakHasher.ts";
import { buildMerkleTree, buildMerkleTreeFromLeafHashes, sortedLeafOrder } from "./merkleTree.ts";

let hasher: KeccakHasher;
beforeAll(async () => {
  hasher = await createKeccakHasher();
});

/** The order OZ gives: a stable sort on the hashes' byte order. */
function naiveOrder(hashes: Uint8Array, count: number): number[] {
  const hex = Array.from({ length: count }, (_, i) => toHex(hashes.subarray(32 * i, 32 * i + 32)));
  return hex
    .map((_, i) => i)
    .sort((a, b) =>
      (hex[a] as string) < (hex[b] as string) ? -1 : (hex[a] as string) > (hex[b] as string) ? 1 : a - b,
    );
}

describe("sortedLeafOrder", () => {
  it("sorts by hash, ties in value order, like a stable sort", () => {
    // Random hashes, some repeated, some sharing long prefixes (large buckets use the fallback sort).
    const hashes = fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), {
      minLength: 1,
      maxLength: 400,
      size: "max",
    });
    fc.assert(
      fc.property(hashes, fc.nat(4), fc.integer({ min: 0, max: 31 }), (list, repeats, sharedPrefix) => {
        const all = [...list, ...list.slice(0, repeats)].map((hash) => {
          const copy = Uint8Array.from(hash);
          copy.fill(0x5a, 0, sharedPrefix); // the first bytes equal in every hash: one bucket
          return copy;
        });
        const packed = new Uint8Array(32 * all.length);
        for (const [i, hash] of all.entries()) packed.set(hash, 32 * i);
        expect([...sortedLeafOrder(packed, all.length)]).toEqual(naiveOrder(packed, all.length));
      }),
      { numRuns: 200, seed: 61_122 },
    );
  });
});

describe("buildMerkleTreeFromLeafHashes", () => {
  it("is OZ's SimpleMerkleTree over the same bytes32 leaves (sorted, sorted-pair hashing)", () => {
    for (const count of [1, 2, 3, 4, 5, 8, 9, 100, 257]) {
      const leaves = Array.from({ length: count }, (_, i) => keccak256(toHex(`leaf ${i % 90}`))); // repeats from 90 on
      const packed = new Uint8Array(32 * count);
      for (const [i, leaf] of leaves.entries()) packed.set(Buffer.from(leaf.slice(2), "hex"), 32 * i);
      const ours = buildMerkleTreeFromLeafHashes(hasher, packed);
      const oz = SimpleMerkleTree.of(leaves);
      expect(ours.root).toBe(oz.root);
      for (const i of leaves.keys()) expect(ours.getProof(i)).toEqual(oz.getProof(i));
    }
  });

  it("refuses a length that is not whole hashes", () => {
    expect(() => buildMerkleTreeFromLeafHashes(hasher, new Uint8Array(33))).toThrow("not a whole number of 32-byte");
  });
});

describe("buildMerkleTree", () => {
  it("hashes encodings in batches without changing the tree (5,000 leaves of 512 bytes: three batches)", () => {
    const count = 5_000;
    const length = 512;
    const encodingOf = (i: number) => Uint8Array.from({ length }, (_, k) => (i * 7 + k * 13) & 0xff);
    const tree = buildMerkleTree({
      hasher,
      leafCount: count,
      encodedLength: length,
      encode: (i, out, offset) => out.set(encodingOf(i), offset),
    });
    // Independent path: keccak256(keccak256(encoding)) with viem, then OZ's SimpleMerkleTree.
    const leaves = Array.from({ length: count }, (_, i) => keccak256(keccak256(encodingOf(i))));
    const oz = SimpleMerkleTree.of(leaves);
    expect(tree.root).toBe(oz.root);
    for (const i of [0, 1, 2047, 2048, 4095, 4096, 4999]) expect(tree.getProof(i)).toEqual(oz.getProof(i));
  });

  it("gives encode a zeroed range and leaves the hasher usable after an encode error", () => {
    let sawDirt = false;
    const attempt = () =>
      buildMerkleTree({
        hasher,
        leafCount: 3,
        encodedLength: 64,
        encode: (i, out, offset) => {
          if (out.subarray(offset, offset + 64).some((byte) => byte !== 0)) sawDirt = true;
          out.fill(0xff, offset, offset + 64);
          if (i === 2) throw new Error("bad value");
        },
      });
    expect(attempt).toThrow("bad value");
    const tree = buildMerkleTree({ hasher, leafCount: 3, encodedLength: 64, encode: () => {} });
    expect(sawDirt).toBe(false);
    const zeroLeaf = keccak256(keccak256(new Uint8Array(64)));
    expect(tree.root).toBe(SimpleMerkleTree.of([zeroLeaf, zeroLeaf, zeroLeaf]).root);
  });

  it("refuses to start a build from inside another on the same hasher", () => {
    expect(() =>
      buildMerkleTree({
        hasher,
        leafCount: 1,
        encodedLength: 32,
        encode: () => {
          buildMerkleTree({ hasher, leafCount: 1, encodedLength: 32, encode: () => {} });
        },
      }),
    ).toThrow("a tree build is already running on this hasher");
  });

  it("exposes every node in OZ's layout", () => {
    const tree = buildMerkleTree({
      hasher,
      leafCount: 3,
      encodedLength: 32,
      encode: (i, out, offset) => {
        out[offset + 31] = i;
      },
    });
    const oz = SimpleMerkleTree.of([0, 1, 2].map((i) => keccak256(keccak256(toHex(i, { size: 32 })))));
    const dump = oz.dump();
    expect(Array.from({ length: 5 }, (_, node) => tree.node(node))).toEqual(dump.tree as Hex[]);
    for (const [i, entry] of dump.values.entries()) expect(tree.treeIndexOf(i)).toBe(entry.treeIndex);
    expect(() => tree.node(5)).toThrow("node index 5 is outside 0..4");
  });
});
