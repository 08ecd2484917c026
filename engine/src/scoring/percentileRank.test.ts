import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentileRanks } from "./percentileRank.ts";

describe("percentileRanks (pandas rank(method='average', pct=True))", () => {
  it("gives the best of ten 1.0 and the worst 0.1, as seed 003's '90th percentile receives 0.9'", () => {
    const values = [5, 9, 1, 7, 3, 10, 2, 8, 4, 6];
    // Ascending rank of each value / 10: value v has rank v here.
    expect(percentileRanks({ values, better: "higher" })).toEqual(values.map((v) => v / 10));
  });

  it("averages the ranks of tied values", () => {
    // Worst first: 1 (rank 1), 3 (rank 2), 5 and 5 (ranks 3 and 4 → 3.5). / 4 → 0.875, 0.5, 0.875, 0.25,
    // what pandas.Series([5, 3, 5, 1]).rank(pct=True) gives.
    expect(percentileRanks({ values: [5, 3, 5, 1], better: "higher" })).toEqual([0.875, 0.5, 0.875, 0.25]);
  });

  it("inverts for lower-is-better metrics such as max drawdown", () => {
    // 0.1 is the best drawdown → 3/3; 0.2 → 2/3; 0.3 → 1/3.
    expect(percentileRanks({ values: [0.1, 0.3, 0.2], better: "lower" })).toEqual([1, 1 / 3, 2 / 3]);
  });

  it("ranks null below every number, nulls tied among themselves", () => {
    // Nulls take ranks 1 and 2 (average 1.5 → 0.375); 1 → 3/4; 2 → 4/4. Same for lower-is-better.
    expect(percentileRanks({ values: [null, 2, null, 1], better: "higher" })).toEqual([0.375, 1, 0.375, 0.75]);
    expect(percentileRanks({ values: [null, 2, 1], better: "lower" })).toEqual([1 / 3, 2 / 3, 1]);
  });

  it("gives a lone entrant 1.0 and an empty field nothing", () => {
    expect(percentileRanks({ values: [-3], better: "higher" })).toEqual([1]);
    expect(percentileRanks({ values: [null], better: "higher" })).toEqual([1]);
    expect(percentileRanks({ values: [], better: "higher" })).toEqual([]);
  });

  it("does not depend on entrant order and always sums to (n + 1) / 2", () => {
    const field = fc.array(fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(field, fc.boolean(), (values, higher) => {
        const better = higher ? "higher" : "lower";
        const ranks = percentileRanks({ values, better });
        const reversed = percentileRanks({ values: [...values].reverse(), better }).reverse();
        expect(reversed).toEqual(ranks);
        // Average ranks always sum to n(n+1)/2; divided by n → (n+1)/2.
        const sum = ranks.reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo((values.length + 1) / 2, 10);
        for (const rank of ranks) {
          expect(rank).toBeGreaterThan(0);
          expect(rank).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
