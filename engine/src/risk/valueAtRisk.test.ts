import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMarketTape } from "../broker/marketTape.ts";
import { currentMarkLanes } from "../broker/quietMark.ts";
import { price, TEST_START, testDataset } from "../broker/testDataset.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import { FIXED_ONE, type Fixed } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";
import { testSeason } from "./testSeason.ts";
import { createValueAtRiskRule, endOfDayCheckRounds } from "./valueAtRisk.ts";

const DAY = 86_400;
const CHECK_16_15 = 16 * 3_600 + 15 * 60;
// Daily closes: returns +10%, −10%, +10%, −10%, then 100 / 98.01 − 1.
const closes = ["100", "110", "99", "108.9", "98.01", "100"];

function varSeason(limit: string, windowDays: number, minObservations: number) {
  return testSeason({
    frequency: "1d",
    startingCapital: 1_000_000n * FIXED_ONE,
    assets: { SPY: { assetClass: "equity-etf", bars: closes } },
    rules: (tape) => [
      createValueAtRiskRule({
        limit: price(limit),
        confidenceBps: 9_500,
        windowDays,
        minObservations,
        checkSecondsUtc: CHECK_16_15,
        tape,
      }),
    ],
  });
}
const buy = (quantity: bigint) => ({ clientOrderId: "o", symbol: "SPY", side: "buy", quantity }) as const;
function breachOf(records: RoundRecord[]) {
  for (const record of records) {
    if (record.type === "riskEvent" && record.event.kind === "valueAtRiskBreach") return record.event;
  }
  return undefined;
}
/** Scenario P&Ls are floats (10% is not exact in binary): allow 10 units of 1e-8 around the hand value. */
const expectNear = (actual: Fixed | undefined, expected: Fixed) =>
  expect(Math.abs(Number((actual ?? 0n) - expected))).toBeLessThanOrEqual(10);

describe("endOfDayCheckRounds", () => {
  it("picks per UTC day the first bar closing at or after the check time", () => {
    // Hourly bars over two days: the 16:00 bars are the first to close (at 17:00) at or after 16:15.
    const base = testDataset({
      start: TEST_START,
      assets: { BTC: { assetClass: "crypto-major", bars: Array(48).fill(1) } },
    });
    const tape = createMarketTape(base, "close");
    expect(endOfDayCheckRounds(tape, CHECK_16_15)).toEqual([16, 40]);
    // With the check at 00:00 the first bar of each day qualifies.
    expect(endOfDayCheckRounds(tape, 0)).toEqual([0, 24]);
    // Daily bars close at the next 00:00, after any check time: every round is a check.
    const daily = createMarketTape(
      testDataset({ frequency: "1d", assets: { SPY: { assetClass: "equity-etf", bars: [1, 2, 3] } } }),
      "close",
    );
    expect(endOfDayCheckRounds(daily, CHECK_16_15)).toEqual([0, 1, 2]);
  });
});

