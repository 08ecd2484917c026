import { type Denial, deny, type PositionSide } from "../domain/denial.ts";
import { applyBps, type Fixed } from "../money/fixed.ts";
import type { RiskRule } from "./riskRule.ts";

export type StopLossParameters = {
  /** Furthest a stop may be from the position's entry price, in basis points (seed 001: 800 = 8%). */
  maxDistanceBps: number;
};

/**
 * Mandatory stop-loss (seed 001): every position must carry a stop within 8% of its entry price
 * (long: stop ≥ entry × 0.92; short: stop ≤ entry × 1.08), and stops may only be tightened (a
 * long's stop only rises, a short's only falls). The entry price is the position's average entry
 * after the order, so adding to a position re-checks the distance of the stop it keeps. Orders that
 * close a position need no stop. That the stop is on the protective side of the market is checked
 * by the broker for every season.
 */
export function createStopLossRule({ maxDistanceBps }: StopLossParameters): RiskRule {
  const bps = BigInt(maxDistanceBps);

  const tooFar = (symbol: string, side: PositionSide, stopLoss: Fixed, entryPrice: Fixed): Denial | undefined => {
    const within =
      side === "long"
        ? stopLoss * 10_000n >= entryPrice * (10_000n - bps)
        : stopLoss * 10_000n <= entryPrice * (10_000n + bps);
    if (within) return undefined;
    const offset = applyBps(entryPrice, bps);
    const limitPrice = side === "long" ? entryPrice - offset : entryPrice + offset;
    return deny(
      "STOP_LOSS_TOO_FAR",
      `${symbol}: the stop-loss is more than ${maxDistanceBps / 100}% from the entry price; set it at or ${side === "long" ? "above" : "below"} ${limitPrice}.`,
      { symbol, side, stopLoss, entryPrice, limitPrice, maxDistanceBps },
    );
  };

  const widened = (symbol: string, side: PositionSide, stopLoss: Fixed, current: Fixed | undefined) => {
    if (current === undefined || (side === "long" ? stopLoss >= current : stopLoss <= current)) return undefined;
    return deny(
      "STOP_LOSS_WIDENED",
      `${symbol}: stop-losses may only be tightened (${side === "long" ? "raised" : "lowered"}), never moved away from the entry.`,
      { symbol, side, stopLoss, currentStopLoss: current },
    );
  };

  return {
    id: "stopLoss",
    source: "seed 001: Mandatory Stop-Loss within 8% of entry, tighten only",
    checkOrder({ preview }) {
      const { after, before, order } = preview;
      if (after.quantity === 0n) return undefined;
      const symbol = preview.asset.symbol;
      const side: PositionSide = after.quantity > 0n ? "long" : "short";
      if (after.stopLoss === undefined) {
        return deny("STOP_LOSS_MISSING", `${symbol}: every position needs a stop-loss; send the order with stopLoss.`, {
          symbol,
        });
      }
      const continues = preview.change === "increase" || preview.change === "reduce";
      if (continues && order.stopLoss !== undefined) {
        const denial = widened(symbol, side, order.stopLoss, before.stopLoss);
        if (denial !== undefined) return denial;
      }
      return tooFar(symbol, side, after.stopLoss, after.averageEntryPrice);
    },
    checkStopLossUpdate({ position, update }) {
      const side: PositionSide = position.quantity > 0n ? "long" : "short";
      return (
        widened(update.symbol, side, update.stopLoss, position.stopLoss) ??
        tooFar(update.symbol, side, update.stopLoss, position.averageEntryPrice)
      );
    },
  };
}
