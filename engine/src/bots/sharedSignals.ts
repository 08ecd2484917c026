import type { AssetObservation, RoundObservation } from "../agents/roundObservation.ts";
import { fixedToNumber } from "../money/fixed.ts";

/**
 * Per-round signals computed once and shared by every bot that asks for the same one: the season
 * loop gives all entrants of a round the same frozen `assets` array, so a thousand momentum bots
 * cost one moving-average computation per asset and round. A signal is a pure function of the
 * visible bars, so sharing it changes nothing a bot decides.
 */
const cache = new WeakMap<readonly AssetObservation[], Map<string, Float64Array>>();
let lastAssets: readonly AssetObservation[] | undefined;
let lastSignals: Map<string, Float64Array> | undefined;
/** The visible closes of an asset observation as floats, converted once for every signal that reads them. */
const closesCache = new WeakMap<AssetObservation, Float64Array>();

/** One value per asset (observation order) for `key`, computed by `compute` on first use; NaN = no value. */
export function sharedSignal(
  observation: RoundObservation,
  key: string,
  compute: (asset: AssetObservation) => number,
): Float64Array {
  // Every bot of a round asks with the same assets array: remember the last one's signals.
  let signals = observation.assets === lastAssets ? lastSignals : cache.get(observation.assets);
  if (signals === undefined) {
    signals = new Map();
    cache.set(observation.assets, signals);
  }
  lastAssets = observation.assets;
  lastSignals = signals;
  let values = signals.get(key);
  if (values === undefined) {
    values = Float64Array.from(observation.assets, compute);
    signals.set(key, values);
  }
  return values;
}

/** The visible closes of an asset, oldest first, as floats (shared). */
export function visibleCloses(asset: AssetObservation): Float64Array {
  let closes = closesCache.get(asset);
  if (closes === undefined) {
    const bars = asset.bars;
    closes = new Float64Array(bars.length);
    for (let i = 0; i < bars.length; i++) closes[i] = fixedToNumber((bars[i] as (typeof bars)[number]).close);
    closesCache.set(asset, closes);
  }
  return closes;
}

/** Mean of the last `period` visible closes; NaN with fewer bars. */
export function closeAverage(asset: AssetObservation, period: number): number {
  const closes = visibleCloses(asset);
  if (closes.length < period) return Number.NaN;
  let sum = 0;
  for (let i = closes.length - period; i < closes.length; i++) sum += closes[i] as number;
  return sum / period;
}

/** z-score of the last visible close against the mean and sample standard deviation of the last `period` closes. */
export function closeZScore(asset: AssetObservation, period: number): number {
  const closes = visibleCloses(asset);
  if (closes.length < period || period < 2) return Number.NaN;
  let mean = 0;
  for (let i = closes.length - period; i < closes.length; i++) mean += closes[i] as number;
  mean /= period;
  let variance = 0;
  for (let i = closes.length - period; i < closes.length; i++) variance += ((closes[i] as number) - mean) ** 2;
  const deviation = Math.sqrt(variance / (period - 1));
  if (!(deviation > 0)) return 0;
  return ((closes[closes.length - 1] as number) - mean) / deviation;
}
