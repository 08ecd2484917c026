import { describe, expect, it } from "vitest";
import { METRIC_VALUE_LIMIT } from "./metric.ts";
import { profitFactor } from "./profitFactor.ts";

// Five round trips: +120, -40, 0 (break-even), +30, -60.
const closedTrades = [{ pnl: 120 }, { pnl: -40 }, { pnl: 0 }, { pnl: 30 }, { pnl: -60 }];

describe("profitFactor", () => {
  it("divides gross profit by gross loss", () => {
    // (120 + 30) / (40 + 60) = 150 / 100 = 1.5
    expect(profitFactor({ closedTrades })).toBe(1.5);
  });

  it("is the limit with profits and no loss, null with no trade or only break-even trades", () => {
    expect(profitFactor({ closedTrades: [{ pnl: 5 }, { pnl: 0 }] })).toBe(METRIC_VALUE_LIMIT);
    expect(profitFactor({ closedTrades: [] })).toBeNull();
    expect(profitFactor({ closedTrades: [{ pnl: 0 }] })).toBeNull();
    expect(profitFactor({ closedTrades: [{ pnl: -5 }] })).toBe(0);
  });
});
