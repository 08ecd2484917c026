import type { Account } from "../domain/account.ts";
import type { Fixed } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";

/** A rule that states its mark floor. */
export type FlooredRule = RiskRule & Required<Pick<RiskRule, "markFloor">>;

export const hasMarkFloor = (rule: RiskRule): rule is FlooredRule => rule.markFloor !== undefined;

/**
 * The highest of the rules' mark floors for the account (RiskRule.markFloor): at or above it no
 * rule of `rules` fires at a mark. Undefined: none can fire. Kept on the account (`markFloor`,
 * with `markFloorUnits` and `highWaterUnits` as doubles) and computed again only when a value the
 * floors read has changed (Account.referenceVersion: a new high-water mark, a new UTC day, a status
 * change), so that a quiet mark costs one number comparison instead of every rule's arithmetic.
 *
 * The doubles are Number(bigint), rounded: compared with an integer double within ±(2^53 − 1) (a
 * quiet mark's equity) they still give the exact bigint comparison's answer, because rounding is
 * monotone and a bigint that does not convert exactly lies beyond ±2^53.
 */
export function markFloor(account: Account, rules: readonly FlooredRule[]): Fixed | undefined {
  if (account.markFloorVersion === account.referenceVersion) return account.markFloor;
  let floor: Fixed | undefined;
  for (const rule of rules) {
    const ruleFloor = rule.markFloor(account);
    if (ruleFloor !== null && (floor === undefined || ruleFloor > floor)) floor = ruleFloor;
  }
  account.markFloorVersion = account.referenceVersion;
  account.markFloor = floor;
  account.markFloorUnits = floor === undefined ? Number.NEGATIVE_INFINITY : Number(floor);
  account.highWaterUnits = Number(account.highWaterMark);
  return floor;
}
