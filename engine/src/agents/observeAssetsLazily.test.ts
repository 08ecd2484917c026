import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { ObservationRoundError, observeAssets } from "./buildRoundObservation.ts";
import { observeAssetsLazily } from "./observeAssetsLazily.ts";
import { visibleCloses } from "./visibleCloses.ts";

const dataset = generateSyntheticMarket({
  seed: "lazy",
  assets: llmTraderUniverse.slice(0, 2),
  frequency: "1h",
  start: 1_704_067_200,
  bars: 30,
  calendar: "24/7",
});
const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
const open = compileSeasonRules({
  rules: { ...llmtraderSeason, execution: { ...llmtraderSeason.execution, fillPrice: "open" } },
  dataset,
});

describe("observeAssetsLazily", () => {
  it("says what observeAssets says, field by field and as JSON", () => {
    for (const compiled of [season, open])
      for (const round of [0, 1, 12, 29]) {
        const eager = observeAssets(compiled, round, 20);
        const lazy = observeAssetsLazily(compiled, round, 20);
        expect(lazy.length).toBe(eager.length);
        lazy.forEach((asset, i) => {
          const reference = eager[i];
          if (reference === undefined) throw new Error("no asset");
          expect(visibleCloses(asset)).toEqual(visibleCloses(reference));
          expect({
            symbol: asset.symbol,
            assetClass: asset.assetClass,
            name: asset.name,
            price: asset.price,
            bars: asset.bars,
            returns: asset.returns,
            indicators: asset.indicators,
          }).toEqual(reference);
        });
        const bigints = (_: string, v: unknown) => (typeof v === "bigint" ? `${v}n` : v);
        expect(JSON.stringify(lazy, bigints)).toBe(JSON.stringify(eager, bigints));
      }
  });

  it("builds each lazy part once, frozen, as own fields that spreads and canonical JSON read", () => {
    const [asset] = observeAssetsLazily(season, 25);
    const [reference] = observeAssets(season, 25);
    if (asset === undefined) throw new Error("no asset");
    expect({ ...asset }).toEqual(reference);
    expect(canonicalJson(asset)).toBe(canonicalJson(reference));
    Object.freeze(asset);
    expect(asset.bars).toBe(asset.bars);
    expect(asset.returns).toBe(asset.returns);
    expect(asset.indicators).toBe(asset.indicators);
    expect(Object.isFrozen(asset.bars) && Object.isFrozen(asset.returns) && Object.isFrozen(asset.indicators)).toBe(
      true,
    );
    expect(asset.bars).toHaveLength(26);
  });

  it("refuses a round outside the tape and a bad lookback, as observeAssets does", () => {
    expect(() => observeAssetsLazily(season, 30)).toThrow(ObservationRoundError);
    expect(() => observeAssetsLazily(season, 3, 0)).toThrow(RangeError);
  });
});
