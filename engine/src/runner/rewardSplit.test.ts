import { describe, expect, test } from "vitest";
import { distributablePot, rewardSplit } from "./rewardSplit.ts";

const entry = (entrantId: string, rank: number | null, rewardShareBps: number) => ({ entrantId, rank, rewardShareBps });

describe("rewardSplit", () => {
  test("the pot is what the contract's PayoutMismatch check allows", () => {
    // 6 entries x 0.01 ETH = 6e16 wei; fee floor(6e16 * 500 / 10000) = 3e15; pot = 5.7e16.
    expect(distributablePot({ received: 6n * 10n ** 16n, protocolFeeBps: 500 })).toBe(57n * 10n ** 15n);
  });

  test("pays by place, sends dust and unfilled places to the best-ranked, and adds up to the pot", () => {
    // pot 1001, split 50/30/20: floor(500.5)=500, floor(300.3)=300, floor(200.2)=200; dust 1 to first.
    const rewards = rewardSplit({
      entrants: [entry("a", 1, 5000), entry("b", 2, 3000), entry("c", 3, 2000), entry("d", null, 0)],
      splitBps: [5000, 3000, 2000],
      pot: 1001n,
    });
    expect([...rewards.values()]).toEqual([501n, 300n, 200n, 0n]);
  });

  test("tied entrants split their places evenly", () => {
    // b and c tied for second share places 2 and 3: (3000 + 2000) / 2 = 2500 bps each of 1000 = 250.
    const rewards = rewardSplit({
      entrants: [entry("a", 1, 5000), entry("b", 2, 2500), entry("c", 3, 2500)],
      splitBps: [5000, 3000, 2000],
      pot: 1000n,
    });
    expect(Object.fromEntries(rewards)).toEqual({ a: 500n, b: 250n, c: 250n });
  });

  test("with fewer ranked entrants than places, the unfilled shares go to the first", () => {
    // One ranked entrant: 50% + the 50% of places 2 and 3 nobody fills = the whole pot.
    const rewards = rewardSplit({ entrants: [entry("a", 1, 5000)], splitBps: [5000, 3000, 2000], pot: 999n });
    expect(rewards.get("a")).toBe(999n);
  });
});
