import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createHardStopRule } from "./hardStop.ts";
import { testSeason } from "./testSeason.ts";

function run(closes: string[]) {
  const season = testSeason({
    frequency: "1d",
    startingCapital: 10_000_000n * FIXED_ONE,
    assets: { SPY: { assetClass: "equity-etf", bars: closes } },
    rules: [createHardStopRule({ minCumulativePnl: price("-1000000") })],
  });
  season.order(0, { clientOrderId: "o", symbol: "SPY", side: "buy", quantity: 100_000n * FIXED_ONE });
  for (let i = 0; i < closes.length; i++) season.mark(i);
  return season;
}

describe("hardStop rule (seed 002: cumulative P&L below -$1,000,000 eliminates)", () => {
  it("survives at exactly -$1,000,000 ('falls below' is strict)", () => {
    // 100,000 SPY from 100 to 90: P&L −1,000,000.
    expect(run(["100", "90"]).account.status).toBe("active");
  });

  it("eliminates below it, liquidates, and refuses every later order", () => {
    // 89.99999999: P&L −1,000,000.001.
    const season = run(["100", "89.99999999", "120"]);
    expect(season.account).toMatchObject({ status: "eliminated", finalAtRound: 1 });
    expect(season.records[1]).toMatchObject({
      event: { kind: "hardStopElimination", cumulativePnl: price("-1000000.001"), minCumulativePnl: price("-1000000") },
    });
    expect(season.account.equity).toBe(price("8999999.999"));
    expect(season.order(2, { clientOrderId: "x", symbol: "SPY", side: "buy", quantity: FIXED_ONE })).toMatchObject({
      denial: { reason: "ENTRANT_ELIMINATED", context: { atRound: 1 } },
    });
  });
});
