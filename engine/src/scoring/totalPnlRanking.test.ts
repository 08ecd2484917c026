import { describe, expect, it } from "vitest";
import { parseFixed } from "../money/fixed.ts";
import { rankByTotalPnl } from "./totalPnlRanking.ts";

const usd = (text: string) => parseFixed(text) as bigint;

describe("rankByTotalPnl (seed 002: ranked by total P&L, realized + unrealized)", () => {
  it("ranks exactly in fixed point, down to one unit of the last decimal", () => {
    const ranked = rankByTotalPnl({
      entries: [
        { entrantId: "team-a", totalPnl: usd("-250000") },
        { entrantId: "team-b", totalPnl: usd("12345.00000001") },
        { entrantId: "team-c", totalPnl: usd("12345") },
      ],
    });
    expect(ranked.map((r) => [r.entrantId, r.rank])).toEqual([
      ["team-b", 1],
      ["team-c", 2],
      ["team-a", 3],
    ]);
  });

  it("keeps registration order for equal P&L", () => {
    const ranked = rankByTotalPnl({
      entries: [
        { entrantId: "second-registered", totalPnl: 0n },
        { entrantId: "winner", totalPnl: 5n },
        { entrantId: "third-registered", totalPnl: 0n },
      ],
    });
    expect(ranked.map((r) => r.entrantId)).toEqual(["winner", "second-registered", "third-registered"]);
  });

  it("rejects a team listed twice", () => {
    expect(() =>
      rankByTotalPnl({
        entries: [
          { entrantId: "t", totalPnl: 1n },
          { entrantId: "t", totalPnl: 2n },
        ],
      }),
    ).toThrow(/entrantId "t" appears more than once/);
  });
});
