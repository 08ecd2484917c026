import { describe, expect, it } from "vitest";
import { InvalidRewardSplitError, rewardShares } from "./rewardShares.ts";

const places = (ties: boolean[]) => ties.map((tiedWithAbove, i) => ({ entrantId: `e${i}`, tiedWithAbove }));

describe("rewardShares", () => {
  it("pays each place its share of the split", () => {
    // 50/30/20 for the podium; the 4th place gets nothing.
    const shares = rewardShares({ places: places([false, false, false, false]), splitBps: [5_000, 3_000, 2_000] });
    expect([...shares]).toEqual([
      ["e0", 5_000],
      ["e1", 3_000],
      ["e2", 2_000],
      ["e3", 0],
    ]);
  });

  it("splits the places a tie occupies evenly", () => {
    // e1 and e2 tie for 2nd: they share places 2 and 3, (3,000 + 2,000) / 2 = 2,500 each.
    // e3, e4, e5 tie for 4th: (1,000 + 0 + 0) / 3 = 333.333333 (6 decimals).
    const shares = rewardShares({
      places: places([false, false, true, false, true, true]),
      splitBps: [4_000, 3_000, 2_000, 1_000],
    });
    expect([...shares.values()]).toEqual([4_000, 2_500, 2_500, 333.333333, 333.333333, 333.333333]);
  });

  it("refuses a split that is not whole basis points or pays out more than the pool, listing every problem", () => {
    expect(() => rewardShares({ places: places([false]), splitBps: [9_000, 1_500.5, -1] })).toThrow(
      InvalidRewardSplitError,
    );
    expect(() => rewardShares({ places: places([false]), splitBps: [9_000, 1_500.5, -1] })).toThrow(
      /place 2 has 1500.5 bps.*place 3 has -1 bps.*10499.5 bps/,
    );
  });
});
