import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MarketRound } from "../broker/marketTape.ts";
import { type Account, createAccount } from "../domain/account.ts";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import { createDailyDrawdownRule } from "./dailyDrawdown.ts";
import { createHardStopRule } from "./hardStop.ts";
import { type FlooredRule, hasMarkFloor, markFloor } from "./markFloors.ts";
import type { RiskRule } from "./riskRule.ts";
import { createSeasonDrawdownRule } from "./seasonDrawdown.ts";

const round: MarketRound = { index: 3, time: 3 * 3_600, day: 0, bars: [], orderPrices: [], closes: [] };
const amount = fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n });
const statuses: EntrantStatus[] = ["active", "paused"];

const accountWith = (values: { capital: bigint; peak: bigint; dayStart: bigint; status: EntrantStatus }) => {
  const account = createAccount({ entrantId: "e", startingCapital: values.capital, assetCount: 1 });
  account.highWaterMark = values.peak;
  account.dayStartEquity = values.dayStart;
  account.status = values.status;
  return account;
};
const fires = (rule: RiskRule, account: Account, equity: bigint) => {
  account.equity = equity;
  return rule.onMark?.({ account, round }) !== undefined;
};

describe("mark floors: a threshold rule is quiet exactly at and above its floor", () => {
  const rules: [string, fc.Arbitrary<RiskRule>][] = [
    ["hard stop", amount.map((min) => createHardStopRule({ minCumulativePnl: min }))],
    [
      "season drawdown",
      fc.integer({ min: 0, max: 10_000 }).map((bps) => createSeasonDrawdownRule({ thresholdBps: bps })),
    ],
    [
      "daily drawdown",
      fc.integer({ min: 0, max: 10_000 }).map((bps) => createDailyDrawdownRule({ thresholdBps: bps })),
    ],
  ];
  for (const [name, arbitrary] of rules) {
    it(`${name}: no event at or above the floor, an event one unit below it; null never fires`, () => {
      fc.assert(
        fc.property(
          arbitrary,
          fc.record({ capital: amount, peak: amount, dayStart: amount, status: fc.constantFrom(...statuses) }),
          amount,
          (rule, values, equity) => {
            const account = accountWith(values);
            const floor = rule.markFloor?.(account);
            if (floor === undefined) throw new Error(`${name} has no markFloor`);
            if (floor === null) {
              expect(fires(rule, account, equity)).toBe(false);
              expect(fires(rule, account, -(10n ** 17n))).toBe(false);
              return;
            }
            expect(fires(rule, account, equity)).toBe(equity < floor);
            expect(fires(rule, account, floor)).toBe(false);
            expect(fires(rule, account, floor - 1n)).toBe(true); // the floor is tight: no mark is skipped for nothing
          },
        ),
        { numRuns: 3_000 },
      );
    });
  }

  it("combines the rules' floors (the highest) and recomputes only when a reference value changes", () => {
    const calls: string[] = [];
    const counting = (rule: RiskRule): FlooredRule => ({
      ...rule,
      markFloor: (account) => {
        calls.push(rule.id);
        return rule.markFloor?.(account) ?? null;
      },
    });
    const rules = [
      counting(createHardStopRule({ minCumulativePnl: -5_000n })),
      counting(createSeasonDrawdownRule({ thresholdBps: 4_000 })),
    ];
    const account = accountWith({ capital: 10_000n, peak: 12_000n, dayStart: 10_000n, status: "active" });
    // Hard stop: 10,000 − 5,000 = 5,000; season drawdown: 12,000 − 4,800 + 1 = 7,201.
    expect(markFloor(account, rules)).toBe(7_201n);
    expect(markFloor(account, rules)).toBe(7_201n);
    expect(calls).toEqual(["hardStop", "seasonDrawdown"]);
    // The risk engine bumps the reference version with every change of a value the floors read.
    account.highWaterMark = 20_000n; // 20,000 − 8,000 + 1
    expect(markFloor(account, rules)).toBe(7_201n);
    account.referenceVersion++;
    expect(markFloor(account, rules)).toBe(12_001n);
    expect(calls).toHaveLength(4);
    expect([account.markFloorUnits, account.highWaterUnits]).toEqual([12_001, 20_000]);
    // Only a daily rule that cannot fire (paused): no floor at all, −∞ as a double.
    const daily = [createDailyDrawdownRule({ thresholdBps: 1_000 })].filter(hasMarkFloor);
    account.status = "paused";
    account.referenceVersion++;
    expect(markFloor(account, daily)).toBeUndefined();
    expect(account.markFloorUnits).toBe(Number.NEGATIVE_INFINITY);
  });

  it("an exact double compared with Number(bigint) gives the bigint comparison's answer, beyond 2^53 too", () => {
    // What lets the risk engine compare a quiet mark's equity with the cached doubles of the floor
    // and the high-water mark (Number() of bigints that may not convert exactly).
    const limit = 2n ** 53n - 1n;
    const exact = fc.bigInt({ min: -limit, max: limit });
    const around = (x: bigint) => fc.bigInt({ min: x - 3n, max: x + 3n });
    const anyBigint = fc.oneof(exact, around(2n ** 53n), around(-(2n ** 53n)), fc.bigInt(), around(0n));
    fc.assert(
      fc.property(
        fc
          .oneof(
            exact,
            around(limit),
            around(-limit).filter((x) => x >= -limit),
          )
          .filter((e) => e <= limit),
        anyBigint,
        (e, x) => {
          const units = Number(e);
          expect(units > Number(x)).toBe(e > x);
          expect(units >= Number(x)).toBe(e >= x);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
