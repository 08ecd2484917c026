import type { Fixed } from "./fixed.ts";

// The integer's two 32-bit halves written into an 8-byte buffer and read back as a BigInt64: the
// optimizing compiler does this inline, where BigInt(number) is a runtime call (about 2.5× slower).
const words = new Uint32Array(2);
const int64 = new BigInt64Array(words.buffer);
const TWO_32 = 4_294_967_296;
// The halves' order in memory; on a big-endian machine the high word comes first.
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * BigInt(units) for an integer double within ±(2^53 − 1) (exact fixed-point units: isExactUnits),
 * the quiet mark's equity, without the runtime call. Other inputs are not checked: the caller
 * guarantees the range.
 */
export function exactToFixed(units: number): Fixed {
  const high = Math.floor(units / TWO_32);
  words[LOW] = units - high * TWO_32;
  // Two's complement of a negative high word: the int64 is high × 2^32 + low.
  words[HIGH] = high >>> 0;
  return int64[0] as bigint;
}
