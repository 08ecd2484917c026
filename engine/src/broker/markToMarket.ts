import type { Account } from "../domain/account.ts";
import { FIXED_ONE, type Fixed } from "../money/fixed.ts";

const HALF = FIXED_ONE / 2n;

/**
 * Marks every open position at `prices` (indexed like the universe) and returns the new equity:
 * unrealizedPnl = quantity × (price − averageEntryPrice), rounded half away from zero (the same
 * value as mulFixed, inlined because this is the per-mark hot path), and
 * equity = cash + Σ (margin + unrealizedPnl). A flat account's equity is its cash, with no bigint work.
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
    const unrealized = raw >= 0n ? (raw + HALF) / FIXED_ONE : (raw - HALF) / FIXED_ONE;
    position.markPrice = price;
    position.unrealizedPnl = unrealized;
    equity += position.margin + unrealized;
  }
  account.equity = equity;
  return equity;
}
