/**
 * The built-in bots: what each does on hand-written bars, their stops, their determinism, and the
 * registry's parameter checks.
 */
import { describe, expect, it } from "vitest";
import type { AgentDecision } from "../agents/agent.ts";
import { price, type TestBar, testDataset } from "../broker/testDataset.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { macroArena } from "../config/presets/macroArena.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import type { Order } from "../domain/order.ts";
import type { Dataset } from "../market/dataset.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse, macroArenaUniverse } from "../market/universe.ts";
import { fixedToNumber } from "../money/fixed.ts";
import { createSeason, type RoundOutput } from "../season/createSeason.ts";
import { createRoundObservations } from "../season/roundObservations.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import { testHash } from "../season/testing/scriptedAgent.ts";
import {
  type BuiltInBotName,
  builtInBotConfigHash,
  builtInBotNames,
  builtInBots,
  createBuiltInBot,
  InvalidBotSpecError,
} from "./builtInBots.ts";

const costless: SeasonRules = {
  ...llmtraderSeason,
  execution: { ...llmtraderSeason.execution, feeBps: 0, slippageBps: 0 },
};

function play(
  rules: SeasonRules,
  dataset: Dataset,
  bots: { bot: BuiltInBotName; parameters?: Record<string, unknown> }[],
  seed = "bots",
) {
  const season = createSeason({
    rules,
    dataset,
    entrants: bots.map(({ bot, parameters }, index) => ({
      index,
      name: bot,
      modelFamily: "rule-based",
      configHash: testHash(1),
      agent: createBuiltInBot({
        bot,
        id: `${bot}-${index}`,
        seed,
        ...(parameters === undefined ? {} : { parameters }),
      }),
    })),
    seed,
  });
  const rounds: RoundOutput[] = [];
  while (!season.finished) rounds.push(season.step());
  return rounds;
}

const recordsOf = (rounds: readonly RoundOutput[]) => rounds.flatMap((round) => round.records);
const filledOrders = (rounds: readonly RoundOutput[]): Order[] =>
  recordsOf(rounds).flatMap((record) => (record.type === "orderFilled" ? [record.order] : []));

