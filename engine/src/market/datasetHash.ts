import { type Hex, keccak256, stringToBytes } from "viem";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { Bar } from "./bar.ts";
import type { Dataset } from "./dataset.ts";

/** Version tag inside the hashed document: a change of what is hashed must change this. */
export const DATASET_HASH_FORMAT = "podium.dataset.v1";

/**
 * The exact text whose keccak256 is the dataset's content hash: the canonical JSON
 * (canonicalJson.ts: RFC 8785 key order, no whitespace, bigints as decimal strings) of
 * `{ format, id, frequency, assets, times, bars, provenance }` where
 * - `format` is "podium.dataset.v1";
 * - `assets` is the list in dataset order, each `{ assetClass, name, symbol }`;
 * - `times` are unix seconds (JSON integers);
 * - `bars` maps each symbol to its bars in time order, each
 *   `{ close, filled?, high, low, open, time, volume }` with prices and volume as the decimal
 *   string of their fixed-point integer (8 decimals: "6000000000000" is 60,000) and `filled: true`
 *   present only on forward-filled bars;
 * - `provenance` is `{ kind: "real", licence, source }` or `{ kind: "synthetic", generator, seed }`.
 * Only these fields are read, so extra properties on a Dataset object never change its hash.
 */
export function datasetCanonicalJson(dataset: Dataset): string {
  const bars: Record<string, unknown[]> = {};
  for (const asset of dataset.assets) {
    bars[asset.symbol] = (dataset.bars[asset.symbol] ?? []).map((bar: Bar) => ({
      time: bar.time,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
      filled: bar.filled,
    }));
  }
  const provenance =
    dataset.provenance.kind === "real"
      ? { kind: "real", source: dataset.provenance.source, licence: dataset.provenance.licence }
      : { kind: "synthetic", generator: dataset.provenance.generator, seed: dataset.provenance.seed };
  return canonicalJson({
    format: DATASET_HASH_FORMAT,
    id: dataset.id,
    frequency: dataset.frequency,
    assets: dataset.assets.map((a) => ({ symbol: a.symbol, assetClass: a.assetClass, name: a.name })),
    times: dataset.times,
    bars,
    provenance,
  });
}

/** keccak256 of the UTF-8 bytes of `datasetCanonicalJson(dataset)`, as 0x-prefixed hex. */
export function datasetHash(dataset: Dataset): Hex {
  return keccak256(stringToBytes(datasetCanonicalJson(dataset)));
}
