import { describe, expect, it } from "vitest";
import type { AssetObservation, RoundObservation } from "../agents/roundObservation.ts";
import { signalSlot } from "./sharedSignals.ts";
import { roundStances, STANCE_FLAT, STANCE_LONG, STANCE_NONE, STANCE_SHORT, signalStances } from "./signalStances.ts";

// Observations whose only part read here is `assets`; each asset's signal is its `name` read as a number.
const round = (...values: number[]) =>
  ({ assets: values.map((value) => ({ name: String(value) }) as AssetObservation) }) as RoundObservation;
const byName = (asset: AssetObservation) => Number(asset.name);

describe("signal stances", () => {
  it("give each asset's stance through the band, keep the latest one, and change the version only when it changes", () => {
    let computed = 0;
    const slot = signalSlot("test-stances:band", (asset) => {
      computed++;
      return byName(asset);
    });
    // Band 100 bps = 0.01; no shorts: below −0.01 the stance is flat.
    const group = signalStances(slot, "test-stances:band", 100, false);
    const first = round(0.02, -0.02, 0.005, Number.NaN);
    roundStances(group, first);
    expect([...group.stances]).toEqual([STANCE_LONG, STANCE_FLAT, STANCE_NONE, STANCE_NONE]);
    expect([...group.latest]).toEqual([STANCE_LONG, STANCE_FLAT, STANCE_NONE, STANCE_NONE]);
    const version = group.version;

    // Inside the band or the same stance again: nothing new, same version.
    roundStances(group, round(0.005, -0.03, 0, Number.NaN));
    expect([...group.stances]).toEqual([STANCE_NONE, STANCE_FLAT, STANCE_NONE, STANCE_NONE]);
    expect([...group.latest]).toEqual([STANCE_LONG, STANCE_FLAT, STANCE_NONE, STANCE_NONE]);
    expect(group.version).toBe(version);

    // The first asset crosses below the band: the latest stances and the version change.
    const third = round(-0.02, 0, 0, Number.NaN);
    roundStances(group, third);
    expect([...group.latest]).toEqual([STANCE_FLAT, STANCE_FLAT, STANCE_NONE, STANCE_NONE]);
    expect(group.version).not.toBe(version);
    const changed = group.version;

    // Asked again with the same assets (the next entrant of the round): nothing is computed again.
    const before = computed;
    expect(roundStances(group, third)).toBe(group);
    expect(computed).toBe(before);
    expect(group.version).toBe(changed);
  });

  it("are one object per signal, band and short rule", () => {
    const slot = signalSlot("test-stances:groups", byName);
    const group = signalStances(slot, "test-stances:groups", 0, true);
    expect(signalStances(slot, "test-stances:groups", 0, true)).toBe(group);
    expect(signalStances(slot, "test-stances:groups", 10, true)).not.toBe(group);
    const flat = signalStances(slot, "test-stances:groups", 0, false);
    expect(flat).not.toBe(group);
    const observation = round(-1, 1);
    expect([...roundStances(group, observation).stances]).toEqual([STANCE_SHORT, STANCE_LONG]);
    expect([...roundStances(flat, observation).stances]).toEqual([STANCE_FLAT, STANCE_LONG]);
  });
});
