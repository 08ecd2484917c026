import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedToUnits } from "./fixedToUnits.ts";

describe("fixedToUnits", () => {
  it("is Number(value) for every bigint, rounding included", () => {
    const edges = [0n, 1n, -1n, 2n ** 53n + 1n, 2n ** 53n + 3n, -(2n ** 53n) - 1n, 2n ** 62n + 2n ** 10n + 1n];
    const beyond = [2n ** 63n - 1n, -(2n ** 63n), 2n ** 63n, -(2n ** 63n) - 1n, 2n ** 90n + 12_345n];
    for (const value of [...edges, ...beyond]) expect(fixedToUnits(value)).toBe(Number(value));
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: -(2n ** 56n), max: 2n ** 56n }), fc.bigInt()), (value) => {
        expect(fixedToUnits(value)).toBe(Number(value));
      }),
      { numRuns: 20_000 },
    );
  });
});
