import type { Account } from "../domain/account.ts";
import type { RiskEvent } from "../domain/riskEvent.ts";
import type { TradableAsset } from "../domain/universe.ts";
import type { MarketRound } from "./marketTape.ts";
import { applyPositionTrade, computePositionTrade } from "./positionTrade.ts";

/**
 * Executes the stop-loss of every position the round's bar reaches, before the round's mark.
 *
 * - A long's stop is reached when the bar's low is at or below it, a short's when the high is at
 *   or above it; the position is closed at the stop price.
 * - Gap rule: when the bar OPENS beyond the stop (long: open ≤ stop; short: open ≥ stop) the stop
 *   could not have filled at its price, so the position closes at the open, the worse price.
 * - No slippage is added to a stop fill (its price is the stop or the open); the fee applies.
 * - `gapsOnly`: only the gap fills at the open. When orders fill at the open, the risk engine runs
 *   this before them (a resting stop executes at the open ahead of the agent's order), then the
 *   full check over the bar's range at the mark.
 *
 * Calls `onEvent` with a `stopLossTriggered` event (carrying the fill) for each stop hit, in asset
 * order, and returns how many fired.
 */
export function triggerStopLosses(
  account: Account,
  round: MarketRound,
  assets: readonly TradableAsset[],
  feeBps: bigint,
  onEvent: (event: RiskEvent) => void,
  gapsOnly = false,
): number {
  if (account.openPositionCount === 0) return 0;
  let fired = 0;
  const positions = account.positions;
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    if (position === undefined || position.stopLoss === undefined) continue;
    const bar = round.bars[i];
    if (bar === undefined) continue;
    const stop = position.stopLoss;
    const long = position.quantity > 0n;
    const gap = long ? bar.open <= stop : bar.open >= stop;
    if (!gap && (gapsOnly || (long ? bar.low > stop : bar.high < stop))) continue;
    const price = gap ? bar.open : stop;
    const trade = computePositionTrade({
      asset: assets[i] as TradableAsset,
      position,
      delta: -position.quantity,
      price,
      leverage: position.leverage,
      stopLoss: undefined,
      feeBps,
    });
    const fill = applyPositionTrade({ account, trade, kind: "stopLoss", round: round.index, time: round.time });
    fired++;
    onEvent({
      kind: "stopLossTriggered",
      symbol: position.symbol,
      side: long ? "long" : "short",
      stopLoss: stop,
      gap,
      fill,
    });
  }
  return fired;
}
