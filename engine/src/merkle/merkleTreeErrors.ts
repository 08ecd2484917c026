import { PodiumError } from "../errors/podiumError.ts";

export type UnsupportedLeafTypeErrorType = UnsupportedLeafTypeError;

/** A leaf encoding names a type the fast builder does not encode (dynamic types, tuples, arrays). */
export class UnsupportedLeafTypeError extends PodiumError {
  override name = "UnsupportedLeafTypeError";
  readonly type: string;

  constructor(type: string, fieldIndex: number) {
    super(`Leaf type "${type}" (field ${fieldIndex}) is not supported by the fast Merkle builder.`, {
      details:
        "Supported: address, bool, bytes1..bytes32, uint8..uint256 and int8..int256 (multiples of 8), uint, int.",
      hint: "Use static ABI types (hash a string or dynamic value into a bytes32 first), or build the tree with @openzeppelin/merkle-tree's StandardMerkleTree.",
    });
    this.type = type;
  }
}

export type InvalidLeafValueErrorType = InvalidLeafValueError;

/** A leaf value does not fit its ABI type. */
export class InvalidLeafValueError extends PodiumError {
  override name = "InvalidLeafValueError";
  readonly valueIndex: number | undefined;
  readonly fieldIndex: number;
  readonly type: string;

  constructor(parameters: {
    valueIndex: number | undefined;
    fieldIndex: number;
    type: string;
    value: unknown;
    problem: string;
  }) {
    const { valueIndex, fieldIndex, type, value, problem } = parameters;
    const where = valueIndex === undefined ? `field ${fieldIndex}` : `value ${valueIndex}, field ${fieldIndex}`;
    super(`Invalid leaf value at ${where} (${type}): ${problem}.`, {
      details: `Got ${describe(value)}.`,
      hint: "Numbers: bigint, safe integer, or decimal/0x string in the type's range; address: 0x + 40 hex digits; bytesN: 0x + 2N hex digits; bool: true or false.",
    });
    this.valueIndex = valueIndex;
    this.fieldIndex = fieldIndex;
    this.type = type;
  }
}

export type InvalidMerkleTreeErrorType = InvalidMerkleTreeError;

/** A tree cannot be built or loaded: no leaves, a bad index, or a dump whose nodes do not hash up. */
export class InvalidMerkleTreeError extends PodiumError {
  override name = "InvalidMerkleTreeError";

  constructor(problem: string, hint: string) {
    super(`Invalid Merkle tree: ${problem}.`, { hint });
  }
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === undefined) return "undefined";
  try {
    return `${typeof value} ${JSON.stringify(value)}`;
  } catch {
    return typeof value;
  }
}
