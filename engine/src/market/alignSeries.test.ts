import { describe, expect, it } from "vitest";
import { AlignSeriesError, alignSeries } from "./alignSeries.ts";
import type { Bar } from "./bar.ts";

const bar = (time: number, close: bigint): Bar => ({ time, open: close, high: close, low: close, close, volume: 1n });

// A trades at 1..5, B at 2, 3, 5, 6 (its 4 is missing): common range is 2..5.
const a = { symbol: "A", bars: [1, 2, 3, 4, 5].map((t) => bar(t, BigInt(10 + t))) };
const b = { symbol: "B", bars: [2, 3, 5, 6].map((t) => bar(t, BigInt(20 + t))) };

describe("alignSeries", () => {
  it("keeps only common times for intersection", () => {
    const result = alignSeries({ series: [a, b], join: "intersection" });
    expect(result.times).toEqual([2, 3, 5]);
    expect(result.bars.A?.map((x) => x.close)).toEqual([12n, 13n, 15n]);
    expect(result.bars.B?.map((x) => x.close)).toEqual([22n, 23n, 25n]);
    expect(result.filled).toEqual({ A: 0, B: 0 });
  });

  it("forward-fills within the common range for union", () => {
    const result = alignSeries({ series: [a, b], join: "union" });
    expect(result.times).toEqual([2, 3, 4, 5]);
    // B at 4 is B's close at 3 (23), flat, zero volume, filled.
    expect(result.bars.B?.[2]).toEqual({
      time: 4,
      open: 23n,
      high: 23n,
      low: 23n,
      close: 23n,
      volume: 0n,
      filled: true,
    });
    expect(result.bars.A?.map((x) => x.close)).toEqual([12n, 13n, 14n, 15n]);
    expect(result.filled).toEqual({ A: 0, B: 1 });
  });

  it("explains series that cannot be aligned", () => {
    expect(() => alignSeries({ series: [], join: "union" })).toThrow(AlignSeriesError);
    const unsorted = { symbol: "C", bars: [bar(2, 1n), bar(1, 1n)] };
    expect(() => alignSeries({ series: [unsorted, { symbol: "D", bars: [] }], join: "union" })).toThrow(
      "Cannot align: C is not sorted with unique times at index 1 (1970-01-01T00:00:01Z); D has no bars.",
    );
    const late = { symbol: "E", bars: [bar(100, 1n)] };
    expect(() => alignSeries({ series: [a, late], join: "intersection" })).toThrow(/no time in common/);
  });
});
