import { describe, expect, it } from "vitest";
import { createMarkSeries, seriesColumns } from "./markSeries.ts";

describe("mark series", () => {
  it("gives each entrant of a block its own column, each as long as its mark count", () => {
    const series = createMarkSeries(5, 4);
    // equity[mark × entrants + entrant] = 10 × entrant + mark
    for (let mark = 0; mark < 4; mark++)
      for (let entrant = 0; entrant < 5; entrant++) series.equity[mark * 5 + entrant] = 10 * entrant + mark;
    expect(seriesColumns(series, series.equity, 1, [4, 2, 0, 3])).toEqual([
      [10, 11, 12, 13],
      [20, 21],
      [],
      [40, 41, 42],
    ]);
    expect(seriesColumns(series, series.exposure, 0, [])).toEqual([]);
  });
});
