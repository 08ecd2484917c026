import type { Asset, AssetClass } from "../market/assetClass.ts";

/** An asset the broker can trade, with its index in every per-asset array of the season. */
export type TradableAsset = {
  index: number;
  symbol: string;
  assetClass: AssetClass;
};

/** The season's assets in dataset order, looked up by symbol once per order. */
export type Universe = {
  assets: readonly TradableAsset[];
  bySymbol: ReadonlyMap<string, TradableAsset>;
};

export function createUniverse(assets: readonly Asset[]): Universe {
  const tradable = assets.map((asset, index) => ({ index, symbol: asset.symbol, assetClass: asset.assetClass }));
  return { assets: tradable, bySymbol: new Map(tradable.map((asset) => [asset.symbol, asset])) };
}
