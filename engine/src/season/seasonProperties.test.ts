/**
 * Property tests (fast-check) of the season loop, the whole engine in play: random markets with
 * gaps and wide bars over two UTC midnights, random agents sending valid and invalid orders and stop
 * moves, every LLMTrader rule on plus a hard stop and a max position size (thresholds tightened). After every accepted
 * order no cap is exceeded (recomputed here independently); equity is cash plus marked positions
 * after every fill and round; a terminated or eliminated entrant never trades again; a paused one
 * does not trade before the next UTC day. PODIUM_PROPERTY_RUNS raises the number of seasons.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import { price, TEST_START, testDataset } from "../broker/testDataset.ts";
import { type RandomWalkStep, randomWalkArbitrary, randomWalkBars } from "../broker/testing/randomWalkBars.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import { type Account, computeEquity, totalUnrealizedPnl } from "../domain/account.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import { BPS_ONE, FIXED_ONE, type Fixed, mulFixed } from "../money/fixed.ts";
import { forkRandom } from "../random/seededRandom.ts";
import { createSeason, type OrderFilledEvent, type RoundOutput } from "./createSeason.ts";
import type { SeasonAgent } from "./seasonAgent.ts";
import { testHash } from "./testing/scriptedAgent.ts";

const ROUNDS = 36; // hourly from 20:00 on day D: two midnights
const START = TEST_START - 4 * 3_600;
const RUNS = Number(process.env.PODIUM_PROPERTY_RUNS ?? 60);
const MAX_LEVERAGE: Record<string, number> = { BTC: 5, SOL: 5, SPY: 3 };

/**
 * Every LLMTrader rule plus a max position size and a hard stop; the drawdown thresholds are
 * tighter than the seed's (3% a day, 10% from the peak, −$800) so that random seasons of 36 rounds
 * reach pauses, terminations and eliminations often.
 */
const rules: SeasonRules = {
  ...llmtraderSeason,
  risk: {
    ...llmtraderSeason.risk,
    dailyDrawdown: { thresholdBps: 300 },
    seasonDrawdown: { thresholdBps: 1_000 },
    maxPositionSize: { maxNotional: "12000" },
    hardStop: { minCumulativePnl: "-800" },
  },
};

const pathArbitrary = randomWalkArbitrary(ROUNDS, 700);

/**
 * A fuzzing agent: from its own seeded stream, in about half the rounds it sends an order of a
 * random size (up to 70% of equity as margin), leverage (up to 8x), and stop (none, inside or
 * outside 8%, sometimes on the wrong side), or moves a stop (tighter or wider).
 */
function fuzzAgent(id: string, seed: string): SeasonAgent {
  const random = forkRandom(seed, id);
  return {
    id,
    decide(observation: RoundObservation): AgentDecision {
      const orders: Order[] = [];
      const stopLossUpdates: StopLossUpdate[] = [];
      for (let k = 0; k < 2; k++) {
        if (random.nextFloat() < 0.5) continue;
        const asset = observation.assets[random.nextInt(observation.assets.length)];
        if (asset === undefined) continue;
        const held = observation.portfolio.positions.find((position) => position.symbol === asset.symbol);
        const stopBps = BigInt(random.nextInt(1_400)) - 200n;
        if (held !== undefined && random.nextFloat() < 0.3) {
          const away = held.side === "long" ? BPS_ONE - stopBps : BPS_ONE + stopBps;
          stopLossUpdates.push({
            clientOrderId: `${id}:${k}`,
            symbol: asset.symbol,
            stopLoss: (asset.price * away) / BPS_ONE,
          });
          continue;
        }
        const side = random.nextFloat() < 0.5 ? "buy" : "sell";
        const leverage = 1 + random.nextInt(8);
        const margin = (observation.portfolio.equity * BigInt(50 + random.nextInt(7_000))) / BPS_ONE;
        const order: Order = {
          clientOrderId: `${id}:${k}`,
          symbol: asset.symbol,
          side,
          notional: margin * BigInt(leverage),
          leverage,
        };
        if (random.nextFloat() < 0.9) {
          const away = side === "buy" ? BPS_ONE - stopBps : BPS_ONE + stopBps;
          order.stopLoss = (asset.price * away) / BPS_ONE;
        }
        if (order.notional === 0n) continue;
        orders.push(order);
      }
      if (orders.length === 0 && stopLossUpdates.length === 0)
        return { orders, stopLossUpdates, reasoning: "", outcome: "hold" };
      return { orders, stopLossUpdates, reasoning: "fuzz", outcome: "trade" };
    },
  };
}

