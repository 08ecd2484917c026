import { StandardMerkleTree as OzStandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { type Hex, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { loadStandardMerkleTree } from "./loadStandardMerkleTree.ts";
import { InvalidMerkleTreeError } from "./merkleTreeErrors.ts";
import { standardLeafHash } from "./standardLeafHash.ts";
import { buildStandardMerkleTree } from "./standardMerkleTree.ts";
import { verifyStandardMerkleProof } from "./verifyStandardMerkleProof.ts";

/** Field types with values in forms both libraries accept (lower-case addresses, bigints, numbers). */
const fields: { type: string; value: fc.Arbitrary<unknown> }[] = [
  { type: "uint256", value: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }) },
  { type: "int256", value: fc.bigInt({ min: -(2n ** 255n), max: 2n ** 255n - 1n }) },
  { type: "uint8", value: fc.integer({ min: 0, max: 255 }).map(BigInt) },
  { type: "int32", value: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(BigInt) },
  { type: "address", value: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => toHex(bytes)) },
  { type: "bytes32", value: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => toHex(bytes)) },
  { type: "bytes8", value: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((bytes) => toHex(bytes)) },
  { type: "bool", value: fc.boolean() },
];

/**
 * A leaf encoding and 1..300 values for it (size "max": fast-check would otherwise stay near 10),
 * some repeated (OZ keeps duplicates, in value order).
 */
const trees = fc.array(fc.constantFrom(...fields), { minLength: 1, maxLength: 8 }).chain((chosen) =>
  fc.tuple(
    fc.constant(chosen.map((field) => field.type)),
    fc
      .array(fc.tuple(...chosen.map((field) => field.value)), { minLength: 1, maxLength: 300, size: "max" })
      .chain((values) =>
        fc
          .array(fc.nat(values.length - 1), { maxLength: 4 })
          .map((repeats) => [...values, ...repeats.map((i) => values[i] as unknown[])]),
      ),
  ),
);

