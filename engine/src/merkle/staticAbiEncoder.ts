import { writeHexExact, writeHexRightAligned } from "./hexBytes.ts";
import { InvalidLeafValueError, UnsupportedLeafTypeError } from "./merkleTreeErrors.ts";

/**
 * `abi.encode` of a tuple of static ABI types, written by hand into a caller's buffer: every field
 * is one 32-byte word, so a leaf's encoding has a fixed length and one buffer serves every leaf.
 * Accepts the value forms @openzeppelin/merkle-tree users pass (bigints, safe integers, decimal or
 * 0x strings for integers; 0x strings for addresses and bytesN; booleans), and checks every range
 * the ABI defines instead of truncating.
 */
export type StaticAbiEncoder = {
  readonly types: readonly string[];
  /** 32 × the number of fields. */
  readonly encodedLength: number;
  /**
   * Writes `abi.encode(values)` into `out[offset .. offset + encodedLength)` (every byte, padding
   * included). `valueIndex` only labels errors.
   */
  encode(values: readonly unknown[], out: Uint8Array, offset?: number, valueIndex?: number): void;
};

/** Writes one field's word; returns what is wrong with the value, or undefined when it was written. */
type WordWriter = (value: unknown, out: Uint8Array, offset: number) => string | undefined;

const WORD = 32;
const TWO_POW_256 = 1n << 256n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DECIMAL = /^-?\d+$/;
const HEX = /^-?0x[0-9a-fA-F]+$/;

/** The integer a uintN/intN value stands for, or a string saying why it is not one. */
function integerOf(value: unknown): bigint | number | string {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : "a number that is not a safe integer";
  if (typeof value === "string") {
    if (DECIMAL.test(value)) return BigInt(value);
    if (HEX.test(value)) return value.startsWith("-") ? -BigInt(value.slice(1)) : BigInt(value);
    return "a string that is not a decimal or 0x integer";
  }
  return `a ${typeof value}, not an integer`;
}

/** Big-endian two's complement of `value` (already range-checked) into a zeroed word. */
function writeIntegerWord(value: bigint | number, out: Uint8Array, offset: number): void {
  out.fill(0, offset, offset + WORD);
  if (typeof value === "number" && value >= 0) {
    let rest = value;
    for (let i = offset + WORD - 1; rest > 0; i--) {
      out[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    return;
  }
  let big = BigInt(value);
  if (big < 0n) big += TWO_POW_256;
  if (big <= MAX_SAFE) {
    writeIntegerWord(Number(big), out, offset);
    return;
  }
  writeHexRightAligned(`0x${big.toString(16)}`, out, offset, WORD);
}

function integerWriter(signed: boolean, bits: number): WordWriter {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  // Bounds as numbers when they are exact, so that small values skip bigint comparisons.
  const minNumber = min >= -MAX_SAFE ? Number(min) : Number.MIN_SAFE_INTEGER;
  const maxNumber = max <= MAX_SAFE ? Number(max) : Number.MAX_SAFE_INTEGER;
  return (value, out, offset) => {
    const integer = integerOf(value);
    if (typeof integer === "string") return integer;
    const inRange =
      typeof integer === "number" ? integer >= minNumber && integer <= maxNumber : integer >= min && integer <= max;
    if (!inRange) return `out of range [${min}, ${max}]`;
    writeIntegerWord(integer, out, offset);
    return undefined;
  };
}

const writeAddress: WordWriter = (value, out, offset) => {
  if (typeof value !== "string") return `a ${typeof value}, not a 0x address string`;
  out.fill(0, offset, offset + WORD);
  return writeHexExact(value, out, offset + 12, 20) ? undefined : "not 0x followed by 40 hex digits";
};

const writeBool: WordWriter = (value, out, offset) => {
  if (typeof value !== "boolean") return `a ${typeof value}, not a boolean`;
  out.fill(0, offset, offset + WORD);
  out[offset + WORD - 1] = value ? 1 : 0;
  return undefined;
};

function fixedBytesWriter(length: number): WordWriter {
  return (value, out, offset) => {
    if (typeof value !== "string") return `a ${typeof value}, not a 0x string`;
    out.fill(0, offset, offset + WORD);
    // bytesN is left-aligned in its word, zero-padded on the right.
    return writeHexExact(value, out, offset, length) ? undefined : `not 0x followed by ${2 * length} hex digits`;
  };
}

const INTEGER_TYPE = /^(u?)int(\d*)$/;
const BYTES_TYPE = /^bytes(\d+)$/;

function writerFor(type: string, fieldIndex: number): WordWriter {
  if (type === "address") return writeAddress;
  if (type === "bool") return writeBool;
  const integer = INTEGER_TYPE.exec(type);
  if (integer !== null) {
    const bits = integer[2] === "" ? 256 : Number(integer[2]);
    if (bits >= 8 && bits <= 256 && bits % 8 === 0 && !integer[2]?.startsWith("0")) {
      return integerWriter(integer[1] !== "u", bits);
    }
  }
  const bytes = BYTES_TYPE.exec(type);
  if (bytes !== null) {
    const length = Number(bytes[1]);
    if (length >= 1 && length <= 32 && !bytes[1]?.startsWith("0")) return fixedBytesWriter(length);
  }
  throw new UnsupportedLeafTypeError(type, fieldIndex);
}

export function createStaticAbiEncoder(types: readonly string[]): StaticAbiEncoder {
  const writers = types.map(writerFor);
  const frozenTypes = Object.freeze([...types]);
  return {
    types: frozenTypes,
    encodedLength: WORD * types.length,
    encode(values, out, offset = 0, valueIndex) {
      if (!Array.isArray(values) || values.length !== writers.length) {
        throw new InvalidLeafValueError({
          valueIndex,
          fieldIndex: -1,
          type: `(${frozenTypes.join(",")})`,
          value: values,
          problem: `expected an array of ${writers.length} values`,
        });
      }
      for (let field = 0; field < writers.length; field++) {
        const problem = (writers[field] as WordWriter)(values[field], out, offset + field * WORD);
        if (problem !== undefined) {
          throw new InvalidLeafValueError({
            valueIndex,
            fieldIndex: field,
            type: frozenTypes[field] as string,
            value: values[field],
            problem,
          });
        }
      }
    },
  };
}
