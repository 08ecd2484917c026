import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { annualVolatility } from "./annualVolatility.ts";
import { averageDrawdown } from "./averageDrawdown.ts";
import { calmarRatio } from "./calmarRatio.ts";
import { maxDrawdown } from "./maxDrawdown.ts";
import { METRIC_VALUE_LIMIT } from "./metric.ts";
import type { PerformanceInput } from "./performanceInput.ts";
import { computePerformanceMetrics, performanceMetrics } from "./performanceMetrics.ts";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";
import { sharpeRatio } from "./sharpeRatio.ts";

// Reference implementations written independently, in the most direct way, from the published
// definitions (empyrical stats.py and numpy conventions), to cross-check the optimized metric files.
const naive = {
  returns: (e: number[]) => e.slice(1).map((v, i) => v / (e[i] as number) - 1),
  mean: (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length,
  std1: (xs: number[]) => {
    const m = naive.mean(xs);
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) * (x - m), 0) / (xs.length - 1));
  },
  sharpe: (r: number[], rf: number, p: number) => {
    const ex = r.map((x) => x - rf);
    return (naive.mean(ex) / naive.std1(ex)) * Math.sqrt(p);
  },
  sortino: (r: number[], rf: number, p: number) => {
    const ex = r.map((x) => x - rf);
    const downside = Math.sqrt(naive.mean(ex.map((x) => Math.min(x, 0) ** 2))) * Math.sqrt(p);
    return (naive.mean(ex) * p) / downside;
  },
  maxDrawdown: (e: number[]) => {
    let worst = 0;
    for (let i = 0; i < e.length; i++) {
      const peak = Math.max(...e.slice(0, i + 1));
      worst = Math.max(worst, (peak - (e[i] as number)) / peak);
    }
    return worst;
  },
  cagr: (e: number[], p: number) => ((e.at(-1) as number) / (e[0] as number)) ** (p / (e.length - 1)) - 1,
  var95: (r: number[]) => {
    const s = [...r].sort((a, b) => a - b);
    const h = (s.length - 1) * 0.05;
    const lo = Math.floor(h);
    return (s[lo] as number) + (h - lo) * ((s[Math.ceil(h)] as number) - (s[lo] as number));
  },
};

// Returns in whole basis points (-20% to +25%): near-constant series of 1e-12 returns are so
// ill-conditioned that any two float implementations differ; their edge cases are tested per metric.
const equityArbitrary = fc
  .array(fc.integer({ min: -2000, max: 2500 }), { minLength: 3, maxLength: 60 })
  .map((basisPoints) => {
    const equity = [10_000];
    for (const bp of basisPoints) equity.push((equity.at(-1) as number) * (1 + bp / 10_000));
    return equity;
  });

function inputFor(equity: number[], periodsPerYear = 365, riskFreeRatePerYear = 0.03): PerformanceInput {
  return {
    equity,
    periodsPerYear,
    riskFreeRatePerYear,
    closedTrades: [{ pnl: 25 }, { pnl: -10 }, { pnl: 5 }],
    fillCount: 6,
    exposure: equity.map(() => 0.5),
    tradedNotionalByMarket: { BTC: 30_000, ETH: 10_000 },
  };
}

