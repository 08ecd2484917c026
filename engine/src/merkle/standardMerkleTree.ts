import type { Hex } from "viem";
import { type KeccakHasher, keccakHasher } from "./keccakHasher.ts";
import { buildMerkleTree, type MerkleTree } from "./merkleTree.ts";
import type {
  InvalidLeafValueErrorType,
  InvalidMerkleTreeErrorType,
  UnsupportedLeafTypeErrorType,
} from "./merkleTreeErrors.ts";
import { createStaticAbiEncoder } from "./staticAbiEncoder.ts";

/** The JSON `StandardMerkleTree.dump()` of @openzeppelin/merkle-tree writes and `load()` reads. */
export type StandardMerkleTreeData<T extends readonly unknown[] = readonly unknown[]> = {
  format: "standard-v1";
  leafEncoding: string[];
  tree: Hex[];
  values: { value: T; treeIndex: number }[];
};

/**
 * `StandardMerkleTree.of(values, leafEncoding)` of @openzeppelin/merkle-tree, built fast: the same
 * root, leaf hashes, tree indices, proofs and dump, for leaves of static ABI types.
 */
export type StandardMerkleTree<T extends readonly unknown[] = readonly unknown[]> = MerkleTree & {
  readonly leafEncoding: readonly string[];
  /** The values, in the order given. */
  readonly values: readonly T[];
  /** OZ's `dump()`: every node and every value with its tree index (large for large trees). */
  dump(): StandardMerkleTreeData<T>;
};

export type BuildStandardMerkleTreeParameters<T extends readonly unknown[]> = {
  /** One array of field values per leaf, in `leafEncoding` order. */
  values: readonly T[];
  /** Static ABI types: address, bool, bytes1..32, uintN, intN. */
  leafEncoding: readonly string[];
};

export type BuildStandardMerkleTreeErrorType =
  | InvalidLeafValueErrorType
  | UnsupportedLeafTypeErrorType
  | InvalidMerkleTreeErrorType;

export async function buildStandardMerkleTree<T extends readonly unknown[]>(
  parameters: BuildStandardMerkleTreeParameters<T>,
): Promise<StandardMerkleTree<T>> {
  return buildStandardMerkleTreeWithHasher(await keccakHasher(), parameters);
}

/** The synchronous build, for callers that already hold a hasher (see keccakHasher()). */
export function buildStandardMerkleTreeWithHasher<T extends readonly unknown[]>(
  hasher: KeccakHasher,
  { values, leafEncoding }: BuildStandardMerkleTreeParameters<T>,
): StandardMerkleTree<T> {
  const encoder = createStaticAbiEncoder(leafEncoding);
  const tree = buildMerkleTree({
    hasher,
    leafCount: values.length,
    encodedLength: encoder.encodedLength,
    encode: (valueIndex, out, offset) => encoder.encode(values[valueIndex] as T, out, offset, valueIndex),
  });
  return standardMerkleTreeOf(tree, values, encoder.types);
}

/** Attaches the values and their encoding to a tree built from them. */
export function standardMerkleTreeOf<T extends readonly unknown[]>(
  tree: MerkleTree,
  values: readonly T[],
  leafEncoding: readonly string[],
): StandardMerkleTree<T> {
  return {
    ...tree,
    leafEncoding,
    values,
    dump() {
      const nodeCount = tree.nodes.length / 32;
      const nodes: Hex[] = new Array(nodeCount);
      for (let node = 0; node < nodeCount; node++) nodes[node] = tree.node(node);
      return {
        format: "standard-v1",
        leafEncoding: [...leafEncoding],
        tree: nodes,
        values: values.map((value, valueIndex) => ({ value, treeIndex: tree.treeIndexOf(valueIndex) })),
      };
    },
  };
}
