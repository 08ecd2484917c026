/**
 * Test support (not used by the engine): small hand-written datasets whose every price is written
 * in the test, so that expected numbers can be computed by hand.
 */
import type { AssetClass } from "../market/assetClass.ts";
import { type Bar, type BarFrequency, frequencySeconds } from "../market/bar.ts";
import type { Dataset } from "../market/dataset.ts";
import { type Fixed, parseFixed } from "../money/fixed.ts";

/** A bar as `price` (open = high = low = close) or `[open, high, low, close]`, in decimal text or numbers. */
export type TestBar = string | number | readonly [string | number, string | number, string | number, string | number];

export type TestDatasetParameters = {
  frequency?: BarFrequency;
  /** Unix seconds of the first bar. Default 2024-01-01 00:00 UTC. */
  start?: number;
  assets: Readonly<Record<string, { assetClass: AssetClass; bars: readonly TestBar[] }>>;
};

/** 2024-01-01 00:00:00 UTC. */
export const TEST_START = 1_704_067_200;

export const price = (value: string | number): Fixed => {
  const parsed = parseFixed(String(value));
  if (parsed === undefined) throw new RangeError(`test price ${value} is not a decimal`);
  return parsed;
};

export function testDataset({ frequency = "1h", start = TEST_START, assets }: TestDatasetParameters): Dataset {
  const entries = Object.entries(assets);
  const length = entries[0]?.[1].bars.length ?? 0;
  const step = frequencySeconds[frequency];
  const times = Array.from({ length }, (_, i) => start + i * step);
  const bars: Record<string, Bar[]> = {};
  for (const [symbol, spec] of entries) {
    if (spec.bars.length !== length)
      throw new RangeError(`test asset ${symbol} has ${spec.bars.length} bars, not ${length}`);
    bars[symbol] = spec.bars.map((bar, i) => {
      const [open, high, low, close] = typeof bar === "object" ? bar : [bar, bar, bar, bar];
      return {
        time: times[i] as number,
        open: price(open),
        high: price(high),
        low: price(low),
        close: price(close),
        volume: 0n,
      };
    });
  }
  return {
    id: "hand-written-test-bars",
    frequency,
    assets: entries.map(([symbol, spec]) => ({ symbol, assetClass: spec.assetClass, name: symbol })),
    times,
    bars,
    provenance: { kind: "synthetic", generator: "hand-written test bars", seed: "none" },
  };
}