describe("computePerformanceMetrics", () => {
  it("has one metric per id, each documented", () => {
    const ids = performanceMetrics.map((metric) => metric.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const metric of performanceMetrics) {
      expect(metric.description.length).toBeGreaterThan(20);
      expect(metric.edgeCases.length).toBeGreaterThan(5);
    }
  });

  it("agrees with the naive reference implementations on random equity curves", () => {
    fc.assert(
      fc.property(equityArbitrary, fc.constantFrom(252, 365, 8760), (equity, periodsPerYear) => {
        const metrics = computePerformanceMetrics(inputFor(equity, periodsPerYear));
        const r = naive.returns(equity);
        const rf = 1.03 ** (1 / periodsPerYear) - 1;
        const close = (actual: number | null, expected: number) => {
          if (!Number.isFinite(expected) || Math.abs(expected) > METRIC_VALUE_LIMIT / 10) return; // edge cases tested per file
          expect(actual).not.toBeNull();
          expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        };
        close(metrics.totalReturn, (equity.at(-1) as number) / 10_000 - 1);
        close(metrics.annualVolatility, naive.std1(r) * Math.sqrt(periodsPerYear));
        close(metrics.sharpeRatio, naive.sharpe(r, rf, periodsPerYear));
        close(metrics.sortinoRatio, naive.sortino(r, rf, periodsPerYear));
        close(metrics.maxDrawdown, naive.maxDrawdown(equity));
        close(metrics.annualReturn, naive.cagr(equity, periodsPerYear));
        close(metrics.valueAtRisk95, naive.var95(r));
        const dd = naive.maxDrawdown(equity);
        if (dd > 1e-9) close(metrics.calmarRatio, naive.cagr(equity, periodsPerYear) / dd);
      }),
      { numRuns: 300 },
    );
  });

  it("always produces canonical-JSON-safe values within the documented bounds", () => {
    fc.assert(
      fc.property(equityArbitrary, (equity) => {
        const metrics = computePerformanceMetrics(inputFor(equity));
        expect(() => canonicalJson(metrics)).not.toThrow();
        for (const value of Object.values(metrics)) {
          if (value !== null) expect(Math.abs(value)).toBeLessThanOrEqual(Math.max(METRIC_VALUE_LIMIT, 1e7));
        }
        const consistency = metrics.consistencyScore as number;
        expect(consistency).toBeGreaterThanOrEqual(0);
        expect(consistency).toBeLessThanOrEqual(1);
        expect(metrics.maxDrawdown as number).toBeGreaterThanOrEqual(metrics.averageDrawdown as number);
      }),
    );
  });

  it("gives each metric's standalone value bit for bit from the intermediates it shares", () => {
    // preparePerformance computes moments and drawdowns once; each metric alone derives them itself.
    fc.assert(
      fc.property(equityArbitrary, fc.constantFrom(0, 0.03), (equity, rate) => {
        const input = inputFor(equity, 8760, rate);
        const metrics = computePerformanceMetrics(input);
        const returns = naive.returns(equity);
        const rf = riskFreePerPeriod(rate, 8760);
        const alone = {
          annualVolatility: annualVolatility({ returns, periodsPerYear: 8760 }),
          sharpeRatio: sharpeRatio({ returns, periodsPerYear: 8760, riskFreePerPeriod: rf }),
          maxDrawdown: maxDrawdown({ equity }),
          averageDrawdown: averageDrawdown({ equity }),
          calmarRatio: calmarRatio({ equity, periodsPerYear: 8760 }),
        };
        for (const [id, value] of Object.entries(alone))
          expect(Object.is(metrics[id as keyof typeof alone], value), id).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("computes a full report for the worked example", () => {
    // Values as in the per-metric tests (numpy cross-checks in their comments), rf = 0, 252 periods.
    const metrics = computePerformanceMetrics({
      equity: [100, 110, 104.5, 106.59, 95.931, 103.60548],
      periodsPerYear: 252,
      riskFreeRatePerYear: 0,
      closedTrades: [{ pnl: 120 }, { pnl: -40 }, { pnl: 0 }, { pnl: 30 }, { pnl: -60 }],
      fillCount: 10,
      exposure: [0, 1, 1, 2],
      tradedNotionalByMarket: { BTC: 200, ETH: 100, SOL: 100 },
      subPeriodLength: 2,
    });
    expect(metrics.totalReturn).toBeCloseTo(0.0360548, 12);
    expect(metrics.sharpeRatio).toBeCloseTo(1.8708286933869707, 12);
    expect(metrics.sortinoRatio).toBeCloseTo(3.1749015732775083, 12);
    expect(metrics.maxDrawdown).toBeCloseTo(0.1279, 12);
    expect(metrics.calmarRatio).toBeCloseTo(38.784931307992096, 9);
    expect(metrics.valueAtRisk95).toBeCloseTo(-0.09, 12);
    expect(metrics.winRate).toBe(0.4);
    expect(metrics.profitFactor).toBe(1.5);
    expect(metrics.consistencyScore).toBeCloseTo(1 / 3, 12);
    expect(metrics.tradeCount).toBe(10);
    expect(metrics.averageExposure).toBe(1);
    // 400 traded / mean equity ((100 + 110 + 104.5 + 106.59 + 95.931 + 103.60548) / 6 = 620.62648 / 6
    // = 103.43774666...) = 3.8670602646...
    expect(metrics.turnover).toBeCloseTo(400 / (620.62648 / 6), 10);
    expect(metrics.diversification).toBeCloseTo(8 / 3, 12);
  });
});
