import type { Hex } from "viem";

/**
 * Byte ↔ hex conversions for the Merkle hot paths: table lookups on typed arrays, no intermediate
 * arrays or regular expressions, so that a million leaves cost a million short loops.
 */

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** Value of each ASCII hex digit (either case), -1 for any other character code below 128. */
const HEX_DIGIT_VALUES = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX_DIGIT_VALUES[digit.toString(16).charCodeAt(0)] = digit;
  HEX_DIGIT_VALUES[digit.toString(16).toUpperCase().charCodeAt(0)] = digit;
}

/** `0x`-prefixed lower-case hex of `length` bytes of `bytes` from `offset`. */
export function bytesToHex(bytes: Uint8Array, offset: number, length: number): Hex {
  let hex = "0x";
  for (let i = offset; i < offset + length; i++) hex += HEX_PAIRS[bytes[i] as number];
  return hex as Hex;
}

function digitValue(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (HEX_DIGIT_VALUES[code] as number) : -1;
}

/**
 * Writes the bytes of a `0x`-prefixed hex string into `out` at `offset`, right-aligned in a field of
 * `width` bytes (the digits may be fewer than `2 × width`, odd counts allowed: "0x1" is one byte).
 * Returns false, having written nothing useful, when the text is not hex or does not fit.
 */
export function writeHexRightAligned(text: string, out: Uint8Array, offset: number, width: number): boolean {
  if (text.length < 3 || text.charCodeAt(0) !== 48 /* 0 */ || (text.charCodeAt(1) | 32) !== 120 /* x */) return false;
  const digits = text.length - 2;
  if (digits > 2 * width) return false;
  let position = offset + width - 1;
  let index = text.length - 1;
  while (index >= 2) {
    const low = digitValue(text, index);
    const high = index - 1 >= 2 ? digitValue(text, index - 1) : 0;
    if (low < 0 || high < 0) return false;
    out[position] = high * 16 + low;
    position--;
    index -= 2;
  }
  return true;
}

/**
 * Writes exactly `length` bytes given as `0x` + `2 × length` hex digits into `out` at `offset`.
 * Returns false when the text is not exactly that.
 */
export function writeHexExact(text: string, out: Uint8Array, offset: number, length: number): boolean {
  if (text.length !== 2 + 2 * length) return false;
  return writeHexRightAligned(text, out, offset, length);
}

/** Lexicographic comparison of two 32-byte hashes, the order of OpenZeppelin's `compare`. */
export function compareHashes(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number): number {
  for (let i = 0; i < 32; i++) {
    const difference = (a[aOffset + i] as number) - (b[bOffset + i] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}
