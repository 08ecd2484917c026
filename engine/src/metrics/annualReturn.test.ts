import { describe, expect, it } from "vitest";
import { annualReturn } from "./annualReturn.ts";
import { METRIC_VALUE_LIMIT } from "./metric.ts";

const equity = [100, 110, 104.5, 106.59, 95.931, 103.60548]; // worked example, see totalReturn.test.ts

describe("annualReturn (CAGR, empyrical annual_return)", () => {
  it("compounds the total growth over periodsPerYear / returns", () => {
    // 1.0360548^(252 / 5) - 1 = e^(50.4 × ln 1.0360548) - 1 = e^(50.4 × 0.0354196...) - 1 = 4.9605927...
    // numpy: (1 + 0.0360548) ** (252 / 5) - 1 = 4.960592714292198
    expect(annualReturn({ equity, periodsPerYear: 252 })).toBeCloseTo(4.960592714292198, 11);
  });

  it("is the total return when the season lasts exactly one year", () => {
    // 12 monthly marks of +1%: 1.01^12 - 1 over exactly one year of periods.
    const monthly = Array.from({ length: 13 }, (_, i) => 100 * 1.01 ** i);
    expect(annualReturn({ equity: monthly, periodsPerYear: 12 })).toBeCloseTo(1.01 ** 12 - 1, 12);
  });

  it("is null before any return, -1 when bust, clamped when a short season explodes", () => {
    expect(annualReturn({ equity: [100], periodsPerYear: 252 })).toBeNull();
    expect(annualReturn({ equity: [100, -5], periodsPerYear: 252 })).toBe(-1);
    // One hour of +10% annualized over 8,760 hours: 1.1^8760 overflows to Infinity → the limit.
    expect(annualReturn({ equity: [100, 110], periodsPerYear: 8760 })).toBe(METRIC_VALUE_LIMIT);
  });
});
