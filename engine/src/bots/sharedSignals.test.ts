import { describe, expect, it } from "vitest";
import { buildRoundObservation } from "../agents/buildRoundObservation.ts";
import type { AssetObservation, RoundObservation } from "../agents/roundObservation.ts";
import { testDataset } from "../broker/testDataset.ts";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { closeAverage, closesAverage, closeZScore, signalSlot, slotValues } from "./sharedSignals.ts";

describe("shared signals", () => {
  it("give every bot asking for a key the same slot, computed once per assets array", () => {
    let computed = 0;
    const compute = (asset: AssetObservation) => {
      computed++;
      return Number(asset.name);
    };
    const slot = signalSlot("test-signals:once", compute);
    expect(signalSlot("test-signals:once", () => 0)).toBe(slot); // the first asker's function stays
    const observation = { assets: [{ name: "1" }, { name: "2" }] } as RoundObservation;
    expect([...slotValues(slot, observation)]).toEqual([1, 2]);
    expect(slotValues(slot, observation)).toBe(slotValues(slot, observation));
    expect(computed).toBe(2);
    // Another round's assets: computed again.
    expect([...slotValues(slot, { assets: [{ name: "3" }] } as RoundObservation)]).toEqual([3]);
    expect(computed).toBe(3);
  });

  it("keep one values array per slot while the asset count stays, and tell a signal its index", () => {
    const slot = signalSlot(
      "test-signals:reuse",
      (asset, index, assets) => Number(asset.name) * 10 + index + assets.length,
    );
    const first = slotValues(slot, { assets: [{ name: "1" }, { name: "2" }] } as RoundObservation);
    expect([...first]).toEqual([12, 23]);
    const second = slotValues(slot, { assets: [{ name: "3" }, { name: "4" }] } as RoundObservation);
    expect(second).toBe(first); // overwritten in place: no garbage per round
    expect([...second]).toEqual([32, 43]);
    expect([...slotValues(slot, { assets: [{ name: "5" }] } as RoundObservation)]).toEqual([51]);
  });

  it("average and z-score the visible closes", () => {
    const dataset = testDataset({
      assets: { BTC: { assetClass: "crypto-major", bars: ["100", "100", "100", "100", "80"] } },
    });
    const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
    const asset = buildRoundObservation({ season, account: season.createAccount("e1"), round: 4 }).assets[0];
    if (asset === undefined) throw new Error("no asset");
    // Mean of 100, 100, 80 = 93.33...; of all five, 96.
    expect(closeAverage(asset, 3)).toBe(280 / 3);
    expect(closeAverage(asset, 5)).toBe(96);
    expect(closeAverage(asset, 6)).toBeNaN();
    expect(closesAverage([1, 2, 4], 2)).toBe(3);
    expect(closesAverage([1], 2)).toBeNaN();
    // Mean 96, sample sd √((4 × 16 + 256) / 4) = √80: z = (80 − 96) / √80.
    expect(closeZScore(asset, 5)).toBeCloseTo(-16 / Math.sqrt(80), 12);
  });
});
