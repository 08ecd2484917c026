import type { RoundObservation } from "../agents/roundObservation.ts";
import { type SignalSlot, slotValues } from "./sharedSignals.ts";

/** What a signal asks of an asset in a round: nothing (no value, or inside the band), long, short or flat. */
export const STANCE_NONE = 0;
export const STANCE_LONG = 1;
export const STANCE_SHORT = 2;
export const STANCE_FLAT = 3;

/**
 * The stances a shared signal gives every asset in a round, through a band (long above `band`, short
 * or flat below `-band`), shared by every bot with the same signal, band and short rule. It also keeps
 * `latest`: each asset's last stance other than none over the rounds computed so far, and a `version`
 * that changes whenever `latest` does. A bot whose own last stances equal `latest` at a version (it
 * remembers which) knows in one comparison that a round where `latest` did not change asks nothing
 * new of it: the quiet round of a crossover bot costs a few comparisons instead of a pass over its
 * assets.
 */
export type SignalStances = {
  readonly slot: SignalSlot;
  readonly band: number;
  readonly allowShort: boolean;
  /** The assets array `stances` were computed from. */
  assets: RoundObservation["assets"] | undefined;
  /** This round's stance per asset (observation order). */
  stances: Int8Array;
  latest: Int8Array;
  /** Changes (never to a value used before) whenever `latest` changes. */
  version: number;
};

const groups = new Map<string, SignalStances>();
let versions = 0;

/** The shared stances of `slot` through `thresholdBps`; every bot asking with the same arguments gets the same object. */
export function signalStances(slot: SignalSlot, key: string, thresholdBps: number, allowShort: boolean): SignalStances {
  const name = `${key}|${thresholdBps}|${allowShort}`;
  let group = groups.get(name);
  if (group === undefined) {
    group = {
      slot,
      band: thresholdBps / 10_000,
      allowShort,
      assets: undefined,
      stances: new Int8Array(0),
      latest: new Int8Array(0),
      version: ++versions,
    };
    groups.set(name, group);
  }
  return group;
}

/** Brings the stances to the observation's round (once per assets array) and returns them. */
export function roundStances(group: SignalStances, observation: RoundObservation): SignalStances {
  if (group.assets === observation.assets) return group;
  const values = slotValues(group.slot, observation);
  const { band } = group;
  const short = group.allowShort ? STANCE_SHORT : STANCE_FLAT;
  if (group.latest.length !== values.length) {
    group.stances = new Int8Array(values.length);
    group.latest = new Int8Array(values.length);
    group.version = ++versions;
  }
  const { stances, latest } = group;
  let changed = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const stance = value > band ? STANCE_LONG : value < -band ? short : STANCE_NONE;
    stances[i] = stance;
    if (stance !== STANCE_NONE && stance !== latest[i]) {
      latest[i] = stance;
      changed = true;
    }
  }
  if (changed) group.version = ++versions;
  group.assets = observation.assets;
  return group;
}
