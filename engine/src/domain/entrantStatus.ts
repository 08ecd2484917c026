/**
 * Where an entrant stands in a season. The seeds name these states: LLMTrader's daily pause (seed
 * 001, "paused") and season termination ("terminated"), the macro arena's elimination by the hard
 * stop-loss ("eliminated") and its VaR penalty day (a pause), the tournaments' disqualification at
 * settlement and forfeiture on a config change (seed 003).
 */
export const entrantStatuses = ["active", "paused", "terminated", "eliminated", "disqualified", "forfeited"] as const;
export type EntrantStatus = (typeof entrantStatuses)[number];

/** The statuses an entrant never leaves: it never trades again and its equity stays frozen. */
export type FinalEntrantStatus = Exclude<EntrantStatus, "active" | "paused">;

/** Whether the entrant is out of the season for good (no order is ever accepted again). */
export function isFinalStatus(status: EntrantStatus): status is FinalEntrantStatus {
  return status !== "active" && status !== "paused";
}

/** Why a paused entrant may not trade: the daily drawdown limit (seed 001) or the VaR penalty day (seed 002). */
export type PauseReason = "dailyDrawdown" | "varPenalty";
