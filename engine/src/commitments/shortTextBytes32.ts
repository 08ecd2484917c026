import { type Hex, stringToBytes, toHex } from "viem";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";

/** bytes32 zero: the empty text, and the root committed for an empty list of leaves. */
export const ZERO_BYTES32: Hex = `0x${"00".repeat(32)}`;

/**
 * A short text (asset symbol, record type, reason code) as a bytes32 leaf field: its UTF-8 bytes,
 * left-aligned and zero-padded, at most 31 bytes and no NUL, which is exactly ethers'
 * `encodeBytes32String` (and `decodeBytes32String` reads it back). "" is bytes32 zero.
 */
export function shortTextBytes32(text: string, what: string): Hex {
  const bytes = stringToBytes(text);
  if (bytes.length > 31 || bytes.includes(0)) {
    throw new InvalidCommitmentInputError(
      `${what} ${JSON.stringify(text)} does not fit a bytes32 text field`,
      "Short texts in leaves have at most 31 UTF-8 bytes and no NUL character.",
    );
  }
  return toHex(bytes, { size: 32 });
}
