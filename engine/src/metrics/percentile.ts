/**
 * The q-th percentile (0-100) of a sample with linear interpolation between order statistics:
 * numpy's default `np.percentile(a, q)` (method "linear", Hyndman & Fan type 7), which empyrical's
 * `value_at_risk` uses. Position h = (n - 1) * q / 100; result = x[floor h] + (h - floor h)(x[ceil h] - x[floor h]).
 * Returns NaN for an empty sample.
 *
 * The two order statistics are found by selection (expected O(n)) rather than a full sort: they are the same
 * numbers, since equal doubles are the same bits, except for NaN and -0 (which `sort` orders below
 * +0); a sample holding either is sorted as before.
 */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile: q must be within [0, 100], got ${q}`);
  const n = values.length;
  const work = new Float64Array(n);
  let sortOnly = false;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    work[i] = value;
    if (Number.isNaN(value) || Object.is(value, -0)) sortOnly = true;
  }
  const h = ((n - 1) * q) / 100;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  let low: number;
  let high: number;
  if (sortOnly) {
    work.sort();
    low = work[lower] as number;
    high = work[upper] as number;
  } else {
    selectOrderStatistic(work, lower, 0, n - 1);
    low = work[lower] as number;
    // Everything after `lower` is >= it now, so the next order statistic is their minimum.
    high = low;
    if (upper > lower) {
      high = Number.POSITIVE_INFINITY;
      for (let i = lower + 1; i < n; i++) if ((work[i] as number) < high) high = work[i] as number;
    }
  }
  return low + (h - lower) * (high - low);
}

/**
 * Rearranges a[left..right] so that a[k] holds the value it would hold sorted, with smaller-or-equal
 * values before it and greater-or-equal ones after: Floyd & Rivest's SELECT (CACM 1975, algorithm
 * 489), which first selects within a small sample around k so that the partition of the whole range
 * leaves little to search. Past a budget of rounds the range left is sorted, bounding the worst case
 * at O(n log n). `a` holds no NaN and no -0.
 */
function selectOrderStatistic(a: Float64Array, k: number, left: number, right: number): void {
  let budget = 2 * Math.ceil(Math.log2(right - left + 2)) + 8;
  while (right > left) {
    if (budget-- === 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const sampleLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const sampleRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectOrderStatistic(a, k, sampleLeft, sampleRight);
    }
    // Hoare partition of [left, right] around t = a[k].
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    // Now a[j] = t, a[left..j) <= t <= a(j..right].
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const value = a[i] as number;
  a[i] = a[j] as number;
  a[j] = value;
}
