import type { AssetObservation, RoundObservation } from "../agents/roundObservation.ts";
import { visibleCloses } from "../agents/visibleCloses.ts";

/**
 * Per-round signals computed once and shared by every bot that asks for the same one: the season
 * loop gives all entrants of a round the same frozen `assets` array, so a thousand momentum bots
 * cost one moving-average computation per asset and round. A signal is a pure function of the
 * visible bars, named by its key, so sharing it changes nothing a bot decides.
 *
 * A bot gets its slot once (`signalSlot`), so that reading the signal in a round is one identity check
 * rather than a lookup by key.
 */
export type SignalSlot = {
  /** The signal of the asset at `index` of `assets` (the index lets a signal read another slot's values). */
  readonly compute: (asset: AssetObservation, index: number, assets: readonly AssetObservation[]) => number;
  /** The assets array `values` were computed from. */
  assets: readonly AssetObservation[] | undefined;
  values: Float64Array;
};

const slots = new Map<string, SignalSlot>();

/** The slot of `key`, the same object for every bot asking for it; `compute` is the first asker's. */
export function signalSlot(key: string, compute: SignalSlot["compute"]): SignalSlot {
  let slot = slots.get(key);
  if (slot === undefined) {
    slot = { compute, assets: undefined, values: new Float64Array(0) };
    slots.set(key, slot);
  }
  return slot;
}

/** The slot's value per asset of the observation (observation order; NaN = no value), computed once per assets array. */
export function slotValues(slot: SignalSlot, observation: RoundObservation): Float64Array {
  return assetValues(slot, observation.assets);
}

/**
 * The slot's value per asset of `assets`, computed once per assets array. The array is the slot's
 * own and is overwritten when the next round's values are computed: read it within the round.
 */
export function assetValues(slot: SignalSlot, assets: readonly AssetObservation[]): Float64Array {
  if (slot.assets !== assets) {
    // One array per slot for the whole season (no garbage per round); a plain loop: Float64Array.from
    // with a mapping function goes through the iterator protocol.
    if (slot.values.length !== assets.length) slot.values = new Float64Array(assets.length);
    const { values } = slot;
    for (let i = 0; i < assets.length; i++) values[i] = slot.compute(assets[i] as AssetObservation, i, assets);
    slot.assets = assets;
  }
  return slot.values;
}

/** Mean of the last `period` visible closes; NaN with fewer bars. */
export function closeAverage(asset: AssetObservation, period: number): number {
  return closesAverage(visibleCloses(asset), period);
}

/** Mean of the last `period` of `closes`; NaN with fewer. */
export function closesAverage(closes: readonly number[], period: number): number {
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
