import { ceilDivBps, type RiskRule } from "./riskRule.ts";

export type SeasonDrawdownParameters = {
  /** Drop from the high-water mark that terminates the entrant, in bps (seed 001: 4,000 = 40%). */
  thresholdBps: number;
};

/**
 * Season drawdown limit (seed 001): when equity at a mark is 40% or more below the season's
 * high-water mark (the highest marked equity, starting capital included), the entrant is
 * terminated: its positions are liquidated at the mark and it never trades again. Its score is
 * frozen at that round (Account.finalAtRound).
 */
export function createSeasonDrawdownRule({ thresholdBps }: SeasonDrawdownParameters): RiskRule {
  const bps = BigInt(thresholdBps);
  return {
    id: "seasonDrawdown",
    source: "seed 001: Season Drawdown Limit 40% from the high-water mark, terminated",
    onMark({ account }) {
      const peak = account.highWaterMark;
      const drop = peak - account.equity;
      if (drop <= 0n || drop * 10_000n < bps * peak) return undefined;
      return { kind: "seasonDrawdownTermination", equity: account.equity, highWaterMark: peak, thresholdBps };
    },
    // It fires on a drop ≥ m = max(1, ⌈bps × peak ÷ 10,000⌉), i.e. at equity ≤ peak − m.
    markFloor(account) {
      const peak = account.highWaterMark;
      const smallestDrop = ceilDivBps(bps * peak);
      return peak - (smallestDrop > 1n ? smallestDrop : 1n) + 1n;
    },
  };
}
