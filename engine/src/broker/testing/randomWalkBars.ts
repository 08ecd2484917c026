/**
 * Test support (not used by the engine): random OHLC paths for property tests, a walk in basis
 * points per bar with gaps at the open and wicks, wide enough that stops, pauses and terminations fire.
 */
import fc from "fast-check";
import type { TestBar } from "../testDataset.ts";

export type RandomWalkStep = { gap: number; move: number; wick: number };

/** `rounds` steps: small or wide gaps (up to ±`maxGapBps`) and moves (up to ±15%), wicks up to 4%. */
export function randomWalkArbitrary(rounds: number, maxGapBps: number): fc.Arbitrary<RandomWalkStep[]> {
  return fc.array(
    fc.record({
      gap: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -maxGapBps, max: maxGapBps })),
      move: fc.oneof(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -1_500, max: 1_500 })),
      wick: fc.integer({ min: 0, max: 400 }),
    }),
    { minLength: rounds, maxLength: rounds },
  );
}

/** The bars of a walk from `start` (prices kept positive). */
export function randomWalkBars(start: number, path: readonly RandomWalkStep[]): TestBar[] {
  let close = start;
  return path.map(({ gap, move, wick }) => {
    const open = close * (1 + gap / 10_000);
    close = Math.max(0.01, open * (1 + move / 10_000));
    const high = Math.max(open, close) * (1 + wick / 10_000);
    const low = Math.min(open, close) * (1 - wick / 10_000);
    return [open.toFixed(6), high.toFixed(6), Math.max(0.000001, low).toFixed(6), close.toFixed(6)] as const;
  });
}
