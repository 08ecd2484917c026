/**
 * The season loop on hand-written bars (broker/testDataset.ts), where every price is in the test and
 * every expected number is worked out in a comment. Fees and slippage are 0 unless a test says so.
 */
import { describe, expect, it } from "vitest";
import type { AgentDecision } from "../agents/agent.ts";
import { price, TEST_START, type TestBar, testDataset } from "../broker/testDataset.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { macroArena } from "../config/presets/macroArena.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createSeason, type RoundOutput, type Season } from "./createSeason.ts";
import type { SeasonRecord } from "./seasonRecord.ts";
import { SeasonStateError } from "./seasonStateError.ts";
import { scriptedAgent, testEntrant } from "./testing/scriptedAgent.ts";

const units = (n: number) => BigInt(n) * FIXED_ONE;

/** LLMTrader's rules without fees and slippage, so that P&L is plain arithmetic. */
const costless = (fillPrice: "open" | "close" = "close"): SeasonRules => ({
  ...llmtraderSeason,
  execution: { ...llmtraderSeason.execution, fillPrice, feeBps: 0, slippageBps: 0 },
});

function runAll(season: Season): RoundOutput[] {
  const outputs: RoundOutput[] = [];
  while (!season.finished) outputs.push(season.step());
  return outputs;
}

const ofType = <T extends SeasonRecord["type"]>(outputs: readonly RoundOutput[], type: T) =>
  outputs
    .flatMap((output) => output.records)
    .filter((record): record is Extract<SeasonRecord, { type: T }> => record.type === type);

const btc = (bars: TestBar[], start = TEST_START) =>
  testDataset({ start, assets: { BTC: { assetClass: "crypto-major", bars } } });

