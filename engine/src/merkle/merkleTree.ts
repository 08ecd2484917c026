import type { Hex } from "viem";
import { bytesToHex, compareHashes } from "./hexBytes.ts";
import type { KeccakHasher } from "./keccakHasher.ts";
import { InvalidMerkleTreeError } from "./merkleTreeErrors.ts";

/**
 * The tree @openzeppelin/merkle-tree builds, with its exact layout, in flat typed arrays:
 * - leaf = keccak256(keccak256(encoded value)) (OZ's `standardLeafHash` when the encoding is
 *   `abi.encode`), or a caller's precomputed 32-byte leaf hash;
 * - leaves sorted by hash, ascending, ties in value order (OZ's stable `sortLeaves: true`);
 * - OZ's `makeMerkleTree` array: node i has children 2i+1 and 2i+2; the sorted leaves fill the end
 *   of the array in reverse (sorted leaf p is node `2n - 2 - p`);
 * - internal node = keccak256 of its two children in ascending order (`standardNodeHash`).
 * Node i is bytes [32i, 32i + 32) of one Uint8Array; proofs are read from it by index.
 */
export type MerkleTree = {
  readonly root: Hex;
  /** Number of leaves (values). */
  readonly length: number;
  /** Every node, 32 bytes each, in OZ's array order (node 0 is the root). */
  readonly nodes: Uint8Array;
  /** Node `nodeIndex` as hex (0 is the root). */
  node(nodeIndex: number): Hex;
  /** The node index of the value at `valueIndex` (the order the values were given in): OZ's `treeIndex`. */
  treeIndexOf(valueIndex: number): number;
  leafHash(valueIndex: number): Hex;
  /** Number of 32-byte hashes in the value's proof. */
  proofLength(valueIndex: number): number;
  /**
   * Writes the value's proof (siblings from the leaf up, the order `MerkleProof.verify` expects)
   * into `out` from `offset`, 32 bytes per hash, and returns the number of hashes. Allocates nothing.
   */
  proofInto(valueIndex: number, out: Uint8Array, offset?: number): number;
  /** The value's proof as hex strings, equal to OZ's `getProof(valueIndex)`. */
  getProof(valueIndex: number): Hex[];
};

export type BuildMerkleTreeParameters = {
  hasher: KeccakHasher;
  leafCount: number;
  /** Bytes of one encoded value. */
  encodedLength: number;
  /**
   * Writes value `valueIndex`'s encoding into `out[offset .. offset + encodedLength)`, which is
   * zeroed before. `out` is the hasher's memory: write only inside that range.
   */
  encode: (valueIndex: number, out: Uint8Array, offset: number) => void;
};

const HASH = 32;
/** Buckets below this size are insertion-sorted; larger ones (only adversarial leaves) use sort(). */
const INSERTION_SORT_LIMIT = 24;
/**
 * 2^25 leaves: the encodings batch, the leaf hashes and the nodes (96 bytes a leaf) must fit in
 * WebAssembly's 4 GiB address space.
 */
const MAX_LEAVES = 2 ** 25;
/** Encodings are written and hashed this many bytes at a time. */
const BATCH_BYTES = 1 << 20;

export type BuildMerkleTreeErrorType = InvalidMerkleTreeError;

/** The tree over `leafCount` encoded values: leaf = keccak256(keccak256(encoding)). */
export function buildMerkleTree(parameters: BuildMerkleTreeParameters): MerkleTree {
  const { hasher, leafCount, encodedLength, encode } = parameters;
  checkLeafCount(leafCount);
  if (!Number.isInteger(encodedLength) || encodedLength < 1 || encodedLength > BATCH_BYTES) {
    throw new InvalidMerkleTreeError(
      `an encoded value must have between 1 and ${BATCH_BYTES} bytes, got ${encodedLength}`,
      "Pass the encoding's length in bytes (32 per static ABI field).",
    );
  }
  const batchLeaves = Math.max(1, Math.floor(BATCH_BYTES / encodedLength));
  const batchBytes = roundUp(batchLeaves * encodedLength);
  return withBuildRegion(hasher, leafCount, batchBytes, (batch, leafHashes) => {
    for (let first = 0; first < leafCount; first += batchLeaves) {
      const count = Math.min(batchLeaves, leafCount - first);
      const memory = hasher.memory();
      memory.fill(0, batch, batch + count * encodedLength);
      for (let i = 0; i < count; i++) encode(first + i, memory, batch + i * encodedLength);
      hasher.hashLeaves(batch, encodedLength, count, leafHashes + first * HASH);
    }
  });
}

