import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson } from "./canonicalJson.ts";

describe("canonicalJson", () => {
  it("sorts keys by UTF-16 code units and drops whitespace (RFC 8785 section 3.2.3)", () => {
    // RFC 8785's own sorting example orders "\u20ac" (euro) after "\r" and before the emoji key.
    expect(canonicalJson({ b: 1, a: [true, null, "x"], "\u20ac": 2, "\r": 3 })).toBe(
      '{"\\r":3,"a":[true,null,"x"],"b":1,"\u20ac":2}',
    );
  });

  it("writes numbers in ECMAScript shortest form and -0 as 0", () => {
    expect(canonicalJson([1e21, 0.1, -0, 1.5e-7])).toBe("[1e+21,0.1,0,1.5e-7]");
  });

  it("writes bigints as decimal strings so fixed-point money survives exactly", () => {
    expect(canonicalJson({ cash: 12_345_678_901_234_567_890n })).toBe('{"cash":"12345678901234567890"}');
  });

  it("omits undefined properties but rejects values JSON cannot hold", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ x: [1, Number.NaN] })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ x: [1, Number.NaN] })).toThrow(/at \$\.x\[1\]/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/Date object at \$\.when/);
  });
});
