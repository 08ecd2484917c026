import { describe, expect, it } from "vitest";
import { winRate } from "./winRate.ts";

// Five round trips: +120, -40, 0 (break-even), +30, -60.
const closedTrades = [{ pnl: 120 }, { pnl: -40 }, { pnl: 0 }, { pnl: 30 }, { pnl: -60 }];

describe("winRate", () => {
  it("counts positive trades over all closed trades; break-even is not a win", () => {
    // 2 wins (120, 30) out of 5 = 0.4
    expect(winRate({ closedTrades })).toBe(0.4);
  });

  it("is null with no closed trade", () => {
    expect(winRate({ closedTrades: [] })).toBeNull();
  });
});
