/**
 * Property tests (fast-check) of the season's invariants over random markets and random agents,
 * with every trading rule of the LLMTrader season on (plus a hard stop and a tight max size):
 * - after any accepted order that adds exposure, no cap is exceeded (recomputed here independently);
 * - equity = cash + Σ (margin + unrealized) = starting capital + realized − fees + Σ unrealized;
 *   positions equal the sum of their fills;
 * - a terminated or eliminated entrant never trades again;
 * - a paused entrant does not trade before the next UTC day.
 * 150 random seasons per property by default; PODIUM_PROPERTY_RUNS=3000 searches harder.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FillPriceSource } from "../broker/brokerConfig.ts";
import { price, TEST_START } from "../broker/testDataset.ts";
import { randomWalkArbitrary, randomWalkBars } from "../broker/testing/randomWalkBars.ts";
import { computeEquity, totalUnrealizedPnl } from "../domain/account.ts";
import { isFinalStatus } from "../domain/entrantStatus.ts";
import type { Fill } from "../domain/fill.ts";
import type { Order } from "../domain/order.ts";
import type { AssetClass } from "../market/assetClass.ts";
import { FIXED_ONE, type Fixed, mulFixed } from "../money/fixed.ts";
import { createDailyDrawdownRule } from "./dailyDrawdown.ts";
import { createHardStopRule } from "./hardStop.ts";
import { createLeverageLimitRule } from "./leverageLimit.ts";
import { createMaxPositionSizeRule } from "./maxPositionSize.ts";
import { createMinPositionSizeRule } from "./minPositionSize.ts";
import { createPositionCapRule } from "./positionCap.ts";
import { createSeasonDrawdownRule } from "./seasonDrawdown.ts";
import { createStopLossRule } from "./stopLoss.ts";
import { testSeason } from "./testSeason.ts";

const ROUNDS = 36; // hourly from 20:00 on day D: crosses two midnights
const START = TEST_START - 4 * 3_600;
const MAX_LEVERAGE: Record<AssetClass, number> = {
  "crypto-major": 5,
  crypto: 3,
  fx: 3,
  "equity-etf": 3,
  rates: 3,
  commodity: 3,
};
const MAX_NOTIONAL = price("12000");
const MIN_NOTIONAL = price("10");
const CAP_BPS = 2_500n;
const STOP_BPS = 800n;
const SYMBOLS = ["BTC", "SOL", "SPY"] as const;
const CLASSES: Record<(typeof SYMBOLS)[number], AssetClass> = {
  BTC: "crypto-major",
  SOL: "crypto-major",
  SPY: "equity-etf",
};

const pathArbitrary = randomWalkArbitrary(ROUNDS, 600);

type Action = {
  round: number;
  kind: "order" | "stop";
  symbol: (typeof SYMBOLS)[number];
  side: "buy" | "sell";
  sizeBps: number;
  leverage: number;
  stopBps: number;
};

const actionArbitrary: fc.Arbitrary<Action> = fc.record({
  round: fc.integer({ min: 0, max: ROUNDS - 1 }),
  kind: fc.constantFrom<Action["kind"]>("order", "order", "order", "stop"),
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom<Action["side"]>("buy", "sell"),
  /** Order size as a share of equity in bps (notional at the price, before leverage). */
  sizeBps: fc.oneof(fc.integer({ min: 2_000, max: 12_000 }), fc.integer({ min: 1, max: 20_000 })),
  leverage: fc.constantFrom(1, 2, 3, 5, 5, 5, 7),
  /** Stop distance from the price in bps; negative: no stop. */
  stopBps: fc.oneof(fc.integer({ min: 300, max: 800 }), fc.integer({ min: -200, max: 1_200 })),
});

type Scenario = {
  fillPrice: FillPriceSource;
  /** Without the mandatory stop, losses are unbounded enough to reach terminations and eliminations. */
  withStopLossRule: boolean;
  paths: Record<(typeof SYMBOLS)[number], { gap: number; move: number; wick: number }[]>;
  actions: Action[];
};

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  fillPrice: fc.constantFrom<FillPriceSource>("open", "close"),
  withStopLossRule: fc.boolean(),
  paths: fc.record({ BTC: pathArbitrary, SOL: pathArbitrary, SPY: pathArbitrary }),
  actions: fc.array(actionArbitrary, { minLength: 20, maxLength: 80 }),
});

