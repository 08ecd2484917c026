import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxDrawdown } from "./maxDrawdown.ts";
import { InvalidPerformanceInputError } from "./performanceInput.ts";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";
import { createRunningPerformance } from "./runningPerformance.ts";
import { sharpeRatio } from "./sharpeRatio.ts";
import { simpleReturns } from "./simpleReturns.ts";
import { totalReturn } from "./totalReturn.ts";

describe("createRunningPerformance", () => {
  it("matches the batch metrics after every mark", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 1, maxLength: 80 }), (rs) => {
        const running = createRunningPerformance({ periodsPerYear: 8760, riskFreeRatePerYear: 0.05 });
        const equity = [1000];
        running.mark(1000);
        const rf = riskFreePerPeriod(0.05, 8760);
        for (const r of rs) {
          equity.push((equity.at(-1) as number) * (1 + r));
          running.mark(equity.at(-1) as number);
          const snapshot = running.snapshot();
          expect(snapshot.marks).toBe(equity.length);
          expect(snapshot.totalReturn).toBeCloseTo(totalReturn({ equity }) as number, 12);
          expect(snapshot.maxDrawdown).toBeCloseTo(maxDrawdown({ equity }) as number, 12);
          const batch = sharpeRatio({ returns: simpleReturns(equity), periodsPerYear: 8760, riskFreePerPeriod: rf });
          if (batch === null) expect(snapshot.sharpeRatio).toBeNull();
          else
            expect(Math.abs((snapshot.sharpeRatio as number) - batch)).toBeLessThan(
              1e-8 * Math.max(1, Math.abs(batch)),
            );
        }
      }),
    );
  });

  it("shows nothing before the first return and refuses marks after a bust", () => {
    const running = createRunningPerformance({ periodsPerYear: 365, riskFreeRatePerYear: 0 });
    expect(running.snapshot()).toEqual({
      marks: 0,
      totalReturn: null,
      totalPnl: null,
      sharpeRatio: null,
      maxDrawdown: null,
    });
    running.mark(100);
    expect(running.snapshot().totalReturn).toBeNull();
    running.mark(-1);
    // 100 → -1: total return -1.01, drawdown 1 - (-1/100) = 1.01, P&L -101.
    expect(running.snapshot()).toMatchObject({ totalReturn: -1.01, totalPnl: -101, maxDrawdown: 1.01 });
    expect(() => running.mark(5)).toThrow(InvalidPerformanceInputError);
    expect(() => createRunningPerformance({ periodsPerYear: 365, riskFreeRatePerYear: 0 }).mark(Number.NaN)).toThrow(
      /equity mark 0 is NaN/,
    );
  });
});
