import { describe, expect, it } from "vitest";
import { shortTextBytes32, ZERO_BYTES32 } from "./shortTextBytes32.ts";

describe("shortTextBytes32", () => {
  it("left-aligns the UTF-8 bytes and pads with zeros (ethers' encodeBytes32String)", () => {
    // "BTC" = 0x42 0x54 0x43 in ASCII; "€" = 0xe2 0x82 0xac in UTF-8.
    expect(shortTextBytes32("BTC", "symbol")).toBe(`0x425443${"00".repeat(29)}`);
    expect(shortTextBytes32("€", "symbol")).toBe(`0xe282ac${"00".repeat(29)}`);
    expect(shortTextBytes32("", "symbol")).toBe(ZERO_BYTES32);
    expect(shortTextBytes32("A".repeat(31), "symbol")).toBe(`0x${"41".repeat(31)}00`);
  });

  it("refuses 32 bytes or more (no room for the terminating zero) and NUL characters", () => {
    expect(() => shortTextBytes32("A".repeat(32), "record 4 symbol")).toThrow("record 4 symbol");
    expect(() => shortTextBytes32("€".repeat(11), "symbol")).toThrow("does not fit a bytes32 text field"); // 33 bytes
    expect(() => shortTextBytes32("A\u0000B", "symbol")).toThrow("no NUL character");
  });
});
