import type { CanonicalValue } from "../canonical/canonicalJson.ts";

/** The banned strategies of seed 001 (LLMTrader) and the gaming pattern of seed 004 (wash trading). */
export const bannedStrategyIds = [
  "martingale",
  "doubling-down",
  "revenge-trading",
  "stop-loss-widening",
  "unlimited-grid",
  "wash-trading",
] as const;
export type BannedStrategyId = (typeof bannedStrategyIds)[number];

/** Evidence is plain canonical-JSON data: the events involved and the numbers the rule compared. */
export type ViolationEvidence = { readonly [key: string]: CanonicalValue | undefined };

/** A banned strategy found in an entrant's activity, with what proves it. */
export type Violation<TEvidence extends ViolationEvidence = ViolationEvidence> = {
  detector: BannedStrategyId;
  /** Every round the evidence involves, ascending, without repeats. */
  rounds: readonly number[];
  /** One or two sentences a participant can read: what was done, with the numbers. */
  reason: string;
  evidence: TEvidence;
};

/** The ascending, de-duplicated rounds of a violation. */
export function violationRounds(rounds: Iterable<number>): number[] {
  return [...new Set(rounds)].sort((a, b) => a - b);
}
