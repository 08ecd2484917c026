/**
 * sortRanked must give the order of a plain comparison sort (Array.prototype.sort with the same
 * strict total order) from any starting order: nearly sorted (the insertion path, entrants moving up
 * alone or in groups of equal keys) or shuffled (past the budget, the merge sort).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortRanked } from "./sortRanked.ts";

/** Entrant i: primary[i] (few distinct values, so ties are common), then tie[i] (higher first), then i. */
function sortBoth(primary: number[], tie: number[], start: number[]) {
  const keys = Float64Array.from(primary);
  const tieBefore = (a: number, b: number) =>
    (tie[a] as number) !== (tie[b] as number) ? (tie[a] as number) > (tie[b] as number) : a < b;
  const ranked = Int32Array.from(start);
  sortRanked(ranked, ranked.length, keys, tieBefore, new Int32Array(ranked.length));
  const expected = [...start].sort((a, b) => {
    if (keys[a] !== keys[b]) return (keys[b] as number) - (keys[a] as number);
    return tieBefore(a, b) ? -1 : tieBefore(b, a) ? 1 : 0;
  });
  return { actual: Array.from(ranked), expected };
}

const entrants = (max: number) =>
  fc.integer({ min: 0, max }).chain((n) =>
    fc.record({
      primary: fc.array(fc.constantFrom(-Infinity, -1, 0, 0.5, 1, 3), { minLength: n, maxLength: n }),
      tie: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      // Each entrant's sort key for a shuffled starting order.
      shuffle: fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }),
    }),
  );

describe("sortRanked", () => {
  it("sorts shuffled orders like a comparison sort", () => {
    fc.assert(
      fc.property(entrants(80), ({ primary, tie, shuffle }) => {
        const start = primary.map((_, i) => i).sort((a, b) => (shuffle[a] as number) - (shuffle[b] as number));
        const { actual, expected } = sortBoth(primary, tie, start);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("sorts nearly sorted orders: last round's order with a few entrants or blocks moved", () => {
    fc.assert(
      fc.property(
        entrants(80),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 4 }),
        ({ primary, tie }, moves) => {
          const sorted = sortBoth(
            primary,
            tie,
            primary.map((_, i) => i),
          ).expected;
          // Cut a block [from, from + length) out of the sorted order and put it back elsewhere.
          const start = [...sorted];
          for (const [from, length, to] of moves) {
            if (start.length === 0) break;
            const a = from % start.length;
            const block = start.splice(a, 1 + (length % 12));
            start.splice(to % (start.length + 1), 0, ...block);
          }
          const { actual, expected } = sortBoth(primary, tie, start);
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("falls back to the merge sort on a reversed or shuffled leaderboard of 2,000 and still sorts it", () => {
    // Reversed: the insertion path would move every entrant to the top, n² / 2 places in all.
    const n = 2_000;
    const primary = Array.from({ length: n }, (_, i) => i % 37);
    const tie = Array.from({ length: n }, (_, i) => (i * 7) % 3);
    const sorted = sortBoth(
      primary,
      tie,
      primary.map((_, i) => i),
    ).expected;
    const reversed = sortBoth(primary, tie, [...sorted].reverse());
    expect(reversed.actual).toEqual(sorted);
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }), (shuffle) => {
        const start = sorted.map((_, i) => i).sort((a, b) => (shuffle[a] as number) - (shuffle[b] as number));
        expect(sortBoth(primary, tie, start).actual).toEqual(sorted);
      }),
      { numRuns: 10 },
    );
  });
});
