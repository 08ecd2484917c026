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

/** The visible closes of an asset observation as floats, oldest first (converted once per observation). */
export function visibleCloses(asset: AssetObservation): readonly number[] {
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
