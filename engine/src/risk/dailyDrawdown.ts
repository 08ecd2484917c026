import { SECONDS_PER_DAY } from "../broker/marketTape.ts";
import { ceilDivBps, type RiskRule } from "./riskRule.ts";

export type DailyDrawdownParameters = {
  /** Loss from the UTC day's starting equity that pauses trading, in bps (seed 001: 1,000 = 10%). */
  thresholdBps: number;
};

/**
 * Daily drawdown limit (seed 001): when equity (realized + unrealized, fees included) at a mark is
 * 10% or more below the equity the UTC day started with, trading is paused until 00:00 UTC of the
 * next day. The day's starting equity is the equity of the last mark before the day's first round
 * (the starting capital on the season's first day). Open positions stay open and their stops keep
 * working; only new orders are refused. A paused entrant is not checked again.
 */
export function createDailyDrawdownRule({ thresholdBps }: DailyDrawdownParameters): RiskRule {
  const bps = BigInt(thresholdBps);
  return {
    id: "dailyDrawdown",
    source: "seed 001: Daily Drawdown Limit 10%, paused until 00:00 UTC",
    onMark({ account, round }) {
      if (account.status !== "active") return undefined;
      const start = account.dayStartEquity;
      const loss = start - account.equity;
      // loss / start ≥ threshold, exactly: loss × 10,000 ≥ bps × start.
      if (loss <= 0n || start <= 0n || loss * 10_000n < bps * start) return undefined;
      return {
        kind: "dailyDrawdownPause",
        equity: account.equity,
        dayStartEquity: start,
        thresholdBps,
        pausedUntil: (round.day + 1) * SECONDS_PER_DAY,
      };
    },
    // Only an active entrant with a positive day start is checked; it fires on a loss ≥ m =
    // max(1, ⌈bps × start ÷ 10,000⌉), i.e. at equity ≤ start − m.
    markFloor(account) {
      const start = account.dayStartEquity;
      if (account.status !== "active" || start <= 0n) return null;
      const smallestLoss = ceilDivBps(bps * start);
      return start - (smallestLoss > 1n ? smallestLoss : 1n) + 1n;
    },
  };
}
