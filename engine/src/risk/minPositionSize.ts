import { deny } from "../domain/denial.ts";
import type { Fixed } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";

export type MinPositionSizeParameters = {
  /** Minimum market value of an open position in quote currency (USD), fixed-point. */
  minNotional: Fixed;
};

/**
 * Minimum position size (seed 001, "Minimum position size: set per season"). Any order that leaves a
 * position open (opens, adds, reduces or flips) must leave it worth at least the minimum at the
 * round's price; closing a position completely always passes.
 */
export function createMinPositionSizeRule({ minNotional }: MinPositionSizeParameters): RiskRule {
  return {
    id: "minPositionSize",
    source: "seed 001: Minimum position size (set per season)",
    checkOrder({ preview }) {
      if (preview.after.quantity === 0n || preview.afterNotional >= minNotional) return undefined;
      const symbol = preview.asset.symbol;
      return deny(
        "BELOW_MIN_POSITION",
        `${symbol}: the position left open would be worth less than the season's minimum; trade more or close it all.`,
        { symbol, notional: preview.afterNotional, minNotional },
      );
    },
  };
}
