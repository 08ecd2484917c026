import { describe, expect, it } from "vitest";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";

describe("riskFreePerPeriod", () => {
  it("compounds back to the annual rate", () => {
    // Python decimal at 40 digits: exp(ln(1.05) / 252) - 1 = 0.000193630506544079874259...
    // (numpy's (1.05) ** (1 / 252) - 1 gives ...397362: the subtraction loses digits, expm1/log1p does not).
    expect(riskFreePerPeriod(0.05, 252)).toBeCloseTo(0.00019363050654407988, 19);
    // (1 + x)^8760 must give back 1.04 for an hourly season.
    expect((1 + riskFreePerPeriod(0.04, 8760)) ** 8760).toBeCloseTo(1.04, 10);
  });

  it("keeps a zero rate exactly zero", () => {
    expect(riskFreePerPeriod(0, 365)).toBe(0);
  });
});
