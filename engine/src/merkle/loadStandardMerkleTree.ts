import { compareHashes, writeHexExact } from "./hexBytes.ts";
import { type KeccakHasher, keccakHasher } from "./keccakHasher.ts";
import { merkleTreeOver } from "./merkleTree.ts";
import { InvalidMerkleTreeError } from "./merkleTreeErrors.ts";
import { type StandardMerkleTree, standardMerkleTreeOf } from "./standardMerkleTree.ts";
import { createStaticAbiEncoder } from "./staticAbiEncoder.ts";

/** A dump to load: StandardMerkleTreeData, or what OZ's `dump()` returns, or its JSON parsed. */
export type StandardMerkleTreeDump<T extends readonly unknown[]> = {
  readonly format: string;
  readonly leafEncoding: readonly string[];
  readonly tree: readonly string[];
  readonly values: readonly { readonly value: T; readonly treeIndex: number }[];
};

/**
 * Reads a `StandardMerkleTree.dump()` (ours or @openzeppelin/merkle-tree's) and checks it as OZ's
 * `load` does: every value hashes to its leaf, and every internal node to its children.
 */
export async function loadStandardMerkleTree<T extends readonly unknown[]>(
  data: StandardMerkleTreeDump<T>,
): Promise<StandardMerkleTree<T>> {
  return loadStandardMerkleTreeWithHasher(await keccakHasher(), data);
}

export function loadStandardMerkleTreeWithHasher<T extends readonly unknown[]>(
  hasher: KeccakHasher,
  data: StandardMerkleTreeDump<T>,
): StandardMerkleTree<T> {
  const fail = (problem: string): never => {
    throw new InvalidMerkleTreeError(problem, "Load the unmodified output of StandardMerkleTree.dump().");
  };
  if (data === null || typeof data !== "object") fail("the dump is not an object");
  if (data.format !== "standard-v1") fail(`unknown format ${JSON.stringify(data.format)}`);
  if (!Array.isArray(data.leafEncoding)) fail("leafEncoding is missing");
  if (!Array.isArray(data.tree) || !Array.isArray(data.values)) fail("tree or values is missing");
  const leafCount = data.values.length;
  if (leafCount === 0 || data.tree.length !== 2 * leafCount - 1) {
    fail(`${data.tree.length} nodes cannot hold ${leafCount} leaves (a tree of n leaves has 2n - 1 nodes)`);
  }

  const nodes = new Uint8Array(data.tree.length * 32);
  data.tree.forEach((hex, node) => {
    if (typeof hex !== "string" || !writeHexExact(hex as string, nodes, node * 32, 32))
      fail(`node ${node} is not a 32-byte hash`);
  });

  const encoder = createStaticAbiEncoder(data.leafEncoding);
  const encoded = new Uint8Array(encoder.encodedLength);
  const leaf = new Uint8Array(32);
  const treeIndices = new Uint32Array(leafCount);
  data.values.forEach((entry, valueIndex) => {
    const treeIndex = entry?.treeIndex;
    if (!Number.isInteger(treeIndex) || treeIndex < leafCount - 1 || treeIndex >= data.tree.length) {
      fail(`value ${valueIndex} has tree index ${treeIndex}, which is not a leaf node`);
    }
    encoder.encode(entry.value, encoded, 0, valueIndex);
    hasher.hashInto(encoded, leaf, 0);
    hasher.hashInto(leaf.slice(), leaf, 0);
    if (compareHashes(leaf, 0, nodes, treeIndex * 32) !== 0)
      fail(`value ${valueIndex} does not hash to node ${treeIndex}`);
    treeIndices[valueIndex] = treeIndex;
  });

  const pair = new Uint8Array(64);
  const expected = new Uint8Array(32);
  for (let node = leafCount - 2; node >= 0; node--) {
    const left = (2 * node + 1) * 32;
    const right = left + 32;
    const leftFirst = compareHashes(nodes, left, nodes, right) <= 0;
    pair.set(nodes.subarray(leftFirst ? left : right, (leftFirst ? left : right) + 32), 0);
    pair.set(nodes.subarray(leftFirst ? right : left, (leftFirst ? right : left) + 32), 32);
    hasher.hashInto(pair, expected, 0);
    if (compareHashes(expected, 0, nodes, node * 32) !== 0) fail(`node ${node} is not the hash of its children`);
  }
  return standardMerkleTreeOf(
    merkleTreeOver(nodes, treeIndices),
    data.values.map((entry) => entry.value),
    [...data.leafEncoding],
  );
}
