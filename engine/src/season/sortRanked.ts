/**
 * Sorts `ranked[0..count)` (entrant indices) best first: the higher `primary[i]` first, and
 * `tieBefore(a, b)` (is a ahead of b?) between entrants of equal primary. The order must be strict
 * and total (registration order breaks the last tie), so any algorithm gives the same result.
 *
 * The live ranking starts from last round's order, which is nearly sorted: an insertion sort costs
 * one comparison per entrant that keeps its place. An entrant that moves up is placed by a
 * galloping then binary search (O(log distance) comparisons, entrants often move up in groups of
 * equal keys) and one copyWithin. Past a budget of comparisons and moves it finishes with a merge
 * sort, O(n log n) whatever the order.
 */
export function sortRanked(
  ranked: Int32Array,
  count: number,
  primary: Float64Array,
  tieBefore: (a: number, b: number) => boolean,
  scratch: Int32Array,
): void {
  let budget = 32 * count;
  for (let i = 1; i < count; i++) {
    const x = ranked[i] as number;
    const px = primary[x] as number;
    let y = ranked[i - 1] as number;
    let py = primary[y] as number;
    if (px < py || (px === py && !tieBefore(x, y))) continue;
    // x is ahead of ranked[i - 1]: find the first place p whose entrant x is ahead of. Gallop back
    // (1, 2, 4… places) until an entrant ahead of x (or the top), then bisect: ranked[lo] is ahead
    // of x (lo = -1: none is), ranked[hi] is behind it.
    let hi = i - 1;
    let lo = -1;
    let step = 1;
    for (;;) {
      const probe = hi - step;
      if (probe < 0) break;
      y = ranked[probe] as number;
      py = primary[y] as number;
      budget--;
      if (px < py || (px === py && !tieBefore(x, y))) {
        lo = probe;
        break;
      }
      hi = probe;
      step *= 2;
    }
    while (hi - lo > 1) {
      const middle = (lo + hi) >>> 1;
      y = ranked[middle] as number;
      py = primary[y] as number;
      budget--;
      if (px < py || (px === py && !tieBefore(x, y))) lo = middle;
      else hi = middle;
    }
    ranked.copyWithin(hi + 1, hi, i);
    ranked[hi] = x;
    budget -= (i - hi) >> 3;
    if (budget < 0) {
      mergeSort(ranked, count, primary, tieBefore, scratch);
      return;
    }
  }
}

/** Bottom-up merge sort of ranked[0..count) by the same order (scratch: at least count long). */
function mergeSort(
  ranked: Int32Array,
  count: number,
  primary: Float64Array,
  tieBefore: (a: number, b: number) => boolean,
  scratch: Int32Array,
): void {
  let from = ranked;
  let to = scratch;
  for (let width = 1; width < count; width *= 2) {
    for (let start = 0; start < count; start += 2 * width) {
      const middle = Math.min(start + width, count);
      const end = Math.min(start + 2 * width, count);
      let a = start;
      let b = middle;
      let k = start;
      while (a < middle && b < end) {
        const x = from[a] as number;
        const y = from[b] as number;
        const px = primary[x] as number;
        const py = primary[y] as number;
        // y goes first only if strictly ahead of x: equal keys cannot happen (the order is total).
        if (py > px || (py === px && tieBefore(y, x))) {
          to[k++] = y;
          b++;
        } else {
          to[k++] = x;
          a++;
        }
      }
      while (a < middle) to[k++] = from[a++] as number;
      while (b < end) to[k++] = from[b++] as number;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== ranked) ranked.set(from.subarray(0, count));
}
