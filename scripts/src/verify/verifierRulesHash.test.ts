/**
 * The verifier's own rulesHash and dataset hash (its canonical JSON, ethers' keccak256) against the
 * engine's (its canonicalJson, viem): two implementations of docs/engine.md's definitions must give
 * the same bytes, on a synthetic market and on the real npm data with forward-filled bars.
 */
import {
  datasetHash,
  generateSyntheticMarket,
  llmTraderUniverse,
  rulesHash,
  SEASON_MANIFEST_FORMAT,
  type SeasonManifest,
  seasonInputs,
} from "@podium/engine";
import { describe, expect, it } from "vitest";
import { verifierDatasetHash } from "./verifierDatasetHash.ts";
import { verifierRulesHash } from "./verifierRulesHash.ts";

const manifest = (
  preset: SeasonManifest["preset"],
  dataset: SeasonManifest["dataset"],
  rounds = 24,
): SeasonManifest => ({
  format: SEASON_MANIFEST_FORMAT,
  preset,
  dataset,
  rounds,
  seed: "s",
  rewardSplitBps: [10_000],
  agents: [],
});

describe("verifierRulesHash", () => {
  it.each([
    ["llmtrader", manifest("llmtrader", { kind: "synthetic", seed: "a" })],
    ["tournament", manifest("tournament", { kind: "synthetic", seed: "b" })],
    // A trading year of the npm data from 2019-01-02 holds a forward-filled bar.
    ["macro on the npm data", manifest("macro", { kind: "npm", name: "sp500-eurusd" }, 250)],
  ])("gives the engine's rulesHash and dataset hash (%s)", (_, season) => {
    const { rules, dataset } = seasonInputs(season);
    const engineDatasetHash = datasetHash(dataset);
    if (season.dataset.kind === "npm")
      expect(Object.values(dataset.bars).some((bars) => bars.some((bar) => bar.filled === true))).toBe(true);
    expect(verifierRulesHash({ rules, dataset })).toEqual({
      rulesHash: rulesHash({ rules, datasetHash: engineDatasetHash }),
      datasetHash: engineDatasetHash,
    });
  });

  it("changes with one bar's close", () => {
    const dataset = generateSyntheticMarket({
      seed: "c",
      assets: llmTraderUniverse.slice(0, 2),
      frequency: "1h",
      start: 1_704_067_200,
      bars: 3,
    });
    const bars = dataset.bars[dataset.assets[0]?.symbol as string] ?? [];
    const changed = {
      ...dataset,
      bars: {
        ...dataset.bars,
        [dataset.assets[0]?.symbol as string]: bars.map((bar, i) =>
          i === 2 ? { ...bar, close: bar.close + 1n } : bar,
        ),
      },
    };
    expect(verifierDatasetHash(changed)).not.toBe(verifierDatasetHash(dataset));
    expect(verifierDatasetHash(changed)).toBe(datasetHash(changed));
  });
});
