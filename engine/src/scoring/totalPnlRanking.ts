import type { Fixed } from "../money/fixed.ts";
import { findDuplicateIds, InvalidRankingInputError } from "./invalidRankingInputError.ts";

export type TotalPnlRankingEntry = {
  readonly entrantId: string;
  /** Realized + unrealized P&L at the last mark, fixed-point (the broker's exact figure). */
  readonly totalPnl: Fixed;
};

export type TotalPnlRanked = { entrantId: string; rank: number; totalPnl: Fixed };

export type RankByTotalPnlParameters = {
  /** Entrants in registration order (the tie-break). */
  readonly entries: readonly TotalPnlRankingEntry[];
};

/**
 * The macro arena's leaderboard (seed 002): teams ranked by total P&L, realized + unrealized,
 * compared exactly in fixed point; equal P&L keeps registration order. Status (eliminated, VaR
 * penalty) is shown beside the rank, not mixed into it, as in the seed.
 */
export function rankByTotalPnl({ entries }: RankByTotalPnlParameters): TotalPnlRanked[] {
  const problems = findDuplicateIds(
    entries.map((entry) => entry.entrantId),
    "entrantId",
  );
  if (problems.length > 0)
    throw new InvalidRankingInputError("total P&L ranking input", problems, "Give each entrant once.");
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) =>
      a.entry.totalPnl === b.entry.totalPnl ? a.index - b.index : a.entry.totalPnl > b.entry.totalPnl ? -1 : 1,
    )
    .map(({ entry }, position) => ({ entrantId: entry.entrantId, rank: position + 1, totalPnl: entry.totalPnl }));
}
