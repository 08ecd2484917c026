/**
 * Rewards by place, re-implemented from docs/runner.md ("Rewards") rather than imported from the
 * runner, so that the verifier recomputes what the operator should have paid: place p gets
 * `splitBps[p]` of the pot (floor); entrants the engine ties (equal reward shares, consecutive
 * places) split their places' basis points evenly (floor); the rounding dust and the shares of
 * places nobody fills go to the best-ranked entrant, so the rewards add up to the pot exactly.
 * Unranked entrants get nothing.
 */
export type PlaceRewardsParameters = {
  /** The ranked entrants, best first, with the engine's share in basis points (equal shares = a tie). */
  ranked: readonly { entrantId: string; rewardShareBps: number }[];
  /** Basis points by place, index 0 = first place. */
  splitBps: readonly number[];
  /** Everything to distribute: the season's finalized totalPayout. */
  pot: bigint;
};

export function placeRewards({ ranked, splitBps, pot }: PlaceRewardsParameters): Map<string, bigint> {
  const rewards = new Map<string, bigint>();
  let paid = 0n;
  for (let start = 0; start < ranked.length; ) {
    const share = ranked[start]?.rewardShareBps;
    let end = start + 1;
    while (end < ranked.length && ranked[end]?.rewardShareBps === share) end++;
    let bps = 0n;
    for (let place = start; place < end; place++) bps += BigInt(splitBps[place] ?? 0);
    const each = (pot * bps) / (10_000n * BigInt(end - start));
    for (let place = start; place < end; place++) {
      rewards.set(ranked[place]?.entrantId as string, each);
      paid += each;
    }
    start = end;
  }
  const best = ranked[0];
  if (best !== undefined) rewards.set(best.entrantId, (rewards.get(best.entrantId) ?? 0n) + pot - paid);
  return rewards;
}