describe("buildStandardMerkleTree against @openzeppelin/merkle-tree's StandardMerkleTree.of", () => {
  it("gives the same root, leaf hashes, tree indices, proofs and dump on random trees", async () => {
    await fc.assert(
      fc.asyncProperty(trees, async ([leafEncoding, values]) => {
        const oz = OzStandardMerkleTree.of(values, leafEncoding);
        const ours = await buildStandardMerkleTree({ values, leafEncoding });
        expect(ours.root).toBe(oz.root);
        expect(ours.length).toBe(values.length);
        const ozDump = oz.dump();
        expect(ours.dump()).toEqual(ozDump);
        for (let i = 0; i < values.length; i++) {
          expect(ours.treeIndexOf(i)).toBe(ozDump.values[i]?.treeIndex);
          expect(ours.leafHash(i)).toBe(oz.leafHash(values[i] as unknown[]));
          expect(ours.getProof(i)).toEqual(oz.getProof(i));
        }
      }),
      { numRuns: 40, seed: 61_122 },
    );
  });

  it("verifies exactly what OZ verifies, and rejects a tampered proof or value like OZ", async () => {
    await fc.assert(
      fc.asyncProperty(trees, fc.nat(), async ([leafEncoding, values], pick) => {
        const tree = await buildStandardMerkleTree({ values, leafEncoding });
        const index = pick % values.length;
        const value = values[index] as unknown[];
        const proof = tree.getProof(index);
        expect(await verifyStandardMerkleProof({ root: tree.root, leafEncoding, value, proof })).toBe(true);
        expect(OzStandardMerkleTree.verify(tree.root, leafEncoding, value, proof)).toBe(true);
        expect(await standardLeafHash({ leafEncoding, value })).toBe(tree.leafHash(index));
        if (proof.length > 0) {
          // Flip one bit of one proof hash: neither library accepts it.
          const bad = [...proof];
          const first = bad[0] as Hex;
          bad[0] = `${first.slice(0, -1)}${(Number.parseInt(first.slice(-1), 16) ^ 1).toString(16)}` as Hex;
          expect(await verifyStandardMerkleProof({ root: tree.root, leafEncoding, value, proof: bad })).toBe(false);
          expect(OzStandardMerkleTree.verify(tree.root, leafEncoding, value, bad)).toBe(false);
        }
      }),
      { numRuns: 100, seed: 20_261_122 },
    );
  });

  it("writes byte proofs equal to the hex proofs, aligned or not", async () => {
    const values = Array.from({ length: 37 }, (_, i) => [BigInt(i), i % 2 === 0]);
    const tree = await buildStandardMerkleTree({ values, leafEncoding: ["uint256", "bool"] });
    const buffer = new Uint8Array(6 * 32 + 3);
    for (let i = 0; i < values.length; i++) {
      const expected = tree.getProof(i);
      for (const offset of [0, 3]) {
        const count = tree.proofInto(i, buffer, offset);
        expect(count).toBe(expected.length);
        expect(count).toBe(tree.proofLength(i));
        const written = Array.from({ length: count }, (_, k) =>
          toHex(buffer.subarray(offset + 32 * k, offset + 32 * (k + 1))),
        );
        expect(written).toEqual(expected);
      }
    }
  });

  it("round-trips through dump and load, both ways with OZ", async () => {
    const values = Array.from({ length: 50 }, (_, i) => [
      `0x${(i + 1).toString(16).padStart(40, "0")}`,
      BigInt(i * 1000),
    ]);
    const leafEncoding = ["address", "uint256"];
    const ours = await buildStandardMerkleTree({ values, leafEncoding });
    const ozLoaded = OzStandardMerkleTree.load(ours.dump());
    expect(ozLoaded.root).toBe(ours.root);
    const loaded = await loadStandardMerkleTree(OzStandardMerkleTree.of(values, leafEncoding).dump());
    expect(loaded.root).toBe(ours.root);
    expect(loaded.getProof(17)).toEqual(ours.getProof(17));
    expect(loaded.values).toEqual(values);
  });

  it("refuses a dump whose values or nodes were changed", async () => {
    const values = Array.from({ length: 8 }, (_, i) => [BigInt(i)]);
    const dump = (await buildStandardMerkleTree({ values, leafEncoding: ["uint256"] })).dump();
    const changedValue = {
      ...dump,
      values: dump.values.map((entry, i) => (i === 3 ? { ...entry, value: [99n] } : entry)),
    };
    await expect(loadStandardMerkleTree(changedValue)).rejects.toThrow("value 3 does not hash to node");
    const changedNode = {
      ...dump,
      tree: dump.tree.map((node, i) => (i === 1 ? (`0x${"11".repeat(32)}` as Hex) : node)),
    };
    // With 8 leaves, nodes 0..6 are internal: node 1 no longer hashes from its children 3 and 4.
    await expect(loadStandardMerkleTree(changedNode)).rejects.toThrow("node 1 is not the hash of its children");
    await expect(loadStandardMerkleTree({ ...dump, format: "simple-v1" as "standard-v1" })).rejects.toThrow(
      InvalidMerkleTreeError,
    );
    await expect(loadStandardMerkleTree({ ...dump, tree: dump.tree.slice(1) })).rejects.toThrow("cannot hold 8 leaves");
  });

  it("refuses an empty tree and indices outside the values, saying what to do", async () => {
    await expect(buildStandardMerkleTree({ values: [], leafEncoding: ["uint256"] })).rejects.toThrow(
      "a tree needs at least one leaf, got 0",
    );
    const tree = await buildStandardMerkleTree({ values: [[1n], [2n]], leafEncoding: ["uint256"] });
    expect(() => tree.getProof(2)).toThrow("value index 2 is outside 0..1");
    expect(() => tree.proofInto(-1, new Uint8Array(32))).toThrow(InvalidMerkleTreeError);
    expect(() => tree.proofInto(0, new Uint8Array(16))).toThrow("does not fit in 16 bytes");
  });

  it("names the value and field of a bad value", async () => {
    await expect(
      buildStandardMerkleTree({
        values: [
          [1n, "0x01"],
          [2n, "0xnothex"],
        ],
        leafEncoding: ["uint256", "bytes1"],
      }),
    ).rejects.toThrow("value 1, field 1 (bytes1)");
  });
});
