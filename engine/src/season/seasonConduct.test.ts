/**
 * Conduct at season level: seed 003's config freeze (forfeit), activity requirements and minimum
 * trade count (disqualification at settlement), excluded trades, and seed 001's banned strategies
 * (denied before the trade, or disqualifying once found).
 */
import { describe, expect, it } from "vitest";
import type { AgentDecision } from "../agents/agent.ts";
import { price, TEST_START, type TestBar, testDataset } from "../broker/testDataset.ts";
import { dailyTournament } from "../config/presets/dailyTournament.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { nonDailyTournament } from "../config/presets/nonDailyTournament.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createSeason, type RoundOutput, type Season } from "./createSeason.ts";
import type { SeasonRecord } from "./seasonRecord.ts";
import { scriptedAgent, testEntrant, testHash } from "./testing/scriptedAgent.ts";

const units = (n: number) => BigInt(n) * FIXED_ONE;

function runAll(season: Season): RoundOutput[] {
  const outputs: RoundOutput[] = [];
  while (!season.finished) outputs.push(season.step());
  return outputs;
}

const ofType = <T extends SeasonRecord["type"]>(outputs: readonly RoundOutput[], type: T) =>
  outputs
    .flatMap((output) => output.records)
    .filter((record): record is Extract<SeasonRecord, { type: T }> => record.type === type);

const flat = (rounds: number, symbols = ["BTC", "ETH", "SOL"]) =>
  testDataset({
    assets: Object.fromEntries(
      symbols.map((symbol) => [
        symbol,
        { assetClass: "crypto-major" as const, bars: Array<TestBar>(rounds).fill("100") },
      ]),
    ),
  });

const costless = (rules: SeasonRules): SeasonRules => ({
  ...rules,
  execution: { ...rules.execution, feeBps: 0, slippageBps: 0 },
});

