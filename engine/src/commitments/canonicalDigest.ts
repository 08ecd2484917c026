import { type Hex, toHex } from "viem";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { KeccakHasher } from "../merkle/keccakHasher.ts";

const encoder = new TextEncoder();

/** keccak256 of the UTF-8 bytes of `canonicalJson(value)`: how every record, standing and artifact is digested. */
export function canonicalDigest(hasher: KeccakHasher, value: unknown): Hex {
  return textDigest(hasher, canonicalJson(value));
}

/** keccak256 of the UTF-8 bytes of `text`. */
export function textDigest(hasher: KeccakHasher, text: string): Hex {
  const out = new Uint8Array(32);
  hasher.hashInto(encoder.encode(text), out, 0);
  return toHex(out);
}
