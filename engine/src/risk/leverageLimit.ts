import { deny, exclude } from "../domain/denial.ts";
import type { AssetClass } from "../market/assetClass.ts";
import type { BreachAction, RiskRule } from "./riskRule.ts";

export type LeverageLimitParameters = {
  /** Maximum leverage per asset class (seed 001: 5 for crypto-major, 3 for every other class). */
  maxLeverage: Readonly<Record<AssetClass, number>>;
  /** LLMTrader denies; a tournament may fill and exclude the trade from scoring (seed 003). */
  onBreach: BreachAction;
};

/**
 * Maximum leverage per asset class (seed 001; seed 003's "Max Leverage"). Checked on orders that
 * open or add exposure, against the leverage of the resulting position; reductions pass.
 */
export function createLeverageLimitRule({ maxLeverage, onBreach }: LeverageLimitParameters): RiskRule {
  return {
    id: "leverageLimit",
    source: "seed 001: Leverage Limits (5x BTC/ETH/SOL, 3x others); seed 003: Max Leverage",
    checkOrder({ preview }) {
      if (!preview.increasesExposure) return undefined;
      const { symbol, assetClass } = preview.asset;
      const leverage = preview.after.leverage;
      const max = maxLeverage[assetClass];
      if (leverage <= max) return undefined;
      const context = { symbol, assetClass, leverage, maxLeverage: max };
      const message = `${symbol}: leverage ${leverage}x is above the ${max}x maximum for ${assetClass}.`;
      return onBreach === "deny"
        ? deny("LEVERAGE_EXCEEDED", message, context)
        : exclude("LEVERAGE_EXCEEDED", `${message} The trade is excluded from scoring.`, context);
    },
  };
}
