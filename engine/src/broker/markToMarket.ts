import type { Account } from "../domain/account.ts";
import { FIXED_ONE, type Fixed } from "../money/fixed.ts";

const HALF = FIXED_ONE / 2n;

/**
 * Marks every open position at `prices` (indexed like the universe) and returns the new equity:
 * equity = cash + Σ (margin + unrealized P&L), the unrealized P&L being quantity × (price −
 * averageEntryPrice) rounded half away from zero (positionUnrealizedPnl). A flat account's equity is its cash.
 */
export function markToMarket(account: Account, prices: readonly Fixed[]): Fixed {
  account.markedAt = prices;
  if (account.openPositionCount === 0) {
    account.equity = account.cash;
    return account.cash;
  }
  let equity = account.cash;
  const positions = account.positions;
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    if (position === undefined) continue;
    const price = prices[i] as Fixed;
    const raw = position.quantity * (price - position.averageEntryPrice);
    position.markPrice = price;
    equity += position.margin + (raw >= 0n ? (raw + HALF) / FIXED_ONE : (raw - HALF) / FIXED_ONE);
  }
  account.equity = equity;
  return equity;
}
