import type { EntrantStatus } from "../domain/entrantStatus.ts";
import type { MetricValue } from "../metrics/metric.ts";
import type { Fixed } from "../money/fixed.ts";

/**
 * One row of the season leaderboard after a round (seed 000: "current rank and rank changes, total
 * return, risk-adjusted metrics (Sharpe ratio, maximum drawdown), model family used, number of
 * trades executed, session duration"; seed 001 and 002: the entrant's status). Values are from the
 * entrant's scored equity (seed 003 leaves excluded trades out), up to its last round in the
 * season: a terminated or eliminated entrant keeps the figures it had at termination.
 */
export type Standing = {
  /** 1 = best. null: disqualified or forfeited (removed from the leaderboard, seeds 001 and 003). */
  rank: number | null;
  /** Previous round's rank minus this rank (+2 = up two places); null in the first round or when either rank is null. */
  rankChange: number | null;
  entrantId: string;
  name: string;
  modelFamily: string;
  status: EntrantStatus;
  totalReturn: MetricValue;
  /** Scored equity minus starting capital, exact (8-decimal fixed point). */
  totalPnl: Fixed;
  sharpeRatio: MetricValue;
  maxDrawdown: MetricValue;
  /** Seed 001's second tie-breaker. */
  winRate: MetricValue;
  /** The entrant's executed orders that count for scoring (stop-loss and liquidation fills are not its trades). */
  trades: number;
  /** Seconds from the season's start to the end of the entrant's last round (frozen once it is out). */
  durationSeconds: number;
  /**
   * The live score of the season's method: the 0-100 Tournament Score (seed 003) over the running
   * metrics for tournament methods; null for LLMTrader's ordering and the macro arena's total P&L,
   * whose rank is the score.
   */
  score: number | null;
};
