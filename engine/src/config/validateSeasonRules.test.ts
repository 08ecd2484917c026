import { describe, expect, it } from "vitest";
import { llmtraderSeason } from "./presets/llmtraderSeason.ts";
import { macroArena } from "./presets/macroArena.ts";
import type { SeasonRules } from "./seasonRules.ts";
import { SeasonRulesError } from "./seasonRulesError.ts";
import { utcTimeSeconds, validateSeasonRules } from "./validateSeasonRules.ts";

function issuesOf(input: unknown) {
  try {
    validateSeasonRules(input);
  } catch (error) {
    if (error instanceof SeasonRulesError) return error.issues;
    throw error;
  }
  return [];
}
const clone = (rules: SeasonRules) => structuredClone(rules) as unknown as Record<string, Record<string, unknown>>;

describe("validateSeasonRules", () => {
  it("accepts the presets and normalizes decimal text", () => {
    const rules = structuredClone(macroArena);
    rules.startingCapital = "10000000.000";
    rules.risk.valueAtRisk = {
      ...(rules.risk.valueAtRisk as NonNullable<SeasonRules["risk"]["valueAtRisk"]>),
      limit: "100000.50",
    };
    const normalized = validateSeasonRules(rules);
    expect(normalized.startingCapital).toBe("10000000");
    expect(normalized.risk.valueAtRisk?.limit).toBe("100000.5");
    expect(rules.startingCapital).toBe("10000000.000"); // the input is not modified
  });

  it("reports every problem at once, each with its path", () => {
    const rules = clone(llmtraderSeason);
    rules.execution = { fillPrice: "mid", feeBps: -1, slippageBps: 2.5, stopOrders: false };
    rules.risk = {
      positionCap: { maxShareBps: 0, measure: "margin" },
      leverage: { maxLeverage: { "crypto-major": 5, crypto: 3 }, onBreach: "deny" },
      stopLoss: { maxDistanceBps: 800, extra: 1 },
      hardStop: { minCumulativePnl: "1000000" },
      valueAtRisk: { limit: "1e5", confidenceBps: 9_500, windowDays: 10, minObservations: 20, checkTimeUtc: "4pm" },
    };
    rules.scoring = { method: "custom", riskFreeRatePerYear: 0.04, periodsPerYear: 0 };
    (rules as Record<string, unknown>).startingCapital = 10_000;
    (rules as Record<string, unknown>).colour = "blue";
    const paths = issuesOf(rules).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "colour",
        "startingCapital",
        "execution.fillPrice",
        "execution.feeBps",
        "execution.slippageBps",
        "risk.positionCap.maxShareBps",
        "risk.leverage.maxLeverage.fx",
        "risk.leverage.maxLeverage.equity-etf",
        "risk.stopLoss.extra",
        "risk.stopLoss",
        "risk.hardStop.minCumulativePnl",
        "risk.valueAtRisk.limit",
        "risk.valueAtRisk.minObservations",
        "risk.valueAtRisk.checkTimeUtc",
        "scoring.periodsPerYear",
        "scoring.weights",
      ]),
    );
    expect(paths.length).toBeGreaterThanOrEqual(16);
  });

  it("explains each problem so the author knows what to write", () => {
    const rules = clone(llmtraderSeason);
    rules.risk = { ...rules.risk, stopLoss: { maxDistanceBps: 800 } };
    rules.execution = { ...rules.execution, stopOrders: false };
    rules.scoring = { ...rules.scoring, weights: { sharpe_weight: 1 } };
    const issues = issuesOf(rules);
    expect(issues).toContainEqual({
      path: "risk.stopLoss",
      message: "a mandatory stop-loss needs execution.stopOrders = true",
    });
    expect(issues).toContainEqual({
      path: "scoring.weights",
      message: 'only the "custom" method takes weights, not "llmtrader"',
    });
    const error = (() => {
      try {
        validateSeasonRules(rules);
      } catch (caught) {
        return caught as SeasonRulesError;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/^Invalid season rules: 2 problems\./);
    expect(error?.message).toMatch(/Hint: Fix every listed field/);
  });

  it("checks market lists and metadata, and merges the conduct and scoring modules' own checks", () => {
    const rules = clone(llmtraderSeason);
    rules.scoring = {
      method: "custom",
      weights: { sharpe_weight: 0, pnl_weight: -1 },
      riskFreeRatePerYear: 0,
      periodsPerYear: 365,
    };
    rules.markets = { symbols: ["BTC", "BTC"], allowed: ["ETH"], blocked: ["btc"], onBreach: "ignore" };
    rules.conduct = {
      bannedStrategies: { martingale: { action: "ban" }, spoofing: { action: "deny" } },
      minTradeCount: -1,
    };
    rules.metadata = { debateRounds: 2, nested: { a: 1 } };
    const issues = issuesOf(rules);
    const messages = issues.map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "markets.symbols[1]: repeats BTC",
        "markets.allowed: ETH is not in markets.symbols",
        expect.stringMatching(/^markets\.blocked\[0\]: must be an upper-case ticker/),
        expect.stringMatching(/^markets\.onBreach: must be one of deny, excludeFromScoring/),
        expect.stringMatching(/^metadata\.nested: must be a string, finite number or boolean/),
      ]),
    );
    // The conduct module's (conduct/conductPolicy.ts) and scoring module's problems, split into path and message.
    const paths = issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "conduct.bannedStrategies.martingale.action",
        "conduct.bannedStrategies.spoofing",
        "conduct.minTradeCount",
        "scoring.weights.pnl_weight",
      ]),
    );
    expect(issues.find((issue) => issue.path === "scoring.weights.pnl_weight")?.message).toMatch(/^is -1/);
  });

  it("keeps tolerances to the llmtrader method and weights to the custom one", () => {
    const rules = clone(macroArena);
    rules.scoring = {
      ...rules.scoring,
      tolerances: { sharpeRatio: 0, totalReturn: 0.1, calmarRatio: 0.1 },
      weights: {},
    };
    expect(issuesOf(rules)).toEqual([
      { path: "scoring.tolerances", message: 'only the "llmtrader" method uses tolerances, not "totalPnl"' },
      { path: "scoring.tolerances.sharpeRatio", message: "must be a positive grid step, got 0" },
      { path: "scoring.weights", message: 'only the "custom" method takes weights, not "totalPnl"' },
    ]);
  });

  it("refuses what is not a ruleset at all", () => {
    expect(issuesOf(null)).toEqual([{ path: "$", message: "must be an object, got null" }]);
    expect(issuesOf({}).length).toBe(14); // every required top-level field is missing
  });
});

describe("utcTimeSeconds", () => {
  it("converts HH:MM to seconds after midnight", () => {
    expect(utcTimeSeconds("16:15")).toBe(58_500); // 16 × 3,600 + 15 × 60
    expect(utcTimeSeconds("00:00")).toBe(0);
    expect(() => utcTimeSeconds("24:00")).toThrow(RangeError);
  });
});