describe("season conduct: seed 003 tournaments", () => {
  it("forfeits an entry whose running config differs from the frozen one, from that round (non-daily)", () => {
    const rules = costless({ ...nonDailyTournament, conduct: { ...nonDailyTournament.conduct, minTradeCount: 0 } });
    const changing = { ...scriptedAgent("changes", {}), configHashAt: (round: number) => testHash(round < 3 ? 1 : 2) };
    const season = createSeason({
      rules,
      dataset: flat(30),
      entrants: [
        testEntrant(0, scriptedAgent("registered-another", {}), { frozenConfigHash: testHash(9) }),
        testEntrant(1, changing),
        testEntrant(2, scriptedAgent("faithful", {})),
      ],
      seed: "t",
    });
    const outputs = runAll(season);
    expect(
      ofType(outputs, "conductOutcome").map(({ round, entrantId, outcome }) => ({
        round,
        entrantId,
        rule: outcome.rule,
      })),
    ).toEqual([
      { round: 0, entrantId: "0", rule: "config-freeze" },
      { round: 3, entrantId: "1", rule: "config-freeze" },
    ]);
    expect(changing.observations.map((observation) => observation.round)).toEqual([0, 1, 2]);
    const results = season.results();
    expect(
      results.entrants.map(({ entrantId, rank, status, finalAtRound }) => ({ entrantId, rank, status, finalAtRound })),
    ).toEqual([
      { entrantId: "2", rank: 1, status: "active", finalAtRound: null },
      { entrantId: "0", rank: null, status: "forfeited", finalAtRound: 0 },
      { entrantId: "1", rank: null, status: "forfeited", finalAtRound: 3 },
    ]);
    expect(outputs[29]?.standings.map((standing) => standing.rank)).toEqual([1, null, null]);
  });

  it("has no config freeze in a daily tournament", () => {
    const season = createSeason({
      rules: costless({ ...dailyTournament, conduct: { tournament: "daily" } }),
      dataset: flat(3),
      entrants: [testEntrant(0, scriptedAgent("edits", {}), { frozenConfigHash: testHash(9) })],
      seed: "t",
    });
    runAll(season);
    expect(season.results().entrants[0]?.status).toBe("active");
  });

  it("disqualifies at settlement below 80% active hours, over 24 inactive hours, or under the minimum trade count", () => {
    // 30 hourly rounds. "silent" holds every hour (a hold is a valid decision: 30/30 active) but
    // never trades; "absent" answers TIMEOUT (missing) except in the first 5 hours: 5/30 active
    // and a 25-hour inactive streak; "trader" trades once, which the 1-trade minimum asks.
    const rules = costless({ ...nonDailyTournament, conduct: { ...nonDailyTournament.conduct, minTradeCount: 1 } });
    const absent = {
      id: "absent",
      decide: (observation: { round: number }): AgentDecision =>
        observation.round < 5
          ? { orders: [], stopLossUpdates: [], reasoning: "", outcome: "hold" }
          : {
              orders: [],
              stopLossUpdates: [],
              reasoning: "",
              outcome: "no-trade",
              noTradeReason: { code: "TIMEOUT", detail: "30 s" },
            },
    };
    const trader = scriptedAgent("trader", { 2: { orders: [{ symbol: "BTC", side: "buy", quantity: units(1) }] } });
    const season = createSeason({
      rules,
      dataset: flat(30),
      entrants: [testEntrant(0, scriptedAgent("silent", {})), testEntrant(1, absent), testEntrant(2, trader)],
      seed: "t",
    });
    runAll(season);
    const results = season.results();
    const byId = new Map(results.entrants.map((entry) => [entry.entrantId, entry]));
    expect(byId.get("0")?.conduct.map((outcome) => [outcome.rule, outcome.evidence])).toEqual([
      ["min-trade-count", { trades: 0, minTrades: 1 }],
    ]);
    expect(byId.get("1")?.conduct.map((outcome) => outcome.rule)).toEqual([
      "min-active-hours",
      "max-inactive-streak",
      "min-trade-count",
    ]);
    expect(byId.get("1")?.conduct[0]?.evidence).toMatchObject({ totalHours: 30, activeHours: 5, missingDecisions: 25 });
    expect(byId.get("2")).toMatchObject({ rank: 1, status: "active", conduct: [] });
    expect(results.entrants.map((entry) => [entry.entrantId, entry.status])).toEqual([
      ["2", "active"],
      ["0", "disqualified"],
      ["1", "disqualified"],
    ]);
    expect(results.settlementRecords.filter((record) => record.type === "statusChanged")).toHaveLength(2);
  });

  it("leaves trades outside the allowed markets out of scoring and of the trade count (daily tournament)", () => {
    // SOL is not an allowed market: its fill is kept but excluded. SOL is bought at 100 and ends at
    // 150, a +50 the leaderboard must not see; BTC is bought at 100 and ends at 110: +10 scored.
    const rules = costless({ ...dailyTournament, conduct: { tournament: "daily", minTradeCount: 2 } });
    const agent = scriptedAgent("a", {
      0: {
        orders: [
          { symbol: "SOL", side: "buy", quantity: units(1) },
          { symbol: "BTC", side: "buy", quantity: units(1) },
        ],
      },
    });
    const dataset = testDataset({
      assets: {
        BTC: { assetClass: "crypto-major", bars: ["100", "105", "110"] },
        ETH: { assetClass: "crypto-major", bars: ["100", "100", "100"] },
        SOL: { assetClass: "crypto-major", bars: ["100", "120", "150"] },
      },
    });
    const season = createSeason({ rules, dataset, entrants: [testEntrant(0, agent)], seed: "t" });
    const outputs = runAll(season);
    expect(
      ofType(outputs, "orderFilled").map((record) => [record.fill.symbol, record.fill.excludedFromScoring]),
    ).toEqual([
      ["SOL", true],
      ["BTC", false],
    ]);
    expect(ofType(outputs, "mark").at(-1)?.equity).toBe(price("10060"));
    expect(outputs.at(-1)?.standings[0]).toMatchObject({ totalPnl: price("10"), trades: 1 });
    const [entry] = season.results().entrants;
    // One scored trade against a minimum of two: disqualified, although two orders were filled.
    expect(entry?.conduct.map((outcome) => [outcome.rule, outcome.evidence])).toEqual([
      ["min-trade-count", { trades: 1, minTrades: 2 }],
    ]);
    expect(entry?.totalPnl).toBe(price("10"));
  });
});

