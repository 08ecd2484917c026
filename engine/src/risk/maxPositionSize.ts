import { deny } from "../domain/denial.ts";
import type { Fixed } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";

export type MaxPositionSizeParameters = {
  /** Maximum market value of a position in quote currency (USD), fixed-point. */
  maxNotional: Fixed;
};

/**
 * Maximum position size in USD (seed 003, "Max Position Size: maximum USD value per position").
 * Checked on orders that open or add exposure: |quantity after| × the round's price ≤ max.
 */
export function createMaxPositionSizeRule({ maxNotional }: MaxPositionSizeParameters): RiskRule {
  return {
    id: "maxPositionSize",
    source: "seed 003: Max Position Size (maximum USD value per position)",
    checkOrder({ preview }) {
      if (!preview.increasesExposure || preview.afterNotional <= maxNotional) return undefined;
      const symbol = preview.asset.symbol;
      return deny(
        "MAX_POSITION_USD_EXCEEDED",
        `${symbol}: the position would be worth more than the season's maximum.`,
        {
          symbol,
          notional: preview.afterNotional,
          maxNotional,
        },
      );
    },
  };
}
