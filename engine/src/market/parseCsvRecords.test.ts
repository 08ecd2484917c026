import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "./parseCsvRecords.ts";

describe("parseCsvRecords", () => {
  it("splits lines and fields, skipping blank lines and a byte-order mark, keeping line numbers", () => {
    expect(parseCsvRecords("\uFEFFa,b\r\n1,2\r\n\r\n3,4\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 4, fields: ["3", "4"] },
    ]);
  });

  it("reads quoted fields with commas and doubled quotes", () => {
    expect(parseCsvRecords('"x, y","say ""hi""",3')).toEqual([{ line: 1, fields: ["x, y", 'say "hi"', "3"] }]);
  });

  it("flags an unterminated quote", () => {
    expect(parseCsvRecords('1,"2')[0]?.error).toBe("unterminated quoted field");
  });
});
