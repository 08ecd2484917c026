import type { Hex } from "viem";
import { bytesToHex } from "./hexBytes.ts";
import { type KeccakHasher, keccakHasher } from "./keccakHasher.ts";
import { createStaticAbiEncoder } from "./staticAbiEncoder.ts";

export type StandardLeafHashParameters = {
  leafEncoding: readonly string[];
  value: readonly unknown[];
};

/** keccak256(keccak256(abi.encode(value))): @openzeppelin/merkle-tree's `standardLeafHash`. */
export async function standardLeafHash(parameters: StandardLeafHashParameters): Promise<Hex> {
  return standardLeafHashWithHasher(await keccakHasher(), parameters);
}

export function standardLeafHashWithHasher(
  hasher: KeccakHasher,
  { leafEncoding, value }: StandardLeafHashParameters,
): Hex {
  const encoder = createStaticAbiEncoder(leafEncoding);
  const encoded = new Uint8Array(encoder.encodedLength);
  encoder.encode(value, encoded);
  const hash = new Uint8Array(32);
  hasher.hashInto(encoded, hash, 0);
  hasher.hashInto(hash.slice(), hash, 0);
  return bytesToHex(hash, 0, 32);
}