describe("createSeason: a round's timeline", () => {
  // Round 0 buys 10 BTC at 100 with a stop at 95 (5% < 8%). Bar 1 trades down to 94: the stop fills
  // at 95, realizing 10 × (95 − 100) = −50. Round 2 buys 10 at 96, stop 92. Bar 3 opens at 90,
  // through the stop: gap rule, filled at the open 90, realizing 10 × (90 − 96) = −60.
  // Equity at the end: 10,000 − 50 − 60 = 9,890.
  const bars: TestBar[] = ["100", [100, 101, 94, 96], "96", [90, 91, 89, 90]];
  const script = {
    0: { orders: [{ symbol: "BTC", side: "buy" as const, quantity: units(10), stopLoss: price("95") }] },
    2: { orders: [{ symbol: "BTC", side: "buy" as const, quantity: units(10), stopLoss: price("92") }] },
  };

  for (const fillPrice of ["close", "open"] as const) {
    it(`executes stops at the stop price, and at the open when the bar gaps through (${fillPrice} fills)`, () => {
      const season = createSeason({
        rules: costless(fillPrice),
        dataset: btc(bars),
        entrants: [testEntrant(0, scriptedAgent("a", script))],
        seed: "t",
      });
      const outputs = runAll(season);
      const stops = ofType(outputs, "riskEvent").map((record) => record.event);
      expect(stops).toMatchObject([
        {
          kind: "stopLossTriggered",
          gap: false,
          stopLoss: price("95"),
          fill: { price: price("95"), realizedPnl: price("-50") },
        },
        {
          kind: "stopLossTriggered",
          gap: true,
          stopLoss: price("92"),
          fill: { price: price("90"), realizedPnl: price("-60") },
        },
      ]);
      expect(ofType(outputs, "riskEvent").map((record) => record.round)).toEqual([1, 3]);
      const marks = ofType(outputs, "mark");
      expect(marks.map((mark) => mark.equity)).toEqual([price("10000"), price("9950"), price("9950"), price("9890")]);
      expect(outputs.map((output) => output.standings[0]?.totalPnl)).toEqual([
        0n,
        price("-50"),
        price("-50"),
        price("-110"),
      ]);
    });
  }

  it("shows an agent nothing from after its decision time (close fills: the closed bar; open fills: bars before)", () => {
    // Every close is distinct, so a look-ahead would show up as a later round's close in an observation.
    const closes = Array.from({ length: 8 }, (_, i) => 100 + i);
    const bars: TestBar[] = closes.map((close) => [close - 0.5, close + 0.25, close - 0.75, close]);
    for (const fillPrice of ["close", "open"] as const) {
      const spy = scriptedAgent("spy", {});
      runAll(
        createSeason({ rules: costless(fillPrice), dataset: btc(bars), entrants: [testEntrant(0, spy)], seed: "t" }),
      );
      expect(spy.observations).toHaveLength(bars.length);
      for (const observation of spy.observations) {
        const [asset] = observation.assets;
        const r = observation.round;
        const roundTime = TEST_START + 3_600 * r;
        expect(observation.time).toBe(roundTime);
        const lastVisible = fillPrice === "close" ? r : r - 1;
        expect(asset?.bars.map((bar) => bar.time)).toEqual(
          Array.from({ length: lastVisible + 1 }, (_, i) => TEST_START + 3_600 * i),
        );
        // The price is the round's own close (close fills) or open (open fills): both known at decision time.
        const bar = bars[r] as readonly number[];
        expect(asset?.price).toBe(price(fillPrice === "close" ? (bar[3] as number) : (bar[0] as number)));
        const later = closes.slice(lastVisible + 1).map((close) => price(close).toString());
        // Every field, the lazily built portfolio and risk budget included.
        const text = canonicalJson({
          ...observation,
          riskBudget: observation.riskBudget,
          portfolio: observation.portfolio,
        });
        for (const value of later) expect(text).not.toContain(`"${value}"`);
      }
    }
  });

  it("pauses a 10% daily drawdown until 00:00 UTC, then trades again (seed 001)", () => {
    // Rounds at 22:00 and 23:00 on day D, then 00:00 and 01:00 on D+1. Round 0 buys 125 BTC at 100
    // at 5x (margin 2,500 = 25% of equity, the cap) with the furthest stop, 92. Bar 1 falls to 92:
    // stopped at 92, realizing 125 × (92 − 100) = −1,000 = 10% of the day's 10,000: paused until
    // 00:00 UTC of D+1. The order of round 1 is refused; the one of round 2 (00:00) fills.
    const start = TEST_START + 22 * 3_600;
    const agent = scriptedAgent("a", {
      0: { orders: [{ symbol: "BTC", side: "buy", quantity: units(125), leverage: 5, stopLoss: price("92") }] },
      1: { orders: [{ symbol: "BTC", side: "buy", quantity: units(1), stopLoss: price("85") }] },
      2: { orders: [{ symbol: "BTC", side: "buy", quantity: units(1), stopLoss: price("85") }] },
    });
    const outputs = runAll(
      createSeason({
        rules: costless(),
        dataset: btc(["100", [100, 100, 92, 92], "92", "92"], start),
        entrants: [testEntrant(0, agent)],
        seed: "t",
      }),
    );
    const nextMidnight = TEST_START + 86_400;
    expect(ofType(outputs, "riskEvent").map((record) => record.event)).toMatchObject([
      { kind: "stopLossTriggered", fill: { realizedPnl: price("-1000") } },
      { kind: "dailyDrawdownPause", equity: price("9000"), dayStartEquity: price("10000"), pausedUntil: nextMidnight },
    ]);
    expect(ofType(outputs, "orderCancelled")).toMatchObject([
      { round: 1, denial: { reason: "TRADING_PAUSED", context: { pausedUntil: nextMidnight } } },
    ]);
    expect(ofType(outputs, "orderFilled").map((record) => record.round)).toEqual([0, 2]);
    expect(ofType(outputs, "statusChanged").map(({ round, from, to }) => ({ round, from, to }))).toEqual([
      { round: 1, from: "active", to: "paused" },
      { round: 2, from: "paused", to: "active" },
    ]);
    expect(outputs.map((output) => output.standings[0]?.status)).toEqual(["active", "paused", "active", "active"]);
  });

  it("terminates at a 40% drawdown from the high-water mark and freezes the score there (seed 001)", () => {
    // 125 BTC at 5x (margin 2,500) with stop 92; bar 1 opens at 60, through the stop: filled at 60,
    // realizing 125 × (60 − 100) = −5,000. Equity 5,000 = 50% below the 10,000 peak: terminated at
    // round 1. The agent is not asked again and its figures stay those of round 1.
    const agent = scriptedAgent("a", {
      0: { orders: [{ symbol: "BTC", side: "buy", quantity: units(125), leverage: 5, stopLoss: price("92") }] },
    });
    const season = createSeason({
      rules: costless(),
      dataset: btc(["100", [60, 60, 55, 58], "120", "130"]),
      entrants: [testEntrant(0, agent)],
      seed: "t",
    });
    const outputs = runAll(season);
    expect(agent.observations.map((observation) => observation.round)).toEqual([0]);
    expect(ofType(outputs, "riskEvent").map((record) => record.event.kind)).toEqual([
      "stopLossTriggered",
      "seasonDrawdownTermination",
    ]);
    const standings = outputs.map((output) => output.standings[0]);
    expect(standings.map((standing) => standing?.status)).toEqual(["active", "terminated", "terminated", "terminated"]);
    expect(standings[3]).toEqual({ ...standings[1], rankChange: 0 });
    const results = season.results();
    expect(results.entrants[0]).toMatchObject({
      rank: 1,
      status: "terminated",
      finalAtRound: 1,
      rounds: 2,
      totalPnl: price("-5000"),
      metrics: { totalReturn: -0.5, maxDrawdown: 0.5 },
    });
    // Its metrics are over the marks 10,000 (start), 10,000 (round 0), 5,000 (round 1): two returns.
    expect(ofType(outputs, "mark").map((mark) => mark.round)).toEqual([0, 1]);
  });

  it("eliminates at the hard stop and never lets the entrant trade again (seed 002)", () => {
    // Macro rules with a hard stop at −1,000: 100 SPY bought at 100 (10,000, unleveraged); the next
    // close is 88, a P&L of −1,200 < −1,000: eliminated and liquidated at 88.
    const rules: SeasonRules = {
      ...macroArena,
      startingCapital: "10000",
      markets: { onBreach: "deny" },
      risk: { ...macroArena.risk, hardStop: { minCumulativePnl: "-1000" } },
    };
    const agent = scriptedAgent("a", {
      0: { orders: [{ symbol: "SPY", side: "buy", quantity: units(100) }] },
      2: { orders: [{ symbol: "SPY", side: "buy", quantity: units(1) }] },
    });
    const dataset = testDataset({
      frequency: "1d",
      assets: { SPY: { assetClass: "equity-etf", bars: ["100", "88", "95"] } },
    });
    const season = createSeason({ rules, dataset, entrants: [testEntrant(0, agent)], seed: "t" });
    const outputs = runAll(season);
    expect(ofType(outputs, "riskEvent").map((record) => record.event)).toMatchObject([
      { kind: "hardStopElimination", cumulativePnl: price("-1200"), minCumulativePnl: price("-1000") },
    ]);
    expect(ofType(outputs, "forcedLiquidation")).toMatchObject([
      { round: 1, reason: "hardStop", fills: [{ price: price("88") }] },
    ]);
    expect(agent.observations.map((observation) => observation.round)).toEqual([0]);
    expect(ofType(outputs, "orderFilled").map((record) => record.round)).toEqual([0]);
    expect(season.results().entrants[0]).toMatchObject({ status: "eliminated", rank: 1, score: -1200 });
  });

  it("liquidates at a VaR breach at the end of the day and skips the next trading day (seed 002)", () => {
    // Daily bars; every daily bar closes after 16:15 UTC, so every round is an end-of-day check.
    // With a 5-return minimum, round 5 is the first check with history. 50 SPY are bought at round 4;
    // the closes swing by 4–8% a day, so the historical 95% VaR of a ~5,000 position is hundreds,
    // far above the 100 limit: liquidated at round 5's close, and round 6 (the next day) is skipped.
    const rules: SeasonRules = {
      ...macroArena,
      startingCapital: "10000",
      markets: { onBreach: "deny" },
      risk: {
        ...macroArena.risk,
        valueAtRisk: { limit: "100", confidenceBps: 9_500, windowDays: 10, minObservations: 5, checkTimeUtc: "16:15" },
      },
    };
    const agent = scriptedAgent("a", {
      4: { orders: [{ symbol: "SPY", side: "buy", quantity: units(50) }] },
      6: { orders: [{ symbol: "SPY", side: "buy", quantity: units(1) }] },
      7: { orders: [{ symbol: "SPY", side: "buy", quantity: units(1) }] },
    });
    const dataset = testDataset({
      frequency: "1d",
      assets: { SPY: { assetClass: "equity-etf", bars: ["100", "104", "97", "103", "96", "102", "101", "100"] } },
    });
    const outputs = runAll(createSeason({ rules, dataset, entrants: [testEntrant(0, agent)], seed: "t" }));
    const breach = ofType(outputs, "riskEvent").find((record) => record.event.kind === "valueAtRiskBreach");
    expect(breach?.round).toBe(5);
    if (breach?.event.kind !== "valueAtRiskBreach") throw new Error("no VaR breach");
    expect(breach.event.valueAtRisk > breach.event.limit).toBe(true);
    // Paused until the end of the next trading day (round 6's day): 00:00 UTC of round 7's day.
    expect(breach.event.pausedUntil).toBe(TEST_START + 7 * 86_400);
    expect(ofType(outputs, "forcedLiquidation")).toMatchObject([{ round: 5, reason: "valueAtRisk" }]);
    expect(ofType(outputs, "orderCancelled")).toMatchObject([{ round: 6, denial: { reason: "VAR_PENALTY_DAY" } }]);
    expect(ofType(outputs, "orderFilled").map((record) => record.round)).toEqual([4, 7]);
  });
});