describe("season conduct: seed 001 banned strategies", () => {
  it("refuses a stop-loss widening before it happens and records why (action deny)", () => {
    const agent = scriptedAgent("a", {
      0: { orders: [{ symbol: "BTC", side: "buy", quantity: units(10), stopLoss: price("97") }] },
      1: { stopLossUpdates: [{ symbol: "BTC", stopLoss: price("93") }] },
      2: { stopLossUpdates: [{ symbol: "BTC", stopLoss: price("98") }] },
    });
    const season = createSeason({
      rules: costless(llmtraderSeason),
      dataset: flat(3, ["BTC"]),
      entrants: [testEntrant(0, agent)],
      seed: "t",
    });
    const outputs = runAll(season);
    expect(ofType(outputs, "conductDenied")).toMatchObject([
      {
        round: 1,
        request: { kind: "stopLossUpdate", update: { stopLoss: price("93") } },
        denial: { reasonCode: "BANNED_STRATEGY", rules: ["stop-loss-widening"] },
      },
    ]);
    expect(ofType(outputs, "stopLossUpdated")).toMatchObject([
      { round: 2, previousStopLoss: price("97"), update: { stopLoss: price("98") } },
    ]);
    expect(season.results().entrants[0]).toMatchObject({ status: "active", conduct: [] });
  });

  it("disqualifies in the round a disqualifying banned strategy is found, liquidating the entrant", () => {
    // Wash trading (seed 004, disqualify in LLMTrader): three same-round buy-and-sell pairs. The
    // third pair completes the pattern at round 2: disqualified there, never asked again.
    const pair = {
      orders: [
        { symbol: "BTC", side: "buy" as const, quantity: units(10), stopLoss: price("95") },
        { symbol: "BTC", side: "sell" as const, quantity: units(10) },
      ],
    };
    const agent = scriptedAgent("washer", { 0: pair, 1: pair, 2: pair, 3: pair });
    const season = createSeason({
      rules: costless(llmtraderSeason),
      dataset: flat(6, ["BTC"]),
      entrants: [testEntrant(0, agent)],
      seed: "t",
    });
    const outputs = runAll(season);
    expect(ofType(outputs, "conductOutcome")).toMatchObject([
      { round: 2, outcome: { rule: "wash-trading", action: "disqualify", status: "disqualified", rounds: [0, 1, 2] } },
    ]);
    expect(agent.observations.map((observation) => observation.round)).toEqual([0, 1, 2]);
    expect(outputs.at(-1)?.standings[0]).toMatchObject({ rank: null, status: "disqualified" });
    expect(season.results().entrants[0]).toMatchObject({ rank: null, status: "disqualified", finalAtRound: 2 });
  });

  it("judges a round's orders before its mark: a banned strategy completed in the round an open-fill mark would end the entrant still disqualifies", () => {
    // Orders fill at the open. Round 2: the third wash pair completes the pattern, and a 2 BTC long
    // bought at the open loses 4 at the close (100 → 98), past a hard stop of −1. Judged first, the
    // entrant is disqualified (unranked); judged after the mark it would end eliminated and ranked,
    // with a disqualifying outcome only the settlement scan would find.
    const pair = {
      orders: [
        { symbol: "BTC", side: "buy" as const, quantity: units(10), stopLoss: price("95") },
        { symbol: "BTC", side: "sell" as const, quantity: units(10) },
      ],
    };
    const last = {
      orders: [...pair.orders, { symbol: "BTC", side: "buy" as const, quantity: units(2), stopLoss: price("95") }],
    };
    const washer = scriptedAgent("washer", { 0: pair, 1: pair, 2: last });
    const rules = costless({
      ...llmtraderSeason,
      execution: { ...llmtraderSeason.execution, fillPrice: "open" },
      risk: { ...llmtraderSeason.risk, hardStop: { minCumulativePnl: "-1" } },
    });
    const dataset = testDataset({
      assets: {
        BTC: { assetClass: "crypto-major", bars: ["100", "100", ["100", "100", "98", "98"], "98", "98", "98"] },
      },
    });
    const season = createSeason({
      rules,
      dataset,
      entrants: [testEntrant(0, washer), testEntrant(1, scriptedAgent("idle", {}))],
      seed: "t",
    });
    const outputs = runAll(season);
    expect(ofType(outputs, "conductOutcome")).toMatchObject([
      { round: 2, entrantId: "0", outcome: { rule: "wash-trading", status: "disqualified" } },
    ]);
    expect(ofType(outputs, "riskEvent").filter((record) => record.entrantId === "0")).toEqual([]);
    const [washerResult] = season.results().entrants.filter((entry) => entry.entrantId === "0");
    expect(washerResult).toMatchObject({ rank: null, status: "disqualified", finalAtRound: 2 });
    // The settlement scan finds the same disqualification the season acted on: conduct and status agree.
    expect(washerResult?.conduct.map((outcome) => outcome.status)).toEqual(["disqualified"]);
  });

  it("flags without changing the standing when the season says flag", () => {
    const rules = costless({
      ...llmtraderSeason,
      conduct: { bannedStrategies: { "wash-trading": { action: "flag" } } },
    });
    const pair = {
      orders: [
        { symbol: "BTC", side: "buy" as const, quantity: units(10), stopLoss: price("95") },
        { symbol: "BTC", side: "sell" as const, quantity: units(10) },
      ],
    };
    const season = createSeason({
      rules,
      dataset: flat(4, ["BTC"]),
      entrants: [testEntrant(0, scriptedAgent("washer", { 0: pair, 1: pair, 2: pair }))],
      seed: "t",
    });
    runAll(season);
    expect(season.results().entrants[0]).toMatchObject({
      rank: 1,
      status: "active",
      conduct: [{ rule: "wash-trading", action: "flag", status: null }],
    });
    expect(TEST_START).toBeGreaterThan(0);
  });
});
