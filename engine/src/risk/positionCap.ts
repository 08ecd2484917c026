import { deny } from "../domain/denial.ts";
import { applyBps } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";

/**
 * What "share of the portfolio" a position takes:
 * - "margin": the capital it consumes (initial margin). Seed 001 caps what an asset may "consume"
 *   and says leverage amplifies gains and losses, which a notional cap would cancel: 25% of equity
 *   as margin at 5x is 125% of equity as exposure.
 * - "notional": its market value |quantity| × price, for seasons that cap exposure itself.
 */
export type PositionCapMeasure = "margin" | "notional";

export type PositionCapParameters = {
  /** Maximum share of equity per asset in basis points (seed 001: 2,500 = 25%). */
  maxShareBps: number;
  measure: PositionCapMeasure;
};

/**
 * Maximum position per asset as a share of the portfolio (seed 001: 25%). Checked on orders that
 * open or add exposure: the position after the order must be at most maxShare × the equity left
 * after the order (fee and slippage paid), both at the round's prices. Reductions always pass, even
 * when a falling equity left the position above the cap.
 */
export function createPositionCapRule({ maxShareBps, measure }: PositionCapParameters): RiskRule {
  const bps = BigInt(maxShareBps);
  return {
    id: "positionCap",
    source: "seed 001: Maximum position per asset, 25% of portfolio",
    checkOrder({ preview }) {
      if (!preview.increasesExposure) return undefined;
      const positionValue = measure === "margin" ? preview.after.margin : preview.afterNotional;
      const equity = preview.equityAfter;
      const limit = equity > 0n ? applyBps(equity, bps) : 0n;
      // positionValue / equity ≤ share, compared exactly: value × 10,000 ≤ share_bps × equity.
      if (positionValue * 10_000n <= bps * equity) return undefined;
      const symbol = preview.asset.symbol;
      return deny(
        "POSITION_CAP_EXCEEDED",
        `${symbol}: the position's ${measure} would be above ${maxShareBps / 100}% of the portfolio; reduce the size.`,
        { symbol, measure, positionValue, equity, limit, maxShareBps },
      );
    },
  };
}
