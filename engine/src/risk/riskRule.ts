import type { MarketRound } from "../broker/marketTape.ts";
import type { OrderPreview } from "../broker/previewOrder.ts";
import type { Account } from "../domain/account.ts";
import type { Denial, Exclusion } from "../domain/denial.ts";
import type { StopLossUpdate } from "../domain/order.ts";
import type { Position } from "../domain/position.ts";
import type { RiskEvent } from "../domain/riskEvent.ts";
import type { TradableAsset } from "../domain/universe.ts";
import type { Fixed } from "../money/fixed.ts";

/** Every risk rule of the engine, one file each. */
export type RiskRuleId =
  | "marketAccess"
  | "leverageLimit"
  | "positionCap"
  | "maxPositionSize"
  | "minPositionSize"
  | "stopLoss"
  | "dailyDrawdown"
  | "seasonDrawdown"
  | "hardStop"
  | "valueAtRisk";

/** What a rule sees before an order fills: the account as it is and the order fully worked out. */
export type OrderCheckContext = {
  account: Account;
  round: MarketRound;
  preview: OrderPreview;
};

/** What a rule sees before a stop-loss moves. */
export type StopLossUpdateContext = {
  account: Account;
  round: MarketRound;
  asset: TradableAsset;
  position: Position;
  update: StopLossUpdate;
  /** The round's price for the asset (bar open or close): a stop must stay on its protective side. */
  referencePrice: Fixed;
};

/** What a rule sees at a mark: the account marked at the round's closes, stops already executed. */
export type MarkContext = {
  account: Account;
  round: MarketRound;
};

/** ⌈numerator ÷ 10,000⌉ for a bigint: the smallest drop whose × 10,000 reaches the numerator. */
export function ceilDivBps(numerator: bigint): bigint {
  // Bigint division truncates toward zero: the ceiling of a negative quotient already.
  return numerator > 0n ? (numerator + 9_999n) / 10_000n : numerator / 10_000n;
}

/**
 * The shared interface of every risk rule (Nautilus Trader's pre-trade risk checks plus triggers).
 * A rule implements the hooks it needs:
 * - `checkOrder` (pre-trade): a Denial cancels the order; an Exclusion lets it fill but leaves its
 *   position out of scoring (seed 003); undefined passes.
 * - `checkStopLossUpdate`: a Denial refuses the stop move.
 * - `onMark` (each mark, after stops; end-of-day rules look at the round themselves): at most one
 *   event, which the risk engine applies. One event, not a list, keeps the per-mark path free of
 *   allocations: a rule enforces one limit and that limit triggers once.
 * Rules read the account and never change it: consequences are the risk engine's job.
 */
export type RiskRule = {
  readonly id: RiskRuleId;
  /** Which seed document, and which of its rules, this enforces. */
  readonly source: string;
  checkOrder?(context: OrderCheckContext): Denial | Exclusion | undefined;
  checkStopLossUpdate?(context: StopLossUpdateContext): Denial | undefined;
  onMark?(context: MarkContext): RiskEvent | undefined;
  /**
   * For a rule whose trigger is an equity threshold: the equity at or above which `onMark` returns
   * nothing, as long as the account's high-water mark, day-start equity, starting capital and status
   * stay what they are now; null when `onMark` cannot fire at all with them. The risk engine skips
   * the rule on a mark at or above it (a quiet mark costs one comparison). Absent: always run.
   */
  markFloor?(account: Account): Fixed | null;
  /**
   * For a rule that acts on some rounds only (an end-of-day check): false when `onMark` returns
   * nothing at every mark of the round, whatever the account. The risk engine asks it once per
   * round and skips the rule on the rounds it declines. Absent: every round.
   */
  marksRound?(round: MarketRound): boolean;
};

/** What a season does with a breach of a tournament constraint (seed 003). */
export type BreachAction = "deny" | "excludeFromScoring";
