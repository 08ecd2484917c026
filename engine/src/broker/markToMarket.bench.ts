/**
 * The per-mark path of the season loop: 1,000 accounts × 8 assets, every account holding all 8.
 * - markToMarket alone (marks/s), against the baseline of marking with the generic mulFixed and
 *   recomputing equity from scratch (computeEquity), measured in the same run;
 * - a full risk-engine mark with every mark rule on (stop-losses, hard stop, season drawdown, VaR
 *   at 16:15 UTC, daily drawdown), the cost the season loop pays per agent-round when no order is sent;
 * - orders through every pre-trade rule (LLMTrader preset), for the rounds where agents do trade.
 * Prices: a seeded hourly random walk (0.1% per hour, so stops rarely fire and books stay full).
 */
import { reportBench } from "@podium/scripts/bench";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import { type Account, computeEquity } from "../domain/account.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import type { AssetClass } from "../market/assetClass.ts";
import type { Bar } from "../market/bar.ts";
import type { Dataset } from "../market/dataset.ts";
import { FIXED_ONE, type Fixed, numberToFixed } from "../money/fixed.ts";
import { forkRandom } from "../random/seededRandom.ts";
import type { MarketRound } from "./marketTape.ts";
import { markToMarket } from "./markToMarket.ts";

const ACCOUNTS = 1_000;
const ROUNDS = 2_000;
const START = 1_704_067_200; // 2024-01-01 00:00 UTC
const universe: [string, AssetClass, number][] = [
  ["BTC", "crypto-major", 60_000],
  ["ETH", "crypto-major", 3_000],
  ["SOL", "crypto-major", 150],
  ["DOGE", "crypto", 0.1],
  ["EURUSD", "fx", 1.1],
  ["SPY", "equity-etf", 500],
  ["TLT", "rates", 90],
  ["GLD", "commodity", 200],
];

function walkDataset(): Dataset {
  const times = Array.from({ length: ROUNDS }, (_, i) => START + i * 3_600);
  const bars: Record<string, Bar[]> = {};
  for (const [symbol, , start] of universe) {
    const random = forkRandom("bench", `walk:${symbol}`);
    let close = start;
    bars[symbol] = times.map((time) => {
      const open = close;
      close = open * (1 + 0.001 * random.nextGaussian());
      const high = Math.max(open, close) * 1.0005;
      const low = Math.min(open, close) * 0.9995;
      return {
        time,
        open: numberToFixed(open),
        high: numberToFixed(high),
        low: numberToFixed(low),
        close: numberToFixed(close),
        volume: 0n,
      };
    });
  }
  return {
    id: "bench-walk",
    frequency: "1h",
    assets: universe.map(([symbol, assetClass]) => ({ symbol, assetClass, name: symbol })),
    times,
    bars,
    provenance: { kind: "synthetic", generator: "markToMarket.bench random walk", seed: "bench" },
  };
}

const rules: SeasonRules = {
  ...llmtraderSeason,
  risk: {
    ...llmtraderSeason.risk,
    hardStop: { minCumulativePnl: "-5000" },
    valueAtRisk: {
      limit: "1000000",
      confidenceBps: 9_500,
      windowDays: 250,
      minObservations: 20,
      checkTimeUtc: "16:15",
    },
  },
};
const season = compileSeasonRules({ rules, dataset: walkDataset() });
const { tape, riskEngine } = season;
const first = tape.rounds[0] as MarketRound;

/** Every account buys each asset: 10% of equity in market value at 2x, stop 7% below the market. */
function openBooks(): Account[] {
  const records: RoundRecord[] = [];
  return Array.from({ length: ACCOUNTS }, (_, a) => {
    const account = season.createAccount(`agent-${a}`);
    universe.forEach(([symbol], i) => {
      const market = first.orderPrices[i] as Fixed;
      const outcome = riskEngine.submitOrder(
        account,
        first,
        {
          clientOrderId: `${a}-${symbol}`,
          symbol,
          side: "buy",
          notional: 1_000n * FIXED_ONE,
          leverage: 2,
          stopLoss: (market * 93n) / 100n,
        },
        records,
      );
      if (outcome.status !== "FILLED") throw new Error(`bench setup: ${outcome.denial.message}`);
    });
    return account;
  });
}

/** The baseline: generic mulFixed per position and equity recomputed from the book. */
function markWithMulFixed(account: Account, prices: readonly Fixed[]): Fixed {
  for (const position of account.positions) {
    if (position === undefined) continue;
    position.markPrice = prices[position.assetIndex] as Fixed;
  }
  account.equity = computeEquity(account);
  return account.equity;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9; // determinism-ok: benchmark timing
let checksum = 0n;

function timeMarks(mark: (account: Account, prices: readonly Fixed[]) => Fixed): number {
  const books = openBooks();
  const start = process.hrtime.bigint(); // determinism-ok
  for (const round of tape.rounds) {
    const prices = round.closes;
    for (const account of books) checksum += mark(account, prices);
  }
  return (books.length * tape.rounds.length) / seconds(start);
}

const baseline = timeMarks(markWithMulFixed);
const marks = timeMarks(markToMarket);

// Full risk-engine marks: stops, hard stop, season drawdown, VaR at 16:15 UTC, daily drawdown.
const books = openBooks();
const records: RoundRecord[] = [];
let start = process.hrtime.bigint(); // determinism-ok
for (const round of tape.rounds) {
  for (const account of books) riskEngine.markAccount(account, round, records);
  records.length = 0;
}
const engineMarks = (books.length * tape.rounds.length) / seconds(start);
const stillOpen = books.reduce((sum, account) => sum + account.openPositionCount, 0) / books.length;

// Orders through every pre-trade rule, as the season loop sends them with fills at the close: the
// round's mark, then each account sells or buys back 0.001 BTC. Timed: the orders only.
const traders = openBooks();
let orders = 0;
let orderSeconds = 0;
for (const round of tape.rounds.slice(1, 201)) {
  for (const account of traders) riskEngine.markAccount(account, round, records);
  const side = round.index % 2 === 1 ? "sell" : "buy";
  start = process.hrtime.bigint(); // determinism-ok
  for (const account of traders) {
    riskEngine.submitOrder(
      account,
      round,
      { clientOrderId: "t", symbol: "BTC", side, quantity: FIXED_ONE / 1_000n },
      records,
    );
    orders++;
  }
  orderSeconds += seconds(start);
  records.length = 0;
}
const orderRate = orders / orderSeconds;

if (checksum === 0n) throw new Error("unreachable: keeps the loops from being optimized away");

reportBench([
  {
    name: "engine.broker.markToMarket",
    value: Math.round(marks),
    unit: "marks/s",
    better: "higher",
    baseline: { name: "mulFixed per position + computeEquity", value: Math.round(baseline) },
    note: `${ACCOUNTS} accounts x 8 open positions x ${ROUNDS} hourly rounds`,
  },
  {
    name: "engine.risk.markAccount.allRules",
    value: Math.round(engineMarks),
    unit: "agent-marks/s",
    better: "higher",
    note: `stops + hard stop + season drawdown + VaR 16:15 + daily drawdown; ${ACCOUNTS} accounts, ${stillOpen.toFixed(1)} of 8 positions still open at the end`,
  },
  {
    name: "engine.risk.submitOrder.llmtrader",
    value: Math.round(orderRate),
    unit: "orders/s",
    better: "higher",
    note: "after the round's mark (fills at the close): leverage, 25% cap, min size and stop-loss rules, fill, record; 8-position books",
  },
]);
