/**
 * Builds the same tree as `StandardMerkleTree.of(values, types)` from @openzeppelin/merkle-tree
 * (leaves double-hashed and sorted by hash, nodes hashed as sorted pairs, the array layout of
 * OpenZeppelin's `makeMerkleTree`) for trees too large for that library: 1,000,000 leaves take
 * about 4 minutes and 3.6 GB there, a few seconds here. Leaves must be fixed-size ABI encodings
 * (only static types), written straight into a byte buffer; keccak comes from hash-wasm.
 *
 * The equality of roots and proofs with OpenZeppelin's library is asserted by
 * fastStandardMerkleTree.test.ts on trees both can build.
 */
import { createKeccak } from "hash-wasm";
import type { Hex } from "viem";

export type FastStandardMerkleTree = {
  readonly root: Hex;
  readonly leafCount: number;
  /** The leaf hash of the value at `valueIndex` (the order in which the values were given). */
  leafHash(valueIndex: number): Hex;
  /** The proof of the value at `valueIndex`, in the order `MerkleProof.verify` expects. */
  getProof(valueIndex: number): Hex[];
};

export type BuildFastStandardMerkleTreeParameters = {
  leafCount: number;
  /** Length in bytes of one encoded value: 32 times the number of static fields. */
  encodedLength: number;
  /** Writes `abi.encode(...)` of value `valueIndex` into `out` (already zeroed). */
  encode: (valueIndex: number, out: Uint8Array) => void;
  /**
   * `true` (default): leaf = keccak256(keccak256(encoded)), OpenZeppelin's standardLeafHash.
   * `false`: leaf = keccak256(encoded), for the single-hashed leaves of older distributors
   * (only the gas baselines use it).
   */
  doubleHashLeaves?: boolean;
};

const HASH = 32;
const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function toHex(bytes: Uint8Array, offset: number): Hex {
  let hex = "0x";
  for (let i = offset; i < offset + HASH; i++) hex += HEX_DIGITS[bytes[i] as number];
  return hex as Hex;
}

/** Lexicographic comparison of two 32-byte hashes stored in `bytes`: the order of OpenZeppelin's `compare`. */
function compareHashes(bytes: Uint8Array, a: number, b: number): number {
  for (let i = 0; i < HASH; i++) {
    const diff = (bytes[a + i] as number) - (bytes[b + i] as number);
    if (diff !== 0) return diff;
  }
  return 0;
}

export async function buildFastStandardMerkleTree(
  parameters: BuildFastStandardMerkleTreeParameters,
): Promise<FastStandardMerkleTree> {
  const { leafCount, encodedLength, encode, doubleHashLeaves = true } = parameters;
  if (!Number.isInteger(leafCount) || leafCount < 1) {
    throw new Error(`buildFastStandardMerkleTree: leafCount must be a positive integer, got ${leafCount}`);
  }
  if (!Number.isInteger(encodedLength) || encodedLength < 1) {
    throw new Error(`buildFastStandardMerkleTree: encodedLength must be a positive integer, got ${encodedLength}`);
  }
  const keccak = await createKeccak(256);
  const hashInto = (input: Uint8Array, out: Uint8Array, offset: number) => {
    keccak.init();
    keccak.update(input);
    out.set(keccak.digest("binary"), offset);
  };

  // Leaf hash = keccak256(keccak256(abi.encode(value))), as standardLeafHash.
  const leafHashes = new Uint8Array(leafCount * HASH);
  const encoded = new Uint8Array(encodedLength);
  const inner = new Uint8Array(HASH);
  for (let i = 0; i < leafCount; i++) {
    encoded.fill(0);
    encode(i, encoded);
    if (doubleHashLeaves) {
      hashInto(encoded, inner, 0);
      hashInto(inner, leafHashes, i * HASH);
    } else {
      hashInto(encoded, leafHashes, i * HASH);
    }
  }

  // StandardMerkleTree sorts the leaves by hash (sortLeaves defaults to true). The first 6 bytes
  // make an exact float key that decides almost every comparison without touching the rest.
  const order = new Uint32Array(leafCount);
  const keys = new Float64Array(leafCount);
  for (let i = 0; i < leafCount; i++) {
    order[i] = i;
    let key = 0;
    for (let b = 0; b < 6; b++) key = key * 256 + (leafHashes[i * HASH + b] as number);
    keys[i] = key;
  }
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || compareHashes(leafHashes, a * HASH, b * HASH));

  // makeMerkleTree: node i has children 2i+1 and 2i+2; the sorted leaves fill the end in reverse.
  const nodeCount = 2 * leafCount - 1;
  const tree = new Uint8Array(nodeCount * HASH);
  const treeIndexOfValue = new Uint32Array(leafCount);
  for (let position = 0; position < leafCount; position++) {
    const valueIndex = order[position] as number;
    const node = nodeCount - 1 - position;
    tree.set(leafHashes.subarray(valueIndex * HASH, valueIndex * HASH + HASH), node * HASH);
    treeIndexOfValue[valueIndex] = node;
  }
  const pair = new Uint8Array(2 * HASH);
  for (let node = nodeCount - 1 - leafCount; node >= 0; node--) {
    const left = (2 * node + 1) * HASH;
    const right = (2 * node + 2) * HASH;
    // standardNodeHash: keccak256 of the two children in ascending order.
    const [low, high] = compareHashes(tree, left, right) <= 0 ? [left, right] : [right, left];
    pair.set(tree.subarray(low, low + HASH), 0);
    pair.set(tree.subarray(high, high + HASH), HASH);
    hashInto(pair, tree, node * HASH);
  }

  const checkIndex = (valueIndex: number) => {
    if (!Number.isInteger(valueIndex) || valueIndex < 0 || valueIndex >= leafCount) {
      throw new Error(`FastStandardMerkleTree: value index ${valueIndex} is outside 0..${leafCount - 1}`);
    }
  };
  return {
    root: toHex(tree, 0),
    leafCount,
    leafHash(valueIndex) {
      checkIndex(valueIndex);
      return toHex(leafHashes, valueIndex * HASH);
    },
    getProof(valueIndex) {
      checkIndex(valueIndex);
      const proof: Hex[] = [];
      let node = treeIndexOfValue[valueIndex] as number;
      while (node > 0) {
        const sibling = node % 2 === 1 ? node + 1 : node - 1;
        proof.push(toHex(tree, sibling * HASH));
        node = Math.floor((node - 1) / 2);
      }
      return proof;
    },
  };
}

/**
 * Writes `value` big-endian into the `width` bytes at `offset`: a 32-byte ABI word by default
 * (uint256, address, bytes32), or a narrower packed field (20 for an `abi.encodePacked` address).
 */
export function writeWord(out: Uint8Array, offset: number, value: bigint | number, width = 32): void {
  if (typeof value === "number") {
    // Plain numbers (indices, small amounts) skip bigint arithmetic; they must be exact integers.
    let rest = value;
    for (let i = offset + width - 1; i >= offset && rest > 0; i--) {
      out[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    return;
  }
  let rest = value;
  for (let i = offset + width - 1; i >= offset && rest > 0n; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}
