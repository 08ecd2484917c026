import type { Account } from "../domain/account.ts";
import { type Denial, deny, type ExclusionReason } from "../domain/denial.ts";
import type { Fill } from "../domain/fill.ts";
import type { MarketRound } from "./marketTape.ts";
import { markToMarket } from "./markToMarket.ts";
import { applyPositionTrade } from "./positionTrade.ts";
import type { OrderPreview } from "./previewOrder.ts";

/**
 * The broker's last check before a fill: an order that opens or adds exposure must be covered by
 * free cash (initial margin + fee, after what any closed part releases). Unrealized profit is not
 * collateral until realized. Orders that only reduce or close are never denied for margin.
 */
export function marginDenial(preview: OrderPreview): Denial | undefined {
  if (!preview.increasesExposure || preview.cashAfter >= 0n) return undefined;
  const available = preview.cashAfter - preview.cashDelta + preview.marginReleased + preview.realizedPnl;
  const required = preview.marginPosted + preview.fee;
  return deny(
    "INSUFFICIENT_MARGIN",
    `${preview.asset.symbol}: free cash does not cover the initial margin and fee; reduce the size or raise the leverage.`,
    { symbol: preview.asset.symbol, required, available },
  );
}

export type ExecuteOrderParameters = {
  account: Account;
  preview: OrderPreview;
  round: MarketRound;
  exclusions?: readonly ExclusionReason[] | undefined;
};

/** Fills a previewed order (FILLED), then re-marks the account at the round's order prices. */
export function executeOrder({ account, preview, round, exclusions }: ExecuteOrderParameters): Fill {
  const wasMarked = account.markedAt === round.orderPrices;
  const fill = applyPositionTrade({
    account,
    trade: preview,
    kind: "order",
    round: round.index,
    time: round.time,
    clientOrderId: preview.order.clientOrderId,
    exclusions,
  });
  account.orderFillCount++;
  if (wasMarked) {
    // Only the traded position moved: mark it at the round's price; the preview has the equity.
    const position = account.positions[preview.asset.index];
    if (position !== undefined) {
      position.markPrice = preview.referencePrice;
    }
    account.equity = preview.equityAfter;
    account.markedAt = round.orderPrices;
  } else {
    markToMarket(account, round.orderPrices);
  }
  return fill;
}
