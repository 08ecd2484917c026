import type { Fixed } from "../money/fixed.ts";

/** One OHLCV bar. Prices and volume are fixed-point (8 decimals); time is the bar's open, UTC. */
export type Bar = {
  /** Unix time in seconds of the bar's open, UTC. */
  time: number;
  open: Fixed;
  high: Fixed;
  low: Fixed;
  close: Fixed;
  volume: Fixed;
  /** True when the bar was not observed but produced by the dataset's fill policy. */
  filled?: true;
};

export const barFrequencies = ["1h", "1d"] as const;
export type BarFrequency = (typeof barFrequencies)[number];

export const frequencySeconds: Record<BarFrequency, number> = { "1h": 3_600, "1d": 86_400 };
