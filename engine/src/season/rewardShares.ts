import { PodiumError } from "../errors/podiumError.ts";

export type RewardPlace = {
  entrantId: string;
  /** True when this entrant ties the one ranked just above it on every scoring criterion (only registration order separates them). */
  tiedWithAbove: boolean;
};

export type RewardSharesParameters = {
  /** Ranked entrants, best first. */
  places: readonly RewardPlace[];
  /** Share of the prize pool by place in basis points (index 0 = first place); each ≥ 0, total ≤ 10,000. */
  splitBps: readonly number[];
};

export type InvalidRewardSplitErrorType = InvalidRewardSplitError;

export class InvalidRewardSplitError extends PodiumError {
  override name = "InvalidRewardSplitError";
  constructor(problems: readonly string[]) {
    super(`Invalid reward split: ${problems.join("; ")}.`, {
      hint: "Give the share of each place in basis points, e.g. [5000, 3000, 2000] for 50/30/20, totalling at most 10000.",
    });
  }
}

/** Every problem of a split by place, at once. */
export function rewardSplitProblems(splitBps: readonly number[]): string[] {
  const problems: string[] = [];
  splitBps.forEach((bps, i) => {
    if (!(Number.isInteger(bps) && bps >= 0))
      problems.push(`place ${i + 1} has ${bps} bps, not a non-negative integer`);
  });
  const total = splitBps.reduce((sum, bps) => sum + (Number.isFinite(bps) ? bps : 0), 0);
  if (total > 10_000) problems.push(`the places add up to ${total} bps, more than 10000`);
  return problems;
}

/**
 * Each ranked entrant's share of the prize pool in basis points: the split by place (seed 003's
 * "rewards by place"), where entrants tied on every scoring criterion share the places they occupy
 * evenly (two tied for second split the second and third places' shares half and half). Shares are
 * exact fractions rounded to 6 decimals; places beyond the split get 0.
 */
export function rewardShares({ places, splitBps }: RewardSharesParameters): Map<string, number> {
  const problems = rewardSplitProblems(splitBps);
  if (problems.length > 0) throw new InvalidRewardSplitError(problems);
  const shares = new Map<string, number>();
  let start = 0;
  while (start < places.length) {
    let end = start + 1;
    while (end < places.length && (places[end] as RewardPlace).tiedWithAbove) end++;
    let pool = 0;
    for (let place = start; place < end; place++) pool += splitBps[place] ?? 0;
    const each = Math.round((pool / (end - start)) * 1e6) / 1e6;
    for (let place = start; place < end; place++) shares.set((places[place] as RewardPlace).entrantId, each);
    start = end;
  }
  return shares;
}
