import { describe, expect, it } from "vitest";
import { testDataset } from "../broker/testDataset.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { compileSeasonRules } from "./compileSeasonRules.ts";
import { llmtraderSeason } from "./presets/llmtraderSeason.ts";
import { macroArena } from "./presets/macroArena.ts";
import { SeasonRulesError } from "./seasonRulesError.ts";

const hourlyCrypto = testDataset({
  assets: {
    BTC: { assetClass: "crypto-major", bars: ["100", "101"] },
    ETH: { assetClass: "crypto-major", bars: ["10", "11"] },
  },
});

describe("compileSeasonRules", () => {
  it("builds the broker, the rules (order checks, then triggers by severity) and accounts", () => {
    const season = compileSeasonRules({ rules: llmtraderSeason, dataset: hourlyCrypto });
    expect(season.riskRules.map((rule) => rule.id)).toEqual([
      "leverageLimit",
      "positionCap",
      "minPositionSize",
      "stopLoss",
      "seasonDrawdown",
      "dailyDrawdown",
    ]);
    expect(season.broker).toEqual({ fillPrice: "close", feeBps: 5n, slippageBps: 2n, stopOrders: true });
    expect(season.startingCapital).toBe(10_000n * FIXED_ONE);
    const account = season.createAccount("agent-7");
    expect(account).toMatchObject({ entrantId: "agent-7", cash: 10_000n * FIXED_ONE, status: "active" });
    expect(account.positions).toHaveLength(2);
  });

  it("restricts the dataset to the season's symbols, keeping dataset order", () => {
    const dataset = testDataset({
      frequency: "1d",
      assets: Object.fromEntries(
        ["GLD", "EURUSD", "BTC", "SPY", "TLT", "USO"].map((symbol) => [
          symbol,
          { assetClass: "commodity" as const, bars: ["1"] },
        ]),
      ),
    });
    const season = compileSeasonRules({ rules: macroArena, dataset });
    expect(season.tape.universe.assets.map((asset) => asset.symbol)).toEqual(["GLD", "EURUSD", "SPY", "TLT", "USO"]);
    expect(Object.keys(season.dataset.bars).sort()).toEqual(["EURUSD", "GLD", "SPY", "TLT", "USO"]);
    expect(season.riskRules.map((rule) => rule.id)).toEqual(["leverageLimit", "hardStop", "valueAtRisk"]);
  });

  it("reports every mismatch with the dataset at once", () => {
    const attempt = () => compileSeasonRules({ rules: macroArena, dataset: hourlyCrypto });
    expect(attempt).toThrow(SeasonRulesError);
    try {
      attempt();
    } catch (error) {
      const issues = (error as SeasonRulesError).issues;
      expect(issues[0]).toEqual({
        path: "frequency",
        message: 'is "1d" but dataset "hand-written-test-bars" has "1h" bars',
      });
      expect(issues.filter((issue) => issue.path === "markets.symbols")).toHaveLength(5);
      expect((error as SeasonRulesError).message).toMatch(/do not fit dataset "hand-written-test-bars": 6 problems/);
    }
  });

  it("validates the rules first", () => {
    expect(() =>
      compileSeasonRules({ rules: { ...llmtraderSeason, startingCapital: "-5" }, dataset: hourlyCrypto }),
    ).toThrow(/startingCapital: must be above 0/);
  });
});
