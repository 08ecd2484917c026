/**
 * Every entrant's scored equity at each of its marks (mark 0: the start) and gross exposure between
 * marks, for the batch metrics at settlement. Mark-major: the season writes a round's marks entrant
 * after entrant, so those writes are adjacent in memory rather than one cache line apart per entrant
 * (one array per entrant cost about 5% of a round in the season loop). Floats: statistics only.
 */
export type MarkSeries = {
  readonly entrants: number;
  /** Marks each entrant can hold (rounds + 1). */
  readonly capacity: number;
  /** equity[mark × entrants + entrant]. */
  readonly equity: Float64Array;
  /** exposure[mark × entrants + entrant]: Σ |quantity × mark price| ÷ equity over mark `mark + 1`. */
  readonly exposure: Float64Array;
};

export function createMarkSeries(entrants: number, capacity: number): MarkSeries {
  return {
    entrants,
    capacity,
    equity: new Float64Array(entrants * capacity),
    exposure: new Float64Array(entrants * capacity),
  };
}

/**
 * The columns of entrants `from` to `from + counts.length − 1` of `values`, the first `counts[k]`
 * values of each: read a row segment at a time, so that each cache line of the table is read once
 * for all the entrants on it (one column at a time reads a line per value).
 */
export function seriesColumns(
  series: MarkSeries,
  values: Float64Array,
  from: number,
  counts: readonly number[],
): number[][] {
  const columns = counts.map((): number[] => []);
  const longest = Math.max(0, ...counts);
  for (let mark = 0; mark < longest; mark++) {
    const row = mark * series.entrants + from;
    for (let k = 0; k < counts.length; k++)
      if (mark < (counts[k] as number)) (columns[k] as number[]).push(values[row + k] as number);
  }
  return columns;
}
