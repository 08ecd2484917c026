/**
 * Every rule-breaking bot really breaks its rule: run in a season, it triggers the banned-strategy
 * detector it is named after (conduct/*.ts, seed 001 and seed 004), and the season acts on it.
 */
import { describe, expect, it } from "vitest";
import type { TestBar } from "../broker/testDataset.ts";
import { testDataset } from "../broker/testDataset.ts";
import type { BannedStrategiesConfig } from "../conduct/conductPolicy.ts";
import { bannedStrategyIds } from "../conduct/violation.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import type { Dataset } from "../market/dataset.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { createSeason, type RoundOutput } from "../season/createSeason.ts";
import type { SeasonResults } from "../season/seasonResults.ts";
import { testHash } from "../season/testing/scriptedAgent.ts";
import { type BuiltInBotName, createBuiltInBot } from "./builtInBots.ts";

const synthetic = generateSyntheticMarket({
  seed: "golden",
  assets: llmTraderUniverse.slice(0, 3),
  frequency: "1h",
  start: 1_704_067_200,
  bars: 240,
});

/** LLMTrader's risk rules with every banned strategy flagged (nobody is taken out, every detector reports). */
const flagEverything: BannedStrategiesConfig = Object.fromEntries(
  bannedStrategyIds.map((id) => [id, { action: "flag" }]),
);
const { stopLoss: _withoutStopRule, ...riskWithoutStopRule } = llmtraderSeason.risk;

function play(rules: SeasonRules, dataset: Dataset, bots: readonly BuiltInBotName[]) {
  const season = createSeason({
    rules,
    dataset,
    entrants: bots.map((bot, index) => ({
      index,
      name: bot,
      modelFamily: "rule-based",
      configHash: testHash(1),
      agent: createBuiltInBot({ bot, id: bot, seed: "rules" }),
    })),
    seed: "rules",
  });
  const rounds: RoundOutput[] = [];
  while (!season.finished) rounds.push(season.step());
  return { rounds, results: season.results() };
}

const rulesOf = (results: SeasonResults, name: string) =>
  new Set(results.entrants.find((entry) => entry.name === name)?.conduct.map((outcome) => outcome.rule));

describe("rule-breaking bots", () => {
  it("each triggers its own detector (every rule flagged, LLMTrader's limits otherwise)", () => {
    // Without the risk rule that refuses stop widening, the widening happens and the detector sees it.
    const rules: SeasonRules = {
      ...llmtraderSeason,
      risk: riskWithoutStopRule,
      conduct: { bannedStrategies: flagEverything },
    };
    const { results } = play(rules, synthetic, [
      "martingale",
      "doubling-down",
      "revenge-trading",
      "stop-loss-widening",
      "wash-trading",
    ]);
    expect(rulesOf(results, "martingale").has("martingale")).toBe(true);
    expect(rulesOf(results, "doubling-down").has("doubling-down")).toBe(true);
    expect(rulesOf(results, "revenge-trading").has("revenge-trading")).toBe(true);
    expect(rulesOf(results, "stop-loss-widening").has("stop-loss-widening")).toBe(true);
    expect(rulesOf(results, "wash-trading").has("wash-trading")).toBe(true);
  });

  it("the unlimited grid keeps adding levels past the 25% share on a falling market", () => {
    // BTC falls exactly 1% an hour: the grid buys every round, levels evenly spaced, 12% of equity of
    // exposure each (4% margin at 3x): past 25% at the third level, five levels by round 4.
    const closes: TestBar[] = Array.from({ length: 8 }, (_, i) => (100 * 0.99 ** i).toFixed(8));
    const falling = testDataset({ assets: { BTC: { assetClass: "crypto-major", bars: closes } } });
    const rules: SeasonRules = {
      ...llmtraderSeason,
      conduct: { bannedStrategies: { "unlimited-grid": { action: "flag" } } },
    };
    const { results } = play(rules, falling, ["unlimited-grid"]);
    const [outcome] = results.entrants[0]?.conduct ?? [];
    expect(outcome).toMatchObject({ rule: "unlimited-grid", action: "flag" });
    expect(outcome?.rounds.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
  });

  it("under LLMTrader's own rules: widening is refused before it happens, the others are disqualified", () => {
    const { rounds, results } = play(llmtraderSeason, synthetic, [
      "martingale",
      "doubling-down",
      "revenge-trading",
      "stop-loss-widening",
      "wash-trading",
    ]);
    const denied = rounds.flatMap((round) => round.records).filter((record) => record.type === "conductDenied");
    expect(denied.length).toBeGreaterThan(0);
    expect(
      denied.every((record) => record.entrantId === "3" && record.denial.rules.includes("stop-loss-widening")),
    ).toBe(true);
    const statusOf = (name: string) => results.entrants.find((entry) => entry.name === name)?.status;
    for (const name of ["martingale", "doubling-down", "revenge-trading", "wash-trading"])
      expect(statusOf(name)).toBe("disqualified");
    expect(statusOf("stop-loss-widening")).toBe("active");
  });
});
