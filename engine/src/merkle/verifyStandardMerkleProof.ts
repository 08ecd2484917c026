import type { Hex } from "viem";
import { bytesToHex, compareHashes, writeHexExact } from "./hexBytes.ts";
import { type KeccakHasher, keccakHasher } from "./keccakHasher.ts";
import { InvalidMerkleTreeError } from "./merkleTreeErrors.ts";
import { standardLeafHashWithHasher } from "./standardLeafHash.ts";

/**
 * The root a proof leads to from a leaf hash: each step hashes the running node with the next
 * proof hash in ascending order (OZ's `processProof`, Solidity's `MerkleProof.processProof`).
 */
export function processMerkleProof(hasher: KeccakHasher, leafHash: Hex, proof: readonly Hex[]): Hex {
  const pair = new Uint8Array(64);
  const node = new Uint8Array(32);
  const sibling = new Uint8Array(32);
  readHash(leafHash, node, "the leaf hash");
  for (const [step, hash] of proof.entries()) {
    readHash(hash, sibling, `proof hash ${step}`);
    const nodeFirst = compareHashes(node, 0, sibling, 0) <= 0;
    pair.set(nodeFirst ? node : sibling, 0);
    pair.set(nodeFirst ? sibling : node, 32);
    hasher.hashInto(pair, node, 0);
  }
  return bytesToHex(node, 0, 32);
}

export type VerifyStandardMerkleProofParameters = {
  root: Hex;
  leafEncoding: readonly string[];
  value: readonly unknown[];
  proof: readonly Hex[];
};

/** OZ's `StandardMerkleTree.verify(root, leafEncoding, value, proof)`. */
export async function verifyStandardMerkleProof(parameters: VerifyStandardMerkleProofParameters): Promise<boolean> {
  const hasher = await keccakHasher();
  const { root, leafEncoding, value, proof } = parameters;
  const leaf = standardLeafHashWithHasher(hasher, { leafEncoding, value });
  return processMerkleProof(hasher, leaf, proof) === root.toLowerCase();
}

function readHash(hex: Hex, out: Uint8Array, what: string): void {
  if (!writeHexExact(hex, out, 0, 32)) {
    throw new InvalidMerkleTreeError(
      `${what} is not a 32-byte hash: ${JSON.stringify(hex)}`,
      "Pass 0x followed by 64 hex digits.",
    );
  }
}