/** The caps of the rules, recomputed from the account right after a fill that added exposure. */
function capViolations({ account, fill, round }: OrderFilledEvent): string[] {
  const before = fill.positionAfter - (fill.side === "buy" ? fill.quantity : -fill.quantity);
  const after = fill.positionAfter;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const addsExposure = after !== 0n && (abs(after) > abs(before) || before > 0n !== after > 0n || before === 0n);
  if (!addsExposure) return [];
  const position = account.positions.find((p) => p?.symbol === fill.symbol);
  if (position === undefined) return [`${fill.symbol}: no position after a fill that opened one`];
  const problems: string[] = [];
  const mark = round.orderPrices[position.assetIndex] as Fixed;
  if (position.margin * BPS_ONE > 2_500n * account.equity)
    problems.push(`margin ${position.margin} > 25% of ${account.equity}`);
  if (position.leverage > (MAX_LEVERAGE[fill.symbol] ?? 0)) problems.push(`leverage ${position.leverage}`);
  const notional = mulFixed(abs(position.quantity), mark);
  if (notional > price("12000")) problems.push(`notional ${notional} > 12,000`);
  if (notional < price("10")) problems.push(`notional ${notional} < 10`);
  const stop = position.stopLoss;
  if (stop === undefined) problems.push("no stop-loss");
  else if (position.quantity > 0n) {
    if (stop * BPS_ONE < position.averageEntryPrice * (BPS_ONE - 800n)) problems.push(`long stop ${stop} beyond 8%`);
    if (stop >= mark) problems.push(`long stop ${stop} not below ${mark}`);
  } else {
    if (stop * BPS_ONE > position.averageEntryPrice * (BPS_ONE + 800n)) problems.push(`short stop ${stop} beyond 8%`);
    if (stop <= mark) problems.push(`short stop ${stop} not above ${mark}`);
  }
  if (account.cash < 0n) problems.push(`cash ${account.cash} < 0`);
  return problems;
}

function equityIdentity(account: Readonly<Account>): string[] {
  const problems: string[] = [];
  if (account.equity !== computeEquity(account as Account))
    problems.push(
      `${account.entrantId}: equity ${account.equity} ≠ cash + marked positions ${computeEquity(account as Account)}`,
    );
  const ledger =
    account.startingCapital + account.realizedPnl - account.feesPaid + totalUnrealizedPnl(account as Account);
  if (account.equity !== ledger)
    problems.push(`${account.entrantId}: equity ${account.equity} ≠ capital + realized − fees + unrealized ${ledger}`);
  return problems;
}

const seen = { fills: 0, paused: 0, terminated: 0, eliminated: 0 };

function season(paths: { btc: RandomWalkStep[]; sol: RandomWalkStep[]; spy: RandomWalkStep[] }, seed: string) {
  const dataset = testDataset({
    start: START,
    assets: {
      BTC: { assetClass: "crypto-major", bars: randomWalkBars(60_000, paths.btc) },
      SOL: { assetClass: "crypto-major", bars: randomWalkBars(150, paths.sol) },
      SPY: { assetClass: "equity-etf", bars: randomWalkBars(500, paths.spy) },
    },
  });
  const problems: string[] = [];
  const created = createSeason({
    rules,
    dataset,
    seed,
    entrants: [0, 1, 2].map((index) => ({
      index,
      name: `fuzz-${index}`,
      modelFamily: "fuzz",
      configHash: testHash(1),
      agent: fuzzAgent(`fuzz-${index}`, seed),
    })),
    onOrderFilled: (event) => {
      seen.fills++;
      for (const problem of [...capViolations(event), ...equityIdentity(event.account)])
        problems.push(`round ${event.round.index}, ${event.fill.symbol}: ${problem}`);
    },
  });
  const rounds: RoundOutput[] = [];
  while (!created.finished) {
    rounds.push(created.step());
    for (const id of ["0", "1", "2"]) problems.push(...equityIdentity(created.account(id) as Account));
  }
  return { rounds, problems };
}

describe("season properties", () => {
  const arbitrary = fc.record({
    paths: fc.record({ btc: pathArbitrary, sol: pathArbitrary, spy: pathArbitrary }),
    seed: fc.string({ minLength: 1, maxLength: 8 }),
  });

  it("no accepted order exceeds a cap, and equity is cash plus marked positions after every fill and round", () => {
    fc.assert(
      fc.property(arbitrary, ({ paths, seed }) => {
        expect(season(paths, seed).problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("a terminated or eliminated entrant never trades again; a paused one not before the next UTC day", () => {
    fc.assert(
      fc.property(arbitrary, ({ paths, seed }) => {
        const { rounds } = season(paths, seed);
        const finalAt = new Map<string, number>();
        const pausedUntil = new Map<string, number>();
        for (const { records } of rounds) {
          for (const record of records) {
            const trades = record.type === "orderFilled";
            if (trades && finalAt.has(record.entrantId))
              throw new Error(
                `${record.entrantId} traded at round ${record.round} after leaving at ${finalAt.get(record.entrantId)}`,
              );
            const until = pausedUntil.get(record.entrantId);
            if (trades && until !== undefined && record.time < until)
              throw new Error(`${record.entrantId} traded at ${record.time}, paused until ${until}`);
            if (record.type === "riskEvent" && record.event.kind === "dailyDrawdownPause") {
              seen.paused++;
              // The pause ends at 00:00 UTC of the day after the round's day.
              expect(record.event.pausedUntil).toBe((Math.floor(record.time / 86_400) + 1) * 86_400);
              pausedUntil.set(record.entrantId, record.event.pausedUntil);
            }
            if (record.type === "statusChanged" && (record.to === "terminated" || record.to === "eliminated")) {
              seen[record.to]++;
              finalAt.set(record.entrantId, record.round);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The random seasons did reach every situation the properties are about.
    expect(seen.fills).toBeGreaterThan(100);
    expect(seen.paused).toBeGreaterThan(0);
    expect(seen.terminated + seen.eliminated).toBeGreaterThan(0);
    expect(FIXED_ONE).toBe(100_000_000n);
  });
});
