/**
 * A dataset's content hash as docs/engine.md ("Content hash") specifies it, written with the
 * verifier's own canonical JSON and ethers' keccak256 (never the engine's encoder): keccak256 of
 * the UTF-8 canonical JSON of
 * `{ format: "podium.dataset.v1", id, frequency, assets: [{assetClass, name, symbol}], times,
 * bars: {SYMBOL: [{close, filled?, high, low, open, time, volume}]}, provenance }`, prices and
 * volume as decimal strings of their 8-decimal integers, `filled` only on filled bars.
 */
import type { Dataset } from "@podium/engine";
import { keccak256, toUtf8Bytes } from "ethers";
import { verifierCanonicalJson } from "./verifierCanonicalJson.ts";

export function verifierDatasetHash(dataset: Dataset): string {
  const bars: Record<string, unknown[]> = {};
  for (const asset of dataset.assets)
    bars[asset.symbol] = (dataset.bars[asset.symbol] ?? []).map((bar) => ({
      time: bar.time,
      open: bar.open.toString(),
      high: bar.high.toString(),
      low: bar.low.toString(),
      close: bar.close.toString(),
      volume: bar.volume.toString(),
      ...(bar.filled === true ? { filled: true } : {}),
    }));
  const { provenance } = dataset;
  return keccak256(
    toUtf8Bytes(
      verifierCanonicalJson({
        format: "podium.dataset.v1",
        id: dataset.id,
        frequency: dataset.frequency,
        assets: dataset.assets.map(({ symbol, assetClass, name }) => ({ symbol, assetClass, name })),
        times: dataset.times,
        bars,
        provenance:
          provenance.kind === "real"
            ? { kind: "real", source: provenance.source, licence: provenance.licence }
            : { kind: "synthetic", generator: provenance.generator, seed: provenance.seed },
      }),
    ),
  );
}
