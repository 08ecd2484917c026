import { describe, expect, it } from "vitest";
import { FIXED_ONE } from "../money/fixed.ts";
import { createMarketAccessRule, type MarketAccessParameters } from "./marketAccess.ts";
import { testSeason } from "./testSeason.ts";

const assets = {
  BTC: { assetClass: "crypto-major" as const, bars: ["100"] },
  ETH: { assetClass: "crypto-major" as const, bars: ["10"] },
  DOGE: { assetClass: "crypto" as const, bars: ["0.1"] },
};
const outcome = (parameters: MarketAccessParameters, symbol: string) =>
  testSeason({ assets, rules: [createMarketAccessRule(parameters)] }).order(0, {
    clientOrderId: "o",
    symbol,
    side: "buy",
    quantity: FIXED_ONE,
  });

describe("marketAccess rule (seed 003: allowed and blocked markets)", () => {
  it("with allowed markets, refuses the others", () => {
    const rule = { allowed: ["BTC", "ETH"], onBreach: "deny" } as const;
    expect(outcome(rule, "BTC").status).toBe("FILLED");
    expect(outcome(rule, "DOGE")).toMatchObject({
      denial: { reason: "MARKET_NOT_ALLOWED", context: { symbol: "DOGE", allowedMarkets: ["BTC", "ETH"] } },
    });
  });

  it("with blocked markets, refuses those", () => {
    const rule = { blocked: ["DOGE"], onBreach: "deny" } as const;
    expect(outcome(rule, "ETH").status).toBe("FILLED");
    expect(outcome(rule, "DOGE")).toMatchObject({ denial: { reason: "MARKET_BLOCKED" } });
  });

  it("gives allowed markets priority when both lists are set", () => {
    // ETH is both allowed and blocked: allowed wins. DOGE is only blocked but not allowed: refused as not allowed.
    const rule = { allowed: ["BTC", "ETH"], blocked: ["ETH", "DOGE"], onBreach: "deny" } as const;
    expect(outcome(rule, "ETH").status).toBe("FILLED");
    expect(outcome(rule, "DOGE")).toMatchObject({ denial: { reason: "MARKET_NOT_ALLOWED" } });
  });

  it("in exclude mode, fills the order and marks it excluded from scoring", () => {
    const result = outcome({ allowed: ["BTC"], onBreach: "excludeFromScoring" }, "ETH");
    expect(result).toMatchObject({ status: "FILLED", exclusions: ["MARKET_NOT_ALLOWED"] });
    expect(result.status === "FILLED" && result.fill.excludedFromScoring).toBe(true);
    const blocked = outcome({ blocked: ["DOGE"], onBreach: "excludeFromScoring" }, "DOGE");
    expect(blocked).toMatchObject({ status: "FILLED", exclusions: ["MARKET_BLOCKED"] });
  });
});
