import type { Account } from "../domain/account.ts";
import type { Fill } from "../domain/fill.ts";
import type { TradableAsset } from "../domain/universe.ts";
import type { Fixed } from "../money/fixed.ts";
import type { BrokerConfig } from "./brokerConfig.ts";
import { markToMarket } from "./markToMarket.ts";
import { applyPositionTrade, computePositionTrade } from "./positionTrade.ts";
import { slippedPrice } from "./slippedPrice.ts";

export type LiquidatePositionsParameters = {
  account: Account;
  assets: readonly TradableAsset[];
  /** Prices to close at before slippage, by asset index (the mark's closes, or the round's order prices). */
  prices: readonly Fixed[];
  config: BrokerConfig;
  round: number;
  time: number;
};

/**
 * Closes every open position with a market order at `prices` (slippage against the entrant and the
 * fee apply, as for any market order), in asset order, then re-marks the account (its equity is
 * then its cash). Returns the fills.
 */
export function liquidatePositions(parameters: LiquidatePositionsParameters): Fill[] {
  const { account, assets, prices, config, round, time } = parameters;
  const fills: Fill[] = [];
  for (let i = 0; i < account.positions.length; i++) {
    const position = account.positions[i];
    if (position === undefined) continue;
    const trade = computePositionTrade({
      asset: assets[i] as TradableAsset,
      position,
      delta: -position.quantity,
      price: slippedPrice(prices[i] as Fixed, position.quantity > 0n ? "sell" : "buy", config.slippageBps),
      leverage: position.leverage,
      stopLoss: undefined,
      feeBps: config.feeBps,
    });
    fills.push(applyPositionTrade({ account, trade, kind: "liquidation", round, time }));
  }
  markToMarket(account, prices);
  return fills;
}
