import type { AssetObservation, RoundObservation } from "../agents/roundObservation.ts";

/** The asset a single-asset bot trades: the given symbol, else the season's first asset. */
export function singleAsset(observation: RoundObservation, symbol: string | undefined): AssetObservation | undefined {
  if (symbol === undefined) return observation.assets[0];
  return observation.assets.find((asset) => asset.symbol === symbol);
}
