import type { Asset } from "./assetClass.ts";
import type { Bar, BarFrequency } from "./bar.ts";

/** Where a dataset came from: real market data (with its source) or the seeded synthetic generator. */
export type DatasetProvenance =
  | { kind: "real"; source: string; licence: string }
  | { kind: "synthetic"; generator: string; seed: string };

/**
 * A market dataset: bars for a universe of assets on one shared, gap-free timeline.
 * `bars[symbol][i]` is the bar of that asset at `times[i]`; every series has `times.length` bars.
 * Datasets are immutable values; `contentHash` (see datasetHash.ts) identifies one for the rules.
 */
export type Dataset = {
  id: string;
  frequency: BarFrequency;
  assets: readonly Asset[];
  times: readonly number[];
  bars: Readonly<Record<string, readonly Bar[]>>;
  provenance: DatasetProvenance;
};