const abs = (value: bigint) => (value < 0n ? -value : value);

function runScenario({ fillPrice, withStopLossRule, paths, actions }: Scenario) {
  const season = testSeason({
    start: START,
    broker: { fillPrice, feeBps: 5, slippageBps: 3 },
    assets: {
      BTC: { assetClass: "crypto-major", bars: randomWalkBars(100, paths.BTC) },
      SOL: { assetClass: "crypto-major", bars: randomWalkBars(20, paths.SOL) },
      SPY: { assetClass: "equity-etf", bars: randomWalkBars(400, paths.SPY) },
    },
    rules: [
      createLeverageLimitRule({ maxLeverage: MAX_LEVERAGE, onBreach: "deny" }),
      createPositionCapRule({ maxShareBps: Number(CAP_BPS), measure: "margin" }),
      createMaxPositionSizeRule({ maxNotional: MAX_NOTIONAL }),
      createMinPositionSizeRule({ minNotional: MIN_NOTIONAL }),
      ...(withStopLossRule ? [createStopLossRule({ maxDistanceBps: Number(STOP_BPS) })] : []),
      createHardStopRule({ minCumulativePnl: price("-2000") }),
      createSeasonDrawdownRule({ thresholdBps: 4_000 }),
      createDailyDrawdownRule({ thresholdBps: 1_000 }),
    ],
  });
  const { account, engine, records } = season;
  const fills: Fill[] = [];

  const checkEquityIdentity = () => {
    for (const position of account.positions) {
      if (position === undefined) continue;
      if (account.markedAt !== undefined) expect(position.markPrice).toBe(account.markedAt[position.assetIndex]);
    }
    expect(account.equity).toBe(computeEquity(account));
    expect(account.equity).toBe(
      account.startingCapital + account.realizedPnl - account.feesPaid + totalUnrealizedPnl(account),
    );
  };

  const checkCaps = (fill: Fill, roundIndex: number, before: Fixed) => {
    const round = season.round(roundIndex);
    const index = SYMBOLS.indexOf(fill.symbol as (typeof SYMBOLS)[number]);
    const position = account.positions[index];
    if (position === undefined) return;
    const market = round.orderPrices[index] as Fixed;
    const long = position.quantity > 0n;
    // The stop: on the protective side of the market; with the rule, present and within 8% of the average entry.
    const stop = position.stopLoss;
    if (stop !== undefined) expect(long ? stop < market : stop > market).toBe(true);
    if (withStopLossRule) {
      expect(stop).toBeDefined();
      if (long) expect((stop ?? 0n) * 10_000n >= position.averageEntryPrice * (10_000n - STOP_BPS)).toBe(true);
      else expect((stop ?? 0n) * 10_000n <= position.averageEntryPrice * (10_000n + STOP_BPS)).toBe(true);
    }
    const notional = mulFixed(abs(position.quantity), market);
    expect(notional >= MIN_NOTIONAL).toBe(true);
    const added = abs(position.quantity) > abs(before) || (before !== 0n && before > 0n !== long);
    if (!added) return;
    // Size caps, recomputed from the book at the round's prices.
    let equity = account.cash;
    for (const held of account.positions) {
      if (held !== undefined)
        equity +=
          held.margin + mulFixed(held.quantity, (round.orderPrices[held.assetIndex] as Fixed) - held.averageEntryPrice);
    }
    expect(position.margin * 10_000n <= CAP_BPS * equity).toBe(true);
    expect(notional <= MAX_NOTIONAL).toBe(true);
    expect(position.leverage <= MAX_LEVERAGE[CLASSES[fill.symbol as (typeof SYMBOLS)[number]]]).toBe(true);
    expect(account.cash >= 0n).toBe(true);
  };

  const act = (roundIndex: number) => {
    const round = season.round(roundIndex);
    for (const action of actions.filter((a) => a.round === roundIndex)) {
      const index = SYMBOLS.indexOf(action.symbol);
      const market = round.orderPrices[index] as Fixed;
      if (action.kind === "stop") {
        const position = account.positions[index];
        const sign = position === undefined || position.quantity > 0n ? -1n : 1n;
        const stopLoss = market + (sign * market * BigInt(Math.abs(action.stopBps))) / 10_000n;
        if (stopLoss > 0n)
          engine.updateStopLoss(account, round, { clientOrderId: "s", symbol: action.symbol, stopLoss }, records);
        checkEquityIdentity();
        continue;
      }
      const notional = (account.equity * BigInt(action.sizeBps)) / 10_000n;
      const quantity = market > 0n ? (notional * FIXED_ONE) / market : 0n;
      if (quantity <= 0n) continue;
      const long = action.side === "buy";
      const stopOffset = (market * BigInt(Math.abs(action.stopBps))) / 10_000n;
      const order: Order = {
        clientOrderId: `${roundIndex}`,
        symbol: action.symbol,
        side: action.side,
        quantity,
        leverage: action.leverage,
      };
      if (withStopLossRule && action.stopBps >= 0) order.stopLoss = long ? market - stopOffset : market + stopOffset;
      const before = account.positions[index]?.quantity ?? 0n;
      const statusBefore = account.status;
      const outcome = engine.submitOrder(account, round, order, records);
      if (outcome.status === "FILLED") {
        expect(statusBefore === "active" || account.lastRound === roundIndex).toBe(true);
        checkCaps(outcome.fill, roundIndex, before);
      }
      checkEquityIdentity();
    }
  };

  for (let i = 0; i < ROUNDS; i++) {
    const round = season.round(i);
    engine.beginRound(account, round, records);
    if (fillPrice === "open") act(i);
    engine.markAccount(account, round, records);
    checkEquityIdentity();
    if (fillPrice === "close") act(i);
  }

  for (const record of records) {
    if (record.type === "orderFilled") fills.push(record.fill);
    if (record.type === "forcedLiquidation") fills.push(...record.fills);
    if (record.type === "riskEvent" && record.event.kind === "stopLossTriggered") fills.push(record.event.fill);
  }
  return { season, fills };
}

