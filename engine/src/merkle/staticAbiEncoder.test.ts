import fc from "fast-check";
import { type AbiParameter, encodeAbiParameters, getAddress, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidLeafValueError, UnsupportedLeafTypeError } from "./merkleTreeErrors.ts";
import { createStaticAbiEncoder } from "./staticAbiEncoder.ts";

const encode = (types: string[], values: unknown[]) => {
  const encoder = createStaticAbiEncoder(types);
  const out = new Uint8Array(encoder.encodedLength).fill(0xaa); // stale bytes must be overwritten
  encoder.encode(values, out);
  return toHex(out);
};
const viemEncode = (types: string[], values: unknown[]) =>
  encodeAbiParameters(
    types.map((type): AbiParameter => ({ type })),
    values,
  );

/** Each static type with values across its whole range, in the forms viem also accepts. */
const fields: { type: string; value: fc.Arbitrary<unknown> }[] = [
  { type: "uint256", value: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }) },
  { type: "int256", value: fc.bigInt({ min: -(2n ** 255n), max: 2n ** 255n - 1n }) },
  { type: "uint8", value: fc.integer({ min: 0, max: 255 }) },
  { type: "int8", value: fc.integer({ min: -128, max: 127 }) },
  { type: "int64", value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) },
  { type: "uint96", value: fc.bigInt({ min: 0n, max: 2n ** 96n - 1n }) },
  { type: "address", value: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => getAddress(toHex(bytes))) },
  { type: "bytes32", value: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => toHex(bytes)) },
  { type: "bytes4", value: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => toHex(bytes)) },
  { type: "bytes1", value: fc.uint8Array({ minLength: 1, maxLength: 1 }).map((bytes) => toHex(bytes)) },
  { type: "bool", value: fc.boolean() },
];

describe("createStaticAbiEncoder", () => {
  it("writes exactly viem's abi.encode for random tuples of static types", () => {
    const tuple = fc
      .array(fc.constantFrom(...fields), { minLength: 1, maxLength: 8 })
      .chain((chosen) =>
        fc.tuple(fc.constant(chosen.map((field) => field.type)), fc.tuple(...chosen.map((field) => field.value))),
      );
    fc.assert(
      fc.property(tuple, ([types, values]) => encode(types, values) === viemEncode(types, values)),
      { numRuns: 1_000, seed: 61_122 },
    );
  });

  it("accepts the integer forms OpenZeppelin users pass: bigint, safe integer, decimal and 0x strings", () => {
    const expected = viemEncode(["uint256", "int256"], [255n, -255n]);
    expect(encode(["uint256", "int256"], [255, -255])).toBe(expected);
    expect(encode(["uint256", "int256"], ["255", "-255"])).toBe(expected);
    expect(encode(["uint256", "int256"], ["0xff", "-0xff"])).toBe(expected);
    expect(encode(["uint", "int"], [255n, -255n])).toBe(expected); // aliases of the 256-bit types
  });

  it("accepts addresses in any case (the ABI encodes the 20 bytes, not the checksum)", () => {
    const address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const expected = viemEncode(["address"], [address]);
    expect(encode(["address"], [address.toLowerCase()])).toBe(expected);
    expect(encode(["address"], [`0x${address.slice(2).toUpperCase()}`])).toBe(expected);
  });

  it.each([
    ["uint8", 256, "out of range [0, 255]"],
    ["uint256", -1n, "out of range"],
    ["uint256", 2n ** 256n, "out of range"],
    ["int8", -129, "out of range [-128, 127]"],
    ["int256", 2n ** 255n, "out of range"],
    ["uint256", 1.5, "not a safe integer"],
    ["uint256", "12abc", "not a decimal or 0x integer"],
    ["uint256", true, "not an integer"],
    ["address", "0x1234", "not 0x followed by 40 hex digits"],
    ["address", 123, "not a 0x address string"],
    ["bytes32", `0x${"ab".repeat(31)}`, "not 0x followed by 64 hex digits"],
    ["bytes4", "0xzzzzzzzz", "not 0x followed by 8 hex digits"],
    ["bool", 1, "not a boolean"],
  ])("rejects %s value %s: %s", (type, value, problem) => {
    const encoder = createStaticAbiEncoder([type]);
    const attempt = () => encoder.encode([value], new Uint8Array(32), 0, 4);
    expect(attempt).toThrow(InvalidLeafValueError);
    expect(attempt).toThrow(problem);
    expect(attempt).toThrow(`value 4, field 0 (${type})`);
  });

  it("rejects a value list of the wrong length, naming the expected count", () => {
    const encoder = createStaticAbiEncoder(["uint256", "address"]);
    expect(() => encoder.encode([1n], new Uint8Array(64))).toThrow("expected an array of 2 values");
  });

  it.each(["string", "bytes", "uint7", "uint264", "uint08", "bytes0", "bytes33", "uint256[]", "(uint256,address)"])(
    "refuses the type %s with a hint",
    (type) => {
      expect(() => createStaticAbiEncoder(["uint256", type])).toThrow(UnsupportedLeafTypeError);
      expect(() => createStaticAbiEncoder(["uint256", type])).toThrow(`"${type}" (field 1)`);
    },
  );
});
