import { describe, expect, it } from "vitest";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { checkMinTradeCount, countTrades } from "./minTradeCount.ts";
import { activityScript } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

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

  it("uses the trade count the caller kept instead of the log, and checks it", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "60000");
    expect(countTrades(s.activity)).toBe(1);
    expect(checkMinTradeCount(s.activity, { minTrades: 3, trades: 3 })).toBe(undefined);
    expect(checkMinTradeCount(s.activity, { minTrades: 3, trades: 0 })?.evidence).toEqual({ trades: 0, minTrades: 3 });
    const error = thrownBy(() => checkMinTradeCount(s.activity, { minTrades: 3, trades: 1.5 }));
    expect(error).toBeInstanceOf(InvalidConductInputError);
    expect((error as InvalidConductInputError).problems).toEqual(["trades 1.5 is not a non-negative integer"]);
  });
});
