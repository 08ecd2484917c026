import type { Account, MarkFloors } from "../domain/account.ts";
import type { Fixed } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";

/** A rule that states its mark floor. */
export type FlooredRule = RiskRule & Required<Pick<RiskRule, "markFloor">>;

export const hasMarkFloor = (rule: RiskRule): rule is FlooredRule => rule.markFloor !== undefined;

/**
 * The highest of the rules' mark floors for the account (RiskRule.markFloor): at or above it no
 * rule of `rules` fires at a mark. Kept on the account and computed again only when a value the
 * floors read has changed (a new high-water mark, a new UTC day, a status change), so that a quiet
 * mark costs one bigint comparison instead of every rule's arithmetic. Undefined: none can fire.
 */
export function markFloor(account: Account, rules: readonly FlooredRule[]): Fixed | undefined {
  let cached = account.markFloors;
  if (
    cached !== undefined &&
    cached.highWaterMark === account.highWaterMark &&
    cached.dayStartEquity === account.dayStartEquity &&
    cached.startingCapital === account.startingCapital &&
    cached.status === account.status
  )
    return cached.floor;
  let floor: Fixed | undefined;
  for (const rule of rules) {
    const ruleFloor = rule.markFloor(account);
    if (ruleFloor !== null && (floor === undefined || ruleFloor > floor)) floor = ruleFloor;
  }
  cached ??= {} as MarkFloors;
  cached.floor = floor;
  cached.highWaterMark = account.highWaterMark;
  cached.dayStartEquity = account.dayStartEquity;
  cached.startingCapital = account.startingCapital;
  cached.status = account.status;
  account.markFloors = cached;
  return floor;
}
