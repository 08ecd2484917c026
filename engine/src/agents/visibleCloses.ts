import type { Bar } from "../market/bar.ts";
import { fixedToNumber } from "../money/fixed.ts";
import type { AssetObservation } from "./roundObservation.ts";

/**
 * Closes as floats, converted from fixed-point once: a season shows every entrant the same bars
 * round after round, and the observation's indicators and the bots' shared signals all read them.
 */
const seriesCache = new WeakMap<readonly Bar[], readonly number[]>();
const assetCache = new WeakMap<AssetObservation, readonly number[]>();

/** Every close of a bar series as a float, oldest first (converted on first use; the series must not change). */
export function seriesCloses(series: readonly Bar[]): readonly number[] {
  let closes = seriesCache.get(series);
  if (closes === undefined) {
    const converted: number[] = [];
    for (const bar of series) converted.push(fixedToNumber(bar.close));
    closes = converted;
    seriesCache.set(series, closes);
  }
  return closes;
}

/** Records the floats of an asset observation's bars (its builder has them): `visibleCloses` then gives them. */
export function rememberVisibleCloses(asset: AssetObservation, closes: readonly number[]): void {
  assetCache.set(asset, closes);
}

/**
 * The key of a non-enumerable property through which an asset observation may carry its visible
 * closes (observeAssetsLazily.ts keeps its lazily built parts there): read before the weak map.
 */
export const CARRIED_CLOSES: unique symbol = Symbol("visible closes");

/** An asset observation carrying its visible closes. */
export type ClosesCarrier = { readonly [CARRIED_CLOSES]: { readonly closes: readonly number[] } };

/** The visible closes of an asset observation as floats, oldest first (converted once per observation). */
export function visibleCloses(asset: AssetObservation): readonly number[] {
  const carried = (asset as Partial<ClosesCarrier>)[CARRIED_CLOSES];
  if (carried !== undefined) return carried.closes;
  let closes = assetCache.get(asset);
  if (closes === undefined) {
    const { bars } = asset;
    const converted: number[] = [];
    for (const bar of bars) converted.push(fixedToNumber(bar.close));
    closes = converted;
    assetCache.set(asset, closes);
  }
  return closes;
}

/** The assets array whose closes `closesByIndex` holds (one round's, the last asked for). */
let closesOf: readonly AssetObservation[] | undefined;
const closesByIndex: (readonly number[])[] = [];

/**
 * `visibleCloses(assets[index])`, looked up once per assets array: a season's bots ask for the same
 * round's closes hundreds of times (each signal, each asset), and an index is cheaper than a weak-map
 * lookup each time.
 */
export function visibleClosesAt(assets: readonly AssetObservation[], index: number): readonly number[] {
  if (assets !== closesOf) {
    closesByIndex.length = assets.length;
    for (let i = 0; i < assets.length; i++) closesByIndex[i] = visibleCloses(assets[i] as AssetObservation);
    closesOf = assets;
  }
  return closesByIndex[index] as readonly number[];
}