describe("built-in bots", () => {
  it("buy-and-hold buys every asset once with a stop, then trails the stop up as the price rises", () => {
    // Two assets rising 2% a bar. 60% of equity split in two is 30% each, above the 25% cap: the bot
    // takes 25% − 1% = 2,400 of notional each at 100.
    // Stop 5% under the entry (95). At round 1 the price is 102: the trailed stop 102 × 0.95 = 96.9 is
    // more than 1% above 95, so the stop moves up, and again whenever it would gain another 1%.
    const rising: TestBar[] = Array.from({ length: 6 }, (_, i) => (100 * 1.02 ** i).toFixed(8));
    const dataset = testDataset({
      assets: { BTC: { assetClass: "crypto-major", bars: rising }, ETH: { assetClass: "crypto-major", bars: rising } },
    });
    const rounds = play(costless, dataset, [{ bot: "buy-and-hold" }]);
    expect(filledOrders(rounds)).toMatchObject([
      { symbol: "BTC", side: "buy", notional: price("2400"), stopLoss: price("95") },
      { symbol: "ETH", side: "buy", notional: price("2400"), stopLoss: price("95") },
    ]);
    const moves = recordsOf(rounds).flatMap((record) => (record.type === "stopLossUpdated" ? [record] : []));
    expect(moves[0]).toMatchObject({
      round: 1,
      previousStopLoss: price("95"),
      update: { symbol: "BTC", stopLoss: price("96.9") },
    });
    expect(moves.every((move) => move.update.stopLoss > (move.previousStopLoss ?? 0n))).toBe(true);
  });

  it("momentum goes long above the slow average and turns short when the fast one crosses below", () => {
    // MA(2) vs MA(4) of closes: rising to round 5 (fast above: long), then falling (fast below: short).
    const path: TestBar[] = ["100", "101", "102", "103", "104", "105", "100", "95", "90", "85"];
    const dataset = testDataset({ assets: { BTC: { assetClass: "crypto-major", bars: path } } });
    const rounds = play(costless, dataset, [{ bot: "momentum", parameters: { fast: 2, slow: 4 } }]);
    const orders = recordsOf(rounds).flatMap((record) =>
      record.type === "orderFilled"
        ? [
            [
              record.round,
              record.order.side,
              record.fill.positionAfter > 0n ? "long" : record.fill.positionAfter < 0n ? "short" : "flat",
            ],
          ]
        : [],
    );
    // Round 3 is the first with 4 visible closes (fast 102.5 > slow 101.5): long. Round 6: fast
    // (105 + 100) / 2 = 102.5 < slow (103 + 104 + 105 + 100) / 4 = 103: close, then short.
    expect(orders).toEqual([
      [3, "buy", "long"],
      [6, "sell", "flat"],
      [6, "sell", "short"],
    ]);
  });

  it("momentum acts on exactly the flips of its own signal, whichever rounds it is asked and whenever it joins", () => {
    // Bots sharing one signal skip quiet rounds through the shared stances (signalStances.ts): each is
    // checked against a direct pass over its assets (the bot's rule written out here) on an account
    // that never fills, so every flip to long opens a buy and every flip to short a sell.
    const dataset = generateSyntheticMarket({
      seed: "momentum-flips",
      assets: llmTraderUniverse.slice(0, 3),
      frequency: "1h",
      start: 1_704_067_200,
      bars: 400,
    });
    const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
    const observations = createRoundObservations({ season });
    const account = season.createAccount("e1");
    const parameters = { fast: 6, slow: 20, thresholdBps: 30, allowShort: true };
    const band = parameters.thresholdBps / 10_000;
    const average = (closes: number[], period: number) => {
      let sum = 0;
      for (let i = closes.length - period; i < closes.length; i++) sum += closes[i] as number;
      return sum / period;
    };
    type Follower = {
      agent: SeasonAgent;
      asks: (round: number) => boolean;
      symbols: readonly string[] | undefined;
      wanted: Map<string, string>;
      acted: number;
    };
    const follower = (name: string, asks: (round: number) => boolean, symbols?: readonly string[]): Follower => ({
      agent: createBuiltInBot({
        bot: "momentum",
        id: name,
        seed: "s",
        parameters: symbols === undefined ? parameters : { ...parameters, symbols },
      }),
      asks,
      symbols,
      wanted: new Map(),
      acted: 0,
    });
    const followers = [
      follower("every", () => true),
      follower("odd", (round) => round % 2 === 1),
      follower("sparse", (round) => (round * 7) % 11 < 3),
      follower("late", (round) => round >= 250),
      // Trading some of the assets only: the group's stances still cover all of them.
      follower(
        "two",
        (round) => round % 3 !== 0,
        dataset.assets.slice(1).map((asset) => asset.symbol),
      ),
    ];
    for (let round = 0; round < dataset.times.length; round++) {
      for (const bot of followers) {
        if (!bot.asks(round)) continue;
        const observation = observations.observeTransient(account, round);
        const expected: [string, string][] = [];
        for (const asset of observation.assets) {
          if (bot.symbols !== undefined && !bot.symbols.includes(asset.symbol)) continue;
          const closes = asset.bars.map((bar) => fixedToNumber(bar.close));
          if (closes.length < parameters.slow) continue;
          const slow = average(closes, parameters.slow);
          const spread = (average(closes, parameters.fast) - slow) / slow;
          const want = spread > band ? "long" : spread < -band ? "short" : undefined;
          if (want === undefined || want === bot.wanted.get(asset.symbol)) continue;
          bot.wanted.set(asset.symbol, want);
          expected.push([asset.symbol, want === "long" ? "buy" : "sell"]);
        }
        const decided = bot.agent.decide(observation) as AgentDecision;
        expect(decided.orders.map((order) => [order.symbol, order.side])).toEqual(expected);
        if (expected.length > 0) bot.acted++;
      }
    }
    // Every follower saw flips, and quiet rounds between them.
    for (const bot of followers) expect(bot.acted).toBeGreaterThan(3);
  });

  it("mean reversion buys a close far below its recent mean and closes once it is back", () => {
    // lookback 5: closes 100, 100, 100, 100, 80 → mean 96, sample sd 8.944: z = −1.79 < −1.5: buy.
    // Then 95: closes 100, 100, 100, 80, 95 → mean 95, z = 0: |z| < 0.5, close.
    const dataset = testDataset({
      assets: { BTC: { assetClass: "crypto-major", bars: ["100", "100", "100", "100", "80", "95"] } },
    });
    const rounds = play(costless, dataset, [
      { bot: "mean-reversion", parameters: { lookback: 5, entryZ: 1.5, exitZ: 0.5 } },
    ]);
    expect(filledOrders(rounds).map((order) => order.side)).toEqual(["buy", "sell"]);
    expect(
      recordsOf(rounds)
        .filter((record) => record.type === "orderFilled")
        .map((record) => record.round),
    ).toEqual([4, 5]);
  });

  it("random is a function of the season's seed: same seed, same trades; another seed, other trades", () => {
    const dataset = generateSyntheticMarket({
      seed: "bots",
      assets: llmTraderUniverse.slice(0, 3),
      frequency: "1h",
      start: 1_704_067_200,
      bars: 100,
    });
    const run = (seed: string) =>
      canonicalJson(play(llmtraderSeason, dataset, [{ bot: "random", parameters: { tradeProbability: 0.3 } }], seed));
    expect(run("one")).toBe(run("one"));
    expect(run("one")).not.toBe(run("two"));
  });

  it("send a valid stop with every order that opens or adds, where stops are mandatory (LLMTrader)", () => {
    const dataset = generateSyntheticMarket({
      seed: "stops",
      assets: llmTraderUniverse.slice(0, 3),
      frequency: "1h",
      start: 1_704_067_200,
      bars: 240,
    });
    const rules: SeasonRules = { ...llmtraderSeason, conduct: {} };
    const rounds = play(
      rules,
      dataset,
      builtInBotNames.map((bot) => ({ bot })),
    );
    const stopProblems = recordsOf(rounds).filter(
      (record) =>
        (record.type === "orderCancelled" || record.type === "stopLossUpdateDenied") &&
        record.denial.reason.startsWith("STOP_LOSS") &&
        record.denial.reason !== "STOP_LOSS_WIDENED",
    );
    expect(stopProblems).toEqual([]);
    // The only refused stop moves are the widening bot's widening requests.
    const widened = recordsOf(rounds).filter((record) => record.type === "stopLossUpdateDenied");
    expect(widened.length).toBeGreaterThan(0);
    expect(widened.every((record) => record.entrantId === String(builtInBotNames.indexOf("stop-loss-widening")))).toBe(
      true,
    );
    expect(filledOrders(rounds).length).toBeGreaterThan(50);
  });

  it("trade without stops where the season offers market orders only (macro arena)", () => {
    const dataset = generateSyntheticMarket({
      seed: "macro",
      assets: macroArenaUniverse,
      frequency: "1d",
      start: 1_704_067_200,
      bars: 60,
      calendar: "weekdays",
    });
    const rounds = play(
      macroArena,
      dataset,
      builtInBotNames.map((bot) => ({ bot })),
    );
    expect(
      recordsOf(rounds).filter(
        (record) => record.type === "orderCancelled" && record.denial.reason === "STOP_ORDERS_NOT_OFFERED",
      ),
    ).toEqual([]);
    expect(filledOrders(rounds).every((order) => order.stopLoss === undefined)).toBe(true);
    expect(filledOrders(rounds).length).toBeGreaterThan(10);
  });
});

describe("built-in bot registry", () => {
  it("lists every problem of a bot's parameters", () => {
    const attempt = () =>
      createBuiltInBot({
        bot: "momentum",
        id: "m",
        seed: "s",
        parameters: { fast: 0, slow: "long", turbo: true, symbols: [] },
      });
    expect(attempt).toThrow(InvalidBotSpecError);
    expect(attempt).toThrow(/4 problems/);
    expect(() => createBuiltInBot({ bot: "hodl" as BuiltInBotName, id: "x", seed: "s" })).toThrow(/not a built-in bot/);
  });

  it("describes every bot, and hashes a bot's config by its frozen fields (parameters change it, the name does not)", () => {
    expect(Object.keys(builtInBots).sort()).toEqual([...builtInBotNames].sort());
    const a = builtInBotConfigHash("momentum", "alpha", { fast: 5 });
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(builtInBotConfigHash("momentum", "beta", { fast: 5 })).toBe(a);
    expect(builtInBotConfigHash("momentum", "alpha", { fast: 6 })).not.toBe(a);
  });
});
