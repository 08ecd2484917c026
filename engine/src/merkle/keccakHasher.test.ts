import fc from "fast-check";
import { keccak256, stringToBytes, toHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { createKeccakHasher, type KeccakHasher, keccakHasher } from "./keccakHasher.ts";
import { keccakRoundConstants } from "./keccakWasm.ts";

let hasher: KeccakHasher;
beforeAll(async () => {
  hasher = await keccakHasher();
});

const hash = (input: Uint8Array) => {
  const out = new Uint8Array(32);
  hasher.hashInto(input, out, 0);
  return toHex(out);
};

describe("keccak round constants", () => {
  it("derive FIPS 202's table from the LFSR", () => {
    const constants = keccakRoundConstants();
    expect(constants).toHaveLength(24);
    // FIPS 202 / keccak.team "Keccak-f round constants": RC[0], RC[1], RC[12], RC[23].
    expect(constants[0]).toBe(0x0000000000000001n);
    expect(constants[1]).toBe(0x0000000000008082n);
    expect(constants[12]).toBe(0x000000008000808bn);
    expect(constants[23]).toBe(0x8000000080008008n);
  });
});

describe("keccakHasher (WebAssembly keccak256)", () => {
  it("matches the published Keccak-256 vectors", () => {
    // Keccak-256 (Ethereum's keccak256) of "" and "abc", e.g. the Ethereum yellow paper / keccak.team.
    expect(hash(new Uint8Array(0))).toBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(hash(stringToBytes("abc"))).toBe("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  });

  it("equals viem's keccak256 for every length around the 136-byte block boundaries", () => {
    // 0..420 covers empty, one-byte-short-of-a-block (135: both padding bits in one byte), exact
    // blocks (136, 272) and multi-block messages.
    for (let length = 0; length <= 420; length++) {
      const input = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7) & 0xff);
      expect(hash(input), `length ${length}`).toBe(keccak256(input));
    }
  });

  it("equals viem's keccak256 on random inputs", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000, size: "max" }), (input) => hash(input) === keccak256(input)),
      { numRuns: 500, seed: 61_122 },
    );
  });

  it("hashes inputs beyond its 64 KiB input area correctly", () => {
    const input = Uint8Array.from({ length: 70_000 }, (_, i) => i & 0xff);
    expect(hash(input)).toBe(keccak256(input));
  });

  it("writes at the offset asked and nowhere else", () => {
    const out = new Uint8Array(96).fill(0xee);
    hasher.hashInto(stringToBytes("abc"), out, 32);
    expect(toHex(out.subarray(32, 64))).toBe(keccak256(stringToBytes("abc")));
    expect(out.subarray(0, 32).every((byte) => byte === 0xee)).toBe(true);
    expect(out.subarray(64).every((byte) => byte === 0xee)).toBe(true);
  });

  it("shares one instance per process; createKeccakHasher gives independent ones", async () => {
    expect(await keccakHasher()).toBe(hasher);
    const own = await createKeccakHasher();
    expect(own).not.toBe(hasher);
    const out = new Uint8Array(32);
    own.hashInto(stringToBytes("abc"), out, 0);
    expect(toHex(out)).toBe(keccak256(stringToBytes("abc")));
  });
});
