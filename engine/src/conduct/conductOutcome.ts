import type { RequirementId } from "./requirementFailure.ts";
import type { BannedStrategyId, Violation, ViolationEvidence } from "./violation.ts";

/** What a season does when a banned-strategy rule fires (seed 001: banned strategies disqualify). */
export const conductActions = ["deny", "flag", "disqualify"] as const;
export type ConductAction = (typeof conductActions)[number];

export type ConductRuleId = BannedStrategyId | RequirementId;

/**
 * A pre-trade refusal: the order (or stop change) is not applied, the round goes on. Data, not an
 * error: the core records it next to its other typed denials.
 */
export type ConductDenial = {
  entrant: string;
  round: number;
  time: number;
  symbol: string;
  /** The denied order; null for a denied stop-loss change. */
  orderId: string | null;
  reasonCode: "BANNED_STRATEGY";
  /** The rules that fired, in the order of `bannedStrategyIds`. */
  rules: readonly BannedStrategyId[];
  reason: string;
  violations: readonly Violation[];
};

/**
 * A conduct decision about an entrant: a flag (recorded and published, standing unchanged), a
 * disqualification (seed 001: "removed from the leaderboard", noted publicly; seed 003: activity
 * requirements at settlement) or a forfeit (seed 003: config freeze).
 */
export type ConductOutcome = {
  entrant: string;
  action: "flag" | "disqualify" | "forfeit";
  /** The status the outcome gives the entrant; null for a flag. */
  status: "disqualified" | "forfeited" | null;
  rule: ConductRuleId;
  /** The round it takes effect: the last round of a violation's evidence, the breach round, or the settlement round. */
  round: number;
  /** The rounds the evidence involves (empty for settlement-wide requirements). */
  rounds: readonly number[];
  reason: string;
  evidence: ViolationEvidence;
};
