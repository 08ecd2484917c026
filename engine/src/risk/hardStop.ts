import type { Fixed } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";

export type HardStopParameters = {
  /** Cumulative P&L below which the entrant is eliminated (seed 002: −1,000,000), fixed-point. */
  minCumulativePnl: Fixed;
};

/**
 * Hard stop-loss on cumulative P&L (seed 002): when equity − starting capital (realized +
 * unrealized, fees included) falls below the threshold at a mark, the entrant is eliminated for
 * good and its positions are liquidated. "Falls below" is strict: exactly −$1,000,000 survives.
 */
export function createHardStopRule({ minCumulativePnl }: HardStopParameters): RiskRule {
  return {
    id: "hardStop",
    source: "seed 002: Hard Stop-Loss, cumulative P&L below -$1,000,000 eliminates",
    onMark({ account }) {
      const cumulativePnl = account.equity - account.startingCapital;
      if (cumulativePnl >= minCumulativePnl) return undefined;
      return { kind: "hardStopElimination", cumulativePnl, minCumulativePnl };
    },
    // equity − capital ≥ min ⇔ equity ≥ capital + min.
    markFloor: (account) => account.startingCapital + minCumulativePnl,
  };
}
