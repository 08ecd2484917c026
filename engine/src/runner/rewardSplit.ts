import type { SeasonResultEntry } from "../season/seasonResults.ts";
import { RunnerError } from "./runnerError.ts";

export type SeasonPot = {
  /** What the season received: activeEntrants × entryFee (the asset's smallest unit). */
  received: bigint;
  protocolFeeBps: number;
};

/**
 * What finalize may pay out: the contract requires totalPayout + protocolFee == received exactly,
 * with protocolFee = floor(received × protocolFeeBps / 10,000).
 */
export function distributablePot({ received, protocolFeeBps }: SeasonPot): bigint {
  return received - (received * BigInt(protocolFeeBps)) / 10_000n;
}

export type RewardSplitParameters = {
  /** The season's results entries: ranked best first, then the unranked. */
  entrants: readonly Pick<SeasonResultEntry, "entrantId" | "rank" | "rewardShareBps">[];
  /** The split by place in basis points (index 0 = first place). */
  splitBps: readonly number[];
  /** The amount to distribute, all of it. */
  pot: bigint;
};

/**
 * Each entrant's reward in the asset's smallest unit, by place: place p's share is `splitBps[p]`
 * of the pot; entrants tied on every criterion split the places they occupy evenly (the engine gives
 * them equal `rewardShareBps`). Integer division leaves dust; the dust and the shares of places
 * nobody fills go to the best-ranked entrant, so the rewards add up to `pot` exactly (what the
 * contract's `totalPayout + protocolFee == received` check needs). With no ranked entrant every
 * reward is 0 and the caller must not finalize a payout.
 */
export function rewardSplit({ entrants, splitBps, pot }: RewardSplitParameters): Map<string, bigint> {
  if (pot < 0n) throw new RunnerError(`The reward pot ${pot} is negative.`);
  const total = splitBps.reduce((sum, bps) => sum + bps, 0);
  if (splitBps.some((bps) => !Number.isInteger(bps) || bps < 0) || total > 10_000)
    throw new RunnerError(`Invalid reward split [${splitBps.join(", ")}].`, {
      hint: "Give non-negative whole basis points per place, totalling at most 10000.",
    });
  const ranked = entrants.filter((entry) => entry.rank !== null);
  const rewards = new Map<string, bigint>(entrants.map((entry) => [entry.entrantId, 0n]));
  // Runs of equal engine shares: a tie group splits its places' bps; untied equal neighbours get the same either way.
  let start = 0;
  let paid = 0n;
  while (start < ranked.length) {
    const share = (ranked[start] as (typeof ranked)[number]).rewardShareBps;
    let end = start + 1;
    while (end < ranked.length && (ranked[end] as (typeof ranked)[number]).rewardShareBps === share) end++;
    let bps = 0;
    for (let place = start; place < end; place++) bps += splitBps[place] ?? 0;
    const each = (pot * BigInt(bps)) / (10_000n * BigInt(end - start));
    for (let place = start; place < end; place++) {
      rewards.set((ranked[place] as (typeof ranked)[number]).entrantId, each);
      paid += each;
    }
    start = end;
  }
  const best = ranked[0];
  if (best !== undefined) rewards.set(best.entrantId, (rewards.get(best.entrantId) ?? 0n) + (pot - paid));
  return rewards;
}
