import { deny, exclude } from "../domain/denial.ts";
import type { BreachAction, RiskRule } from "./riskRule.ts";

export type MarketAccessParameters = {
  /** Only these markets count (seed 003, "Allowed Markets"). Takes priority over `blocked`. */
  allowed?: readonly string[] | undefined;
  /** These markets do not count (seed 003, "Blocked Markets"). */
  blocked?: readonly string[] | undefined;
  /** Deny the order, or fill it and exclude its position from scoring (seed 003's semantics). */
  onBreach: BreachAction;
};

/**
 * Allowed and blocked markets (seed 003). When allowed markets are set they decide alone ("allowed
 * markets take priority"): a symbol on both lists is allowed, a symbol missing from the allowed
 * list is not. Otherwise a blocked symbol is refused. Applies to every order, reductions included.
 */
export function createMarketAccessRule({ allowed, blocked, onBreach }: MarketAccessParameters): RiskRule {
  const allowedSet = allowed === undefined ? undefined : new Set(allowed);
  const blockedSet = new Set(blocked ?? []);
  const allowedMarkets = allowed ?? [];
  return {
    id: "marketAccess",
    source: "seed 003: Market Restrictions (allowed / blocked markets, allowed take priority)",
    checkOrder({ preview }) {
      const symbol = preview.asset.symbol;
      if (allowedSet !== undefined) {
        if (allowedSet.has(symbol)) return undefined;
        const message = `${symbol} is not among the allowed markets (${allowedMarkets.join(", ")}).`;
        return onBreach === "deny"
          ? deny("MARKET_NOT_ALLOWED", message, { symbol, allowedMarkets })
          : exclude("MARKET_NOT_ALLOWED", `${message} The trade is excluded from scoring.`, { symbol, allowedMarkets });
      }
      if (!blockedSet.has(symbol)) return undefined;
      const message = `${symbol} is a blocked market.`;
      return onBreach === "deny"
        ? deny("MARKET_BLOCKED", message, { symbol })
        : exclude("MARKET_BLOCKED", `${message} The trade is excluded from scoring.`, { symbol });
    },
  };
}
