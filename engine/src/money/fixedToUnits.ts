import type { Fixed } from "./fixed.ts";

// The bigint written into an 8-byte buffer as a BigInt64 and read back as two 32-bit words: the
// optimizing compiler does this inline, where Number(bigint) is a builtin call (about 2.5× slower
// with the range check, measured in isolation).
const int64 = new BigInt64Array(1);
const signed = new Int32Array(int64.buffer);
const unsigned = new Uint32Array(int64.buffer);
// The words' order in memory; on a big-endian machine the high word comes first.
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;
const TWO_32 = 4_294_967_296;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * Number(value), bit for bit: a fixed-point amount as a double of units (10⁻⁸). high × 2^32 is
 * exact and adding the low word rounds once, to nearest, ties to even, as Number() does. Past the
 * 64-bit range (never in practice) it is Number() itself.
 */
export function fixedToUnits(value: Fixed): number {
  if (value > INT64_MAX || value < INT64_MIN) return Number(value);
  int64[0] = value;
  return (signed[HIGH] as number) * TWO_32 + (unsigned[LOW] as number);
}
