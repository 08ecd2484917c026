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

/** The first `count` values of one entrant's column of `values` (MarkSeries.equity or .exposure). */
export function seriesColumn(series: MarkSeries, values: Float64Array, entrant: number, count: number): number[] {
  // Pushed, not preallocated: a packed array of doubles, which the metrics' loops read fastest.
  const column: number[] = [];
  for (let mark = 0; mark < count; mark++) column.push(values[mark * series.entrants + entrant] as number);
  return column;
}