describe("createSeason: agents", () => {
  const dataset = btc(["100", "101", "102"]);

  it("awaits async agents in runRound; step() refuses them and the season stops", async () => {
    const asyncAgent = {
      id: "llm",
      decide: async (): Promise<AgentDecision> => ({
        orders: [],
        stopLossUpdates: [],
        reasoning: "wait",
        outcome: "hold",
      }),
    };
    const season = createSeason({ rules: costless(), dataset, entrants: [testEntrant(0, asyncAgent)], seed: "t" });
    const first = await season.runRound();
    expect(first.records).toMatchObject([{ type: "decision", outcome: "hold", reasoning: "wait" }, { type: "mark" }]);
    expect(() => season.step()).toThrow(SeasonStateError);
    expect(() => season.step()).toThrow(/cannot continue/);
  });

  it("records an agent that throws or answers nonsense as a no-trade decision, and goes on", () => {
    const thrower = {
      id: "bug",
      decide: (): AgentDecision => {
        throw new Error("boom");
      },
    };
    const nonsense = { id: "odd", decide: () => 42 as unknown as AgentDecision };
    const season = createSeason({
      rules: costless(),
      dataset,
      entrants: [testEntrant(0, thrower), testEntrant(1, nonsense)],
      seed: "t",
    });
    const outputs = runAll(season);
    expect(ofType(outputs, "decision").slice(0, 2)).toMatchObject([
      { entrantId: "0", outcome: "no-trade", noTradeReason: { code: "AGENT_ERROR", detail: "boom" } },
      { entrantId: "1", outcome: "no-trade", noTradeReason: { code: "INVALID_DECISION", detail: "got number" } },
    ]);
    expect(ofType(outputs, "decision")).toHaveLength(6);
  });

  it("lists every problem of the entrants at once", () => {
    const agent = scriptedAgent("a", {});
    expect(() =>
      createSeason({
        rules: costless(),
        dataset,
        entrants: [testEntrant(0, agent, { configHash: "0x12" }), testEntrant(0, agent, { name: "", wallet: "nope" })],
        seed: "",
      }),
    ).toThrow(/5 problems/);
  });

  it("refuses a round after the last and results before it", () => {
    const season = createSeason({
      rules: costless(),
      dataset,
      entrants: [testEntrant(0, scriptedAgent("a", {}))],
      seed: "t",
    });
    expect(() => season.results()).toThrow(/has run 0 of its 3 rounds/);
    runAll(season);
    expect(() => season.step()).toThrow(/has run all its 3 rounds/);
    expect(season.results().rounds).toBe(3);
  });
});
