import { describe, expect, it } from "vitest";
import { checkMinTradeCount } from "./minTradeCount.ts";
import { activityScript } from "./testing/activityScript.ts";

describe("minimum trade count (seed 003)", () => {
  it("counts the agent's filled orders, not denied intents or the risk engine's stop executions", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "60000"); // trade 1
    s.order(1, "BTC", "1", "59000", { fill: false }); // denied: not a trade
    s.riskClose(2, "BTC", "58000"); // stop hit: not the agent's trade
    s.order(3, "ETH", "1", "3000"); // trade 2
    expect(checkMinTradeCount(s.activity, { minTrades: 3 })).toEqual({
      requirement: "min-trade-count",
      reason: "Made 2 trades; the tournament requires at least 3.",
      evidence: { trades: 2, minTrades: 3 },
    });
    expect(checkMinTradeCount(s.activity, { minTrades: 2 })).toBe(undefined);
  });
});
