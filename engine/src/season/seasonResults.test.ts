/**
 * Settlement and results of whole seasons of built-in bots on synthetic markets. Expected values are
 * rebuilt independently from the season's own records (marks, fills) and passed through the
 * metrics and scoring modules' functions: the results must be what the records say.
 */
import { describe, expect, it } from "vitest";
import { type BuiltInBotName, builtInBotConfigHash, createBuiltInBot } from "../bots/builtInBots.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { macroArena } from "../config/presets/macroArena.ts";
import { nonDailyTournament } from "../config/presets/nonDailyTournament.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import type { Dataset } from "../market/dataset.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse, macroArenaUniverse } from "../market/universe.ts";
import { computePerformanceMetrics } from "../metrics/performanceMetrics.ts";
import { fixedToNumber } from "../money/fixed.ts";
import { defaultLlmTraderTolerances, rankLlmTrader } from "../scoring/llmTraderRanking.ts";
import { compareModelFamilies } from "../scoring/modelFamilyComparison.ts";
import { rankByTotalPnl } from "../scoring/totalPnlRanking.ts";
import { scoreTournament } from "../scoring/tournamentScore.ts";
import type { RoundOutput } from "./createSeason.ts";
import { runSeason } from "./runSeason.ts";
import type { SeasonEntrant } from "./seasonEntrant.ts";

const bots: BuiltInBotName[] = ["buy-and-hold", "momentum", "mean-reversion", "random", "random", "momentum"];

function entrants(seed: string, list: readonly BuiltInBotName[] = bots): SeasonEntrant[] {
  return list.map((bot, index) => ({
    index,
    name: `${bot}-${index}`,
    modelFamily: index % 2 === 0 ? "even" : "odd",
    configHash: builtInBotConfigHash(bot, `${bot}-${index}`),
    agent: createBuiltInBot({
      bot,
      id: `${bot}-${index}`,
      seed,
      parameters:
        bot === "momentum" ? { fast: 6 + index, slow: 24 } : bot === "random" ? { tradeProbability: 0.2 } : {},
    }),
  }));
}

/** The metrics input of an entrant, rebuilt from the round records alone (no exclusions in these seasons). */
function metricsFromRecords(rules: SeasonRules, outputs: readonly RoundOutput[], entrantId: string) {
  const records = outputs.flatMap((output) => output.records).filter((record) => record.entrantId === entrantId);
  const equity = [fixedToNumber(BigInt(Number(rules.startingCapital)) * 100_000_000n)];
  const closedTrades: { pnl: number }[] = [];
  const traded: Record<string, number> = {};
  let fills = 0;
  const exposure: number[] = [];
  for (const record of records) {
    const fillsOf =
      record.type === "orderFilled"
        ? [record.fill]
        : record.type === "forcedLiquidation"
          ? record.fills
          : record.type === "riskEvent" && record.event.kind === "stopLossTriggered"
            ? [record.event.fill]
            : [];
    for (const fill of fillsOf) {
      if (fill.closedTradePnl !== undefined) closedTrades.push({ pnl: fixedToNumber(fill.closedTradePnl) });
      traded[fill.symbol] = (traded[fill.symbol] ?? 0) + fixedToNumber(fill.notional);
      if (fill.kind === "order") fills++;
    }
    if (record.type === "mark") equity.push(fixedToNumber(record.equity));
  }
  return { equity, closedTrades, fills, traded, exposure };
}

async function season(rules: SeasonRules, dataset: Dataset, seed: string, list?: readonly BuiltInBotName[]) {
  return runSeason({ rules, dataset, entrants: entrants(seed, list), seed, rewardSplitBps: [5_000, 3_000, 2_000] });
}