/** The tree over precomputed leaf hashes (32 bytes each, in value order), sorted and hashed as OZ does. */
export function buildMerkleTreeFromLeafHashes(hasher: KeccakHasher, leafHashes: Uint8Array): MerkleTree {
  const leafCount = leafHashes.length / HASH;
  if (!Number.isInteger(leafCount)) {
    throw new InvalidMerkleTreeError(
      `${leafHashes.length} bytes are not a whole number of 32-byte leaf hashes`,
      "Pass the leaf hashes back to back, 32 bytes each.",
    );
  }
  checkLeafCount(leafCount);
  return withBuildRegion(hasher, leafCount, 0, (_batch, leafHashesOffset) => {
    hasher.memory().set(leafHashes, leafHashesOffset);
  });
}

/**
 * Lays out the build region ([batch][leaf hashes][nodes]), lets `hashLeaves` fill the leaf hashes,
 * then sorts them into the node array, hashes the nodes, and copies the tree out of the hasher's
 * memory so that the next build can reuse it.
 */
function withBuildRegion(
  hasher: KeccakHasher,
  leafCount: number,
  batchBytes: number,
  hashLeaves: (batch: number, leafHashes: number) => void,
): MerkleTree {
  const nodeCount = 2 * leafCount - 1;
  const batch = hasher.buildOffset;
  const leafHashes = batch + batchBytes;
  const nodesStart = leafHashes + leafCount * HASH;
  hasher.claimBuildRegion();
  try {
    hasher.reserve(nodesStart + nodeCount * HASH - batch);
    hashLeaves(batch, leafHashes);
    const memory = hasher.memory();
    const order = sortedLeafOrder(memory.subarray(leafHashes, leafHashes + leafCount * HASH), leafCount);
    // makeMerkleTree: sorted leaf p is node nodeCount - 1 - p. Word copies (both regions are 32-aligned).
    const words = new Uint32Array(memory.buffer);
    const treeIndices = new Uint32Array(leafCount);
    for (let position = 0; position < leafCount; position++) {
      const valueIndex = order[position] as number;
      const node = nodeCount - 1 - position;
      const from = (leafHashes + valueIndex * HASH) >>> 2;
      const to = (nodesStart + node * HASH) >>> 2;
      for (let w = 0; w < 8; w++) words[to + w] = words[from + w] as number;
      treeIndices[valueIndex] = node;
    }
    hasher.hashNodes(nodesStart, leafCount);
    return merkleTreeOver(hasher.memory().slice(nodesStart, nodesStart + nodeCount * HASH), treeIndices);
  } finally {
    hasher.releaseBuildRegion();
  }
}

const roundUp = (bytes: number) => Math.ceil(bytes / HASH) * HASH;

/**
 * A tree over nodes already laid out and hashed (a loaded dump): `treeIndices[valueIndex]` is the
 * value's leaf node.
 */
