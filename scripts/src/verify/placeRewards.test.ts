/** Rewards by place, docs/runner.md "Rewards": every expected amount is worked out by hand in its comment. */
import { describe, expect, it } from "vitest";
import { placeRewards } from "./placeRewards.ts";

const ranked = (...shares: number[]) => shares.map((rewardShareBps, i) => ({ entrantId: String(i), rewardShareBps }));
const amounts = (rewards: Map<string, bigint>) => [...rewards.values()];

describe("placeRewards", () => {
  it("pays each place its basis points of the pot", () => {
    // 1000 × 50% = 500, × 30% = 300, × 20% = 200: exactly the pot.
    expect(
      amounts(placeRewards({ ranked: ranked(5_000, 3_000, 2_000), splitBps: [5_000, 3_000, 2_000], pot: 1_000n })),
    ).toEqual([500n, 300n, 200n]);
  });

  it("gives the rounding dust to the best-ranked entrant", () => {
    // 1001 × 50% = 500.5 → 500, × 30% = 300.3 → 300, × 20% = 200.2 → 200; 1 of dust to the first.
    expect(
      amounts(placeRewards({ ranked: ranked(5_000, 3_000, 2_000), splitBps: [5_000, 3_000, 2_000], pot: 1_001n })),
    ).toEqual([501n, 300n, 200n]);
  });

  it("splits the places of tied entrants evenly (equal engine shares)", () => {
    // Second and third tie: (30% + 20%) / 2 = 25% each of 1000 = 250.
    expect(
      amounts(placeRewards({ ranked: ranked(5_000, 2_500, 2_500), splitBps: [5_000, 3_000, 2_000], pot: 1_000n })),
    ).toEqual([500n, 250n, 250n]);
  });

  it("gives the shares of places nobody fills to the first, and nothing past the split", () => {
    // Two ranked on a 50/30/20 split: 500 and 300; the unfilled 20% (200) goes to the first: 700.
    expect(
      amounts(placeRewards({ ranked: ranked(5_000, 3_000), splitBps: [5_000, 3_000, 2_000], pot: 1_000n })),
    ).toEqual([700n, 300n]);
    // Four ranked on a 60/40 split: places 3 and 4 get 0.
    expect(amounts(placeRewards({ ranked: ranked(6_000, 4_000, 0, 0), splitBps: [6_000, 4_000], pot: 5n }))).toEqual([
      3n,
      2n,
      0n,
      0n,
    ]);
  });

  it("pays nobody when nobody is ranked", () => {
    expect(placeRewards({ ranked: [], splitBps: [10_000], pot: 1_000n }).size).toBe(0);
  });
});