describe("valueAtRisk rule (seed 002: VaR 95% above $100,000 at EOD liquidates and skips a day)", () => {
  it("computes historical VaR over the window, liquidates above the limit, and skips the next trading day", () => {
    const season = varSeason("8000", 4, 3);
    season.order(2, buy(1_000n * FIXED_ONE));
    season.mark(2); // only 2 daily returns so far: below minObservations, no check
    expect(breachOf(season.records)).toBeUndefined();
    season.mark(3);
    // Exposure 1,000 × 108.9 = 108,900; scenarios +10,890, −10,890, +10,890; sorted, h = 2 × 0.05 = 0.1:
    // q = −10,890 + 0.1 × 21,780 = −8,712 → VaR 8,712 > 8,000.
    const breach = breachOf(season.records);
    expect(breach).toMatchObject({ limit: price("8000"), observations: 3, confidenceBps: 9_500 });
    expectNear(breach?.valueAtRisk, price("8712"));
    // Round 3 is day D + 3; the next trading day is D + 4, skipped entirely: paused until D + 5.
    expect(breach?.pausedUntil).toBe(TEST_START + 5 * DAY);
    expect(season.account.openPositionCount).toBe(0);
    expect(season.records.map((record) => record.type).slice(-3)).toEqual([
      "riskEvent",
      "forcedLiquidation",
      "statusChanged",
    ]);
    expect(season.order(4, buy(FIXED_ONE))).toMatchObject({
      denial: { reason: "VAR_PENALTY_DAY", context: { pausedUntil: TEST_START + 5 * DAY } },
    });
    expect(season.order(5, buy(FIXED_ONE)).status).toBe("FILLED");
  });

  it("does not act when VaR is within the limit", () => {
    const season = varSeason("9000", 4, 3);
    season.order(2, buy(1_000n * FIXED_ONE));
    season.mark(2);
    season.mark(3); // VaR 8,712 ≤ 9,000
    expect(breachOf(season.records)).toBeUndefined();
    expect(season.account.status).toBe("active");
  });

  it("uses only the last windowDays returns", () => {
    const season = varSeason("1", 2, 2);
    season.order(4, buy(1_000n * FIXED_ONE));
    season.mark(4);
    // Window of 2: returns +10%, −10% on 1,000 × 98.01 = 98,010 → scenarios ±9,801; h = 0.05:
    // q = −9,801 + 0.05 × 19,602 = −8,820.9 → VaR 8,820.9.
    const breach = breachOf(season.records);
    expect(breach).toMatchObject({ observations: 2 });
    expectNear(breach?.valueAtRisk, price("8820.9"));
  });

  it("declares the rounds it acts on: the day's check with enough history, and acts on no other", () => {
    const season = varSeason("1", 4, 3);
    const rule = season.engine.rules[0] as RiskRule;
    season.order(0, buy(1_000n * FIXED_ONE));
    const acting: number[] = [];
    for (let index = 0; index < season.tape.rounds.length; index++) {
      const round = season.round(index);
      if (rule.marksRound?.(round) === true) acting.push(index);
      // A declined round: onMark returns nothing for this (breaching) book.
      else expect(rule.onMark?.({ account: season.account, round })).toBeUndefined();
    }
    // Daily bars: round k is checkpoint k; returns from checkpoint 1, three of them from round 3.
    expect(acting).toEqual([3, 4, 5]);
    season.mark(3);
    expect(breachOf(season.records)).toBeDefined();
  });

  it("breaches exactly when the VaR exceeds the limit, however close the limit (no shortcut hides a breach)", () => {
    const pricesArbitrary = fc.array(fc.integer({ min: 20, max: 200 }), { minLength: 6, maxLength: 6 });
    const quantityArbitrary = fc.integer({ min: -300, max: 300 }).filter((quantity) => quantity !== 0);
    let breaches = 0;
    fc.assert(
      fc.property(
        pricesArbitrary,
        pricesArbitrary,
        quantityArbitrary,
        quantityArbitrary,
        (spy, qqq, spyQuantity, qqqQuantity) => {
          // The rule at round 5 (four daily returns) on the same long/short book, under `limit`.
          const verdict = (limit: Fixed) => {
            const season = testSeason({
              frequency: "1d",
              startingCapital: 1_000_000n * FIXED_ONE,
              assets: {
                SPY: { assetClass: "equity-etf", bars: spy.map(String) },
                QQQ: { assetClass: "equity-etf", bars: qqq.map(String) },
              },
              rules: (tape) => [
                createValueAtRiskRule({
                  limit,
                  confidenceBps: 9_500,
                  windowDays: 4,
                  minObservations: 2,
                  checkSecondsUtc: CHECK_16_15,
                  tape,
                }),
              ],
            });
            for (const [symbol, quantity] of [
              ["SPY", spyQuantity],
              ["QQQ", qqqQuantity],
            ] as const) {
              const side = quantity > 0 ? "buy" : "sell";
              season.order(1, {
                clientOrderId: symbol,
                symbol,
                side,
                quantity: BigInt(Math.abs(quantity)) * FIXED_ONE,
              });
            }
            season.mark(1);
            const event = (season.engine.rules[0] as RiskRule).onMark?.({
              account: season.account,
              round: season.round(5),
            });
            return event?.kind === "valueAtRiskBreach" ? event.valueAtRisk : undefined;
          };
          const valueAtRisk = verdict(1n) ?? 0n;
          for (const limit of [valueAtRisk - 1n, valueAtRisk, valueAtRisk + 1n, 2n * valueAtRisk + 1n]) {
            if (limit < 1n) continue;
            const breach = verdict(limit);
            expect(breach).toBe(valueAtRisk > limit ? valueAtRisk : undefined);
            if (breach !== undefined) breaches++;
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(breaches).toBeGreaterThan(100);
  });

  it("reads the quiet mark's lanes when they hold the book, with the positions' result", () => {
    const season = testSeason({
      frequency: "1d",
      startingCapital: 1_000_000n * FIXED_ONE,
      assets: {
        SPY: { assetClass: "equity-etf", bars: closes },
        QQQ: { assetClass: "equity-etf", bars: ["50", "51", "49.5", "52", "50.5", "51"] },
      },
      rules: (tape) => [
        createValueAtRiskRule({
          limit: price("1"),
          confidenceBps: 9_500,
          windowDays: 4,
          minObservations: 2,
          checkSecondsUtc: CHECK_16_15,
          tape,
        }),
      ],
    });
    const rule = season.engine.rules[0] as RiskRule;
    season.order(1, buy(1_000n * FIXED_ONE));
    season.order(1, { clientOrderId: "q", symbol: "QQQ", side: "sell", quantity: 333_33333333n });
    // Round 1's quiet mark writes the lanes (the rule has one return there: it does not act); the
    // rule is then asked at round 3's prices on the same book.
    season.mark(1);
    const round = season.round(3);
    expect(currentMarkLanes(season.account)).toBeGreaterThanOrEqual(0);
    const fromLanes = rule.onMark?.({ account: season.account, round });
    season.account.bookVersion++; // the lanes no longer hold the book: the positions are read
    expect(currentMarkLanes(season.account)).toBe(-1);
    const fromPositions = rule.onMark?.({ account: season.account, round });
    expect(fromLanes).toBeDefined();
    expect(fromLanes).toEqual(fromPositions);
  });
});
