import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXACT_LIMIT } from "./exactMulFixed.ts";
import { exactToFixed } from "./exactToFixed.ts";

describe("exactToFixed", () => {
  it("is BigInt(units) for every integer double within ±(2^53 − 1)", () => {
    const edges = [0, -0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, -(2 ** 32), -(2 ** 32) - 1];
    for (const units of [...edges, EXACT_LIMIT - 1, -(EXACT_LIMIT - 1)])
      expect(exactToFixed(units)).toBe(BigInt(units));
    fc.assert(
      fc.property(fc.maxSafeInteger(), (units) => {
        expect(exactToFixed(units)).toBe(BigInt(units));
      }),
      { numRuns: 20_000 },
    );
  });
});