describe("season results", () => {
  const crypto = generateSyntheticMarket({
    seed: "results",
    assets: llmTraderUniverse.slice(0, 3),
    frequency: "1h",
    start: 1_704_067_200,
    bars: 200,
  });

  it("LLMTrader: metrics are those of the recorded marks and fills, and the order is rankLlmTrader's", async () => {
    const { rounds, results } = await season(llmtraderSeason, crypto, "results");
    for (const entry of results.entrants) {
      const rebuilt = metricsFromRecords(llmtraderSeason, rounds, entry.entrantId);
      const expected = computePerformanceMetrics({
        equity: rebuilt.equity,
        periodsPerYear: 8_760,
        riskFreeRatePerYear: 0.04,
        closedTrades: rebuilt.closedTrades,
        fillCount: rebuilt.fills,
        exposure: [],
        tradedNotionalByMarket: rebuilt.traded,
      });
      // Exposure samples are not in the records; every other metric must match exactly.
      expect({ ...entry.metrics, averageExposure: null }).toEqual({ ...expected, averageExposure: null });
    }
    const ranked = results.entrants.filter((entry) => entry.rank !== null);
    const expectedOrder = rankLlmTrader({
      entries: [...ranked]
        .sort((a, b) => a.index - b.index)
        .map((entry) => ({ entrantId: entry.entrantId, ...entry.metrics })),
      tolerances: llmtraderSeason.scoring.tolerances ?? defaultLlmTraderTolerances,
    });
    expect(ranked.map((entry) => entry.entrantId)).toEqual(expectedOrder.map((entry) => entry.entrantId));
    expect(ranked.map((entry) => entry.score)).toEqual(ranked.map((entry) => entry.metrics.sharpeRatio));
    // The split by place goes to the first three ranked (no ties among these bots), nothing to the rest.
    expect(ranked.length).toBeGreaterThanOrEqual(3);
    expect(ranked.map((entry) => entry.rewardShareBps)).toEqual([5_000, 3_000, 2_000, ...ranked.slice(3).map(() => 0)]);
    expect(results.entrants.filter((entry) => entry.rank === null).every((entry) => entry.rewardShareBps === 0)).toBe(
      true,
    );
    expect(results.modelFamilies).toEqual(
      compareModelFamilies({
        sessions: [...ranked]
          .sort((a, b) => a.index - b.index)
          .map((entry) => ({ entrantId: entry.entrantId, modelFamily: entry.modelFamily, ...entry.metrics })),
      }),
    );
    // The last round's standings are the live view of the same season: same statuses and P&L.
    const last = rounds.at(-1)?.standings ?? [];
    for (const standing of last) {
      const entry = results.entrants.find((e) => e.entrantId === standing.entrantId);
      expect(standing.totalPnl).toBe(entry?.totalPnl);
      expect(standing.status).toBe(entry?.status);
      expect(standing.sharpeRatio ?? 0).toBeCloseTo(entry?.metrics.sharpeRatio ?? 0, 9);
    }
    // Decisions with reasoning feed seed 003's Agent Quality Index.
    expect(results.entrants.some((entry) => (entry.qualityIndex.decisions ?? 0) > 0)).toBe(true);
  });

  it("macro arena: ranked by exact total P&L (seed 002)", async () => {
    const dataset = generateSyntheticMarket({
      seed: "macro",
      assets: macroArenaUniverse,
      frequency: "1d",
      start: 1_704_067_200,
      bars: 80,
      calendar: "weekdays",
    });
    const { results } = await season(macroArena, dataset, "macro");
    const expected = rankByTotalPnl({
      entries: [...results.entrants]
        .sort((a, b) => a.index - b.index)
        .map((e) => ({ entrantId: e.entrantId, totalPnl: e.totalPnl })),
    });
    expect(results.entrants.map((entry) => entry.entrantId)).toEqual(expected.map((entry) => entry.entrantId));
    expect(results.entrants.map((entry) => entry.score)).toEqual(
      results.entrants.map((e) => fixedToNumber(e.totalPnl)),
    );
  });

  it("tournament: the 0-100 Tournament Score of scoreTournament (seed 003)", async () => {
    const rules: SeasonRules = { ...nonDailyTournament, conduct: { tournament: "non-daily" } };
    const { results } = await season(rules, crypto, "tournament");
    const ranked = [...results.entrants].sort((a, b) => a.index - b.index);
    const expected = scoreTournament({
      scoring: { method: "risk_adjusted" },
      entries: ranked.map((entry) => ({
        entrantId: entry.entrantId,
        metrics: entry.metrics,
        riskViolations: 0,
      })),
    });
    expect(results.entrants.map((entry) => [entry.entrantId, entry.score])).toEqual(
      expected.map((e) => [e.entrantId, e.score]),
    );
    expect(results.entrants[0]?.scoreDetail).toMatchObject({ method: "risk_adjusted", penaltyPoints: 0 });
  });
});