export function merkleTreeOver(givenNodes: Uint8Array, treeIndices: Uint32Array): MerkleTree {
  const leafCount = treeIndices.length;
  // Proofs copy 4-byte words: keep the nodes aligned.
  const nodes = givenNodes.byteOffset % 4 === 0 ? givenNodes : givenNodes.slice();
  const nodeWords = new Uint32Array(nodes.buffer, nodes.byteOffset, nodes.byteLength / 4);
  const checkIndex = (valueIndex: number) => {
    if (!Number.isInteger(valueIndex) || valueIndex < 0 || valueIndex >= leafCount) {
      throw new InvalidMerkleTreeError(
        `value index ${valueIndex} is outside 0..${leafCount - 1}`,
        "Pass the index of the value in the list the tree was built from.",
      );
    }
    return treeIndices[valueIndex] as number;
  };
  const proofLengthOf = (node: number) => 31 - Math.clz32(node + 1);
  let lastOut: Uint8Array | undefined;
  let lastOutWords: Uint32Array | undefined;
  return {
    root: bytesToHex(nodes, 0, HASH),
    length: leafCount,
    nodes,
    node(nodeIndex) {
      if (!Number.isInteger(nodeIndex) || nodeIndex < 0 || nodeIndex >= 2 * leafCount - 1) {
        throw new InvalidMerkleTreeError(
          `node index ${nodeIndex} is outside 0..${2 * leafCount - 2}`,
          "Node indices follow OZ's layout: 0 is the root, the last `length` nodes are the leaves.",
        );
      }
      return bytesToHex(nodes, nodeIndex * HASH, HASH);
    },
    treeIndexOf: checkIndex,
    leafHash: (valueIndex) => bytesToHex(nodes, checkIndex(valueIndex) * HASH, HASH),
    proofLength: (valueIndex) => proofLengthOf(checkIndex(valueIndex)),
    proofInto(valueIndex, out, offset = 0) {
      let node = checkIndex(valueIndex);
      const count = proofLengthOf(node);
      if (!Number.isInteger(offset) || offset < 0 || offset + count * HASH > out.length) {
        throw new InvalidMerkleTreeError(
          `a proof of ${count} hashes does not fit in ${out.length - offset} bytes from offset ${offset}`,
          "Size the buffer with proofLength(valueIndex) × 32.",
        );
      }
      if (out.byteOffset % 4 !== 0 || offset % 4 !== 0) {
        for (let written = 0; node > 0; written++, node = (node - 1) >>> 1) {
          copyHash(nodes, (node % 2 === 1 ? node + 1 : node - 1) * HASH, out, offset + written * HASH);
        }
        return count;
      }
      // Word copies through a view of `out` kept from the previous call (callers reuse one buffer).
      if (lastOut !== out) {
        lastOut = out;
        lastOutWords = new Uint32Array(out.buffer, out.byteOffset, out.byteLength >>> 2);
      }
      const outWords = lastOutWords as Uint32Array;
      for (let to = offset >>> 2; node > 0; to += 8, node = (node - 1) >>> 1) {
        const from = (node % 2 === 1 ? node + 1 : node - 1) * 8;
        for (let w = 0; w < 8; w++) outWords[to + w] = nodeWords[from + w] as number;
      }
      return count;
    },
    getProof(valueIndex) {
      let node = checkIndex(valueIndex);
      const proof: Hex[] = [];
      while (node > 0) {
        proof.push(bytesToHex(nodes, (node % 2 === 1 ? node + 1 : node - 1) * HASH, HASH));
        node = (node - 1) >>> 1;
      }
      return proof;
    },
  };
}

/**
 * The value indices in ascending leaf-hash order, ties in value order. A counting sort on the
 * leading bits (keccak outputs are uniform, so buckets hold a handful of leaves), then each bucket
 * sorted on the full hash: linear time for honest leaves, n log n at worst.
 */
export function sortedLeafOrder(leafHashes: Uint8Array, leafCount: number): Uint32Array {
  const bits = Math.min(16, Math.max(1, Math.ceil(Math.log2(leafCount))));
  const shift = 16 - bits;
  const bucketCount = 1 << bits;
  const bucketOf = (valueIndex: number) =>
    (((leafHashes[valueIndex * HASH] as number) << 8) | (leafHashes[valueIndex * HASH + 1] as number)) >>> shift;
  const starts = new Uint32Array(bucketCount + 1);
  for (let i = 0; i < leafCount; i++) {
    const slot = bucketOf(i) + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let b = 0; b < bucketCount; b++) starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  const next = starts.slice(0, bucketCount);
  const order = new Uint32Array(leafCount);
  // Ascending value order into each bucket: the counting sort is stable.
  for (let i = 0; i < leafCount; i++) {
    const bucket = bucketOf(i);
    const position = next[bucket] as number;
    order[position] = i;
    next[bucket] = position + 1;
  }

  const before = (a: number, b: number) => compareHashes(leafHashes, a * HASH, leafHashes, b * HASH) || a - b;
  for (let b = 0; b < bucketCount; b++) {
    const start = starts[b] as number;
    const end = starts[b + 1] as number;
    if (end - start < 2) continue;
    if (end - start > INSERTION_SORT_LIMIT) {
      order.subarray(start, end).sort(before);
      continue;
    }
    for (let i = start + 1; i < end; i++) {
      const current = order[i] as number;
      let j = i - 1;
      while (j >= start && before(order[j] as number, current) > 0) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = current;
    }
  }
  return order;
}

function copyHash(from: Uint8Array, fromOffset: number, to: Uint8Array, toOffset: number): void {
  for (let i = 0; i < HASH; i++) to[toOffset + i] = from[fromOffset + i] as number;
}

function checkLeafCount(leafCount: number): void {
  if (!Number.isInteger(leafCount) || leafCount < 1) {
    throw new InvalidMerkleTreeError(
      `a tree needs at least one leaf, got ${leafCount}`,
      "Commit an empty list as the zero root instead of building a tree (see docs/commitments.md).",
    );
  }
  if (leafCount > MAX_LEAVES) {
    throw new InvalidMerkleTreeError(
      `${leafCount} leaves exceed the ${MAX_LEAVES} supported`,
      "Split the values over several trees.",
    );
  }
}
