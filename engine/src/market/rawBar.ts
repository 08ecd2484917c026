import type { Fixed } from "../money/fixed.ts";

/**
 * One bar as a source delivered it, before validation: any price or the volume may be missing
 * (Yahoo sends `null`, CSV files leave a cell empty or write "null"), and nothing is known yet
 * about order, duplicates or gaps. `validateBars` turns a list of these into `Bar`s.
 */
export type RawBar = {
  /** Unix time in seconds of the bar's open, UTC. */
  time: number;
  open: Fixed | null;
  high: Fixed | null;
  low: Fixed | null;
  close: Fixed | null;
  volume: Fixed | null;
  /** Where the row came from, for error messages: `BTCUSDT.csv line 12`, `Yahoo SPY timestamp[3]`. */
  origin: string;
};
