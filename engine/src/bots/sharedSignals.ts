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
  readonly compute: (asset: AssetObservation) => number;
  /** The assets array `values` were computed from. */
  assets: readonly AssetObservation[] | undefined;
  values: Float64Array;
};

const slots = new Map<string, SignalSlot>();

/** The slot of `key`, the same object for every bot asking for it; `compute` is the first asker's. */
export function signalSlot(key: string, compute: (asset: AssetObservation) => number): SignalSlot {
  let slot = slots.get(key);
  if (slot === undefined) {
    slot = { compute, assets: undefined, values: new Float64Array(0) };
    slots.set(key, slot);
  }
  return slot;
}

/** The slot's value per asset of the observation (observation order; NaN = no value), computed once per assets array. */
export function slotValues(slot: SignalSlot, observation: RoundObservation): Float64Array {
  const { assets } = observation;
  if (slot.assets !== assets) {
    // A plain loop: Float64Array.from with a mapping function goes through the iterator protocol.
    const values = new Float64Array(assets.length);
    for (let i = 0; i < assets.length; i++) values[i] = slot.compute(assets[i] as AssetObservation);
    slot.values = values;
    slot.assets = assets;
  }
  return slot.values;
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
