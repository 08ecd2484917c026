import type { Asset } from "./assetClass.ts";
import type { Bar, BarFrequency } from "./bar.ts";
import type { DatasetProvenance } from "./dataset.ts";

/**
 * One asset's validated bars (sorted, unique, aligned to the frequency), with where they came
 * from: what loaders return and `buildDataset` puts on a shared timeline.
 */
export type BarSeries = {
  asset: Asset;
  frequency: BarFrequency;
  bars: readonly Bar[];
  provenance: DatasetProvenance;
};