describe("risk invariants (fast-check)", () => {
  it("after any accepted order no cap is exceeded, and equity = cash + marked positions", () => {
    let orderFills = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const { season, fills } = runScenario(scenario);
        orderFills += fills.filter((fill) => fill.kind === "order").length;
        // Each position is the sum of its fills.
        SYMBOLS.forEach((symbol, index) => {
          const net = fills
            .filter((fill) => fill.symbol === symbol)
            .reduce((sum, fill) => sum + (fill.side === "buy" ? fill.quantity : -fill.quantity), 0n);
          expect(season.account.positions[index]?.quantity ?? 0n).toBe(net);
        });
        expect(season.account.feesPaid).toBe(fills.reduce((sum, fill) => sum + fill.fee, 0n));
      }),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 150) },
    );
    expect(orderFills).toBeGreaterThan(500); // the generator's orders do get through the rules
  });

  it("a terminated or eliminated entrant never trades again", () => {
    let finals = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const { season } = runScenario(scenario);
        const records = season.records;
        // Keep acting after the end: the entrant's later orders must all be refused.
        const finalAt = records.findIndex((record) => record.type === "statusChanged" && isFinalStatus(record.to));
        if (finalAt < 0) return;
        finals++;
        const after = records.slice(finalAt + 1);
        expect(after.some((record) => record.type === "orderFilled" || record.type === "forcedLiquidation")).toBe(
          false,
        );
        expect(after.some((record) => record.type === "riskEvent")).toBe(false);
        expect(season.account.openPositionCount).toBe(0);
        expect(
          after.every((record) => record.type !== "orderCancelled" || record.denial.reason.startsWith("ENTRANT_")),
        ).toBe(true);
      }),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 150) },
    );
    expect(finals).toBeGreaterThan(0); // the generator does reach terminations and eliminations
  });

  it("a paused entrant does not trade before the next UTC day", () => {
    let pauses = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const { season } = runScenario(scenario);
        const records = season.records;
        records.forEach((record, i) => {
          if (record.type !== "riskEvent" || record.event.kind !== "dailyDrawdownPause") return;
          pauses++;
          const nextDay = (Math.floor(record.time / 86_400) + 1) * 86_400;
          expect(record.event.pausedUntil).toBe(nextDay);
          const tradedTooSoon = records
            .slice(i + 1)
            .some((later) => later.type === "orderFilled" && later.time < nextDay);
          expect(tradedTooSoon).toBe(false);
        });
      }),
      { numRuns: Number(process.env.PODIUM_PROPERTY_RUNS ?? 150) },
    );
    expect(pauses).toBeGreaterThan(0);
  });
});
