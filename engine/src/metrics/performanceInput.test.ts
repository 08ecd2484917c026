import { describe, expect, it } from "vitest";
import { InvalidPerformanceInputError, type PerformanceInput, preparePerformance } from "./performanceInput.ts";

const valid: PerformanceInput = {
  equity: [100, 110, 99],
  periodsPerYear: 365,
  riskFreeRatePerYear: 0.04,
  closedTrades: [{ pnl: 10 }],
  fillCount: 2,
  exposure: [0, 1, 1],
  tradedNotionalByMarket: { BTC: 200 },
};

describe("preparePerformance", () => {
  it("derives returns, the per-period risk-free rate and a weekly sub-period by default", () => {
    const prepared = preparePerformance(valid);
    expect(prepared.returns).toHaveLength(2);
    expect(prepared.returns[0]).toBeCloseTo(0.1, 15);
    // 1.04^(1/365) - 1
    expect(prepared.riskFreePerPeriod).toBeCloseTo(Math.expm1(Math.log(1.04) / 365), 18);
    // round(365 / 52) = round(7.02) = 7 days; round(252 / 52) = 5 trading days; round(8760 / 52) = 168 hours.
    expect(prepared.subPeriodLength).toBe(7);
    expect(preparePerformance({ ...valid, periodsPerYear: 252 }).subPeriodLength).toBe(5);
    expect(preparePerformance({ ...valid, periodsPerYear: 8760 }).subPeriodLength).toBe(168);
    expect(preparePerformance({ ...valid, subPeriodLength: 24 }).subPeriodLength).toBe(24);
  });

  it("accepts a bust last mark", () => {
    expect(preparePerformance({ ...valid, equity: [100, 50, -3] }).returns).toHaveLength(2);
  });

  it("reports every problem at once, each saying what is wrong", () => {
    const bad: PerformanceInput = {
      equity: [100, 0, Number.NaN, 5],
      periodsPerYear: 0,
      riskFreeRatePerYear: -1,
      closedTrades: [{ pnl: Number.POSITIVE_INFINITY }],
      fillCount: 1.5,
      exposure: [-1],
      tradedNotionalByMarket: { ETH: -2 },
      subPeriodLength: 0,
    };
    let caught: unknown;
    try {
      preparePerformance(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidPerformanceInputError);
    const problems = (caught as InvalidPerformanceInputError).problems;
    expect(problems).toEqual([
      "equity[1] is 0: only the last mark may be zero or below (the entrant is bust)",
      "equity[2] is NaN, not a finite number",
      "periodsPerYear is 0: use 252, 365, 8760 or another positive number",
      "riskFreeRatePerYear is -1: give a decimal above -1 (0.05 = 5%)",
      "closedTrades[0].pnl is Infinity, not a finite number",
      "fillCount is 1.5: it must be a non-negative integer",
      "exposure[0] is -1: it must be finite and >= 0",
      "tradedNotionalByMarket.ETH is -2: it must be finite and >= 0",
      "subPeriodLength is 0: it must be a positive integer number of marks",
    ]);
    expect((caught as Error).message).toMatch(/^Invalid performance input: 9 problems\./);
    expect((caught as Error).message).toMatch(/Hint: /);
  });

  it("rejects an empty equity series", () => {
    expect(() => preparePerformance({ ...valid, equity: [] })).toThrow(/equity is empty/);
  });
});
