import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createSeasonDrawdownRule } from "./seasonDrawdown.ts";
import { testSeason } from "./testSeason.ts";

function run(closes: string[]) {
  const season = testSeason({
    frequency: "1d",
    assets: { BTC: { assetClass: "crypto-major", bars: closes } },
    rules: [createSeasonDrawdownRule({ thresholdBps: 4_000 })],
  });
  season.order(0, { clientOrderId: "o", symbol: "BTC", side: "buy", quantity: 100n * FIXED_ONE });
  for (let i = 0; i < closes.length; i++) season.mark(i);
  return season;
}

describe("seasonDrawdown rule (seed 001: 40% from the high-water mark terminates)", () => {
  it("terminates at 40% below the high-water mark, liquidates, and freezes the entrant", () => {
    // Equity peaks at 120 × 100 = 12,000; 72 × 100 = 7,200 is 40% below it. Later prices no longer matter.
    const season = run(["100", "120", "72", "150"]);
    expect(season.account).toMatchObject({ status: "terminated", finalAtRound: 2, highWaterMark: price("12000") });
    expect(season.account.openPositionCount).toBe(0);
    expect(season.account.equity).toBe(price("7200"));
    const types = season.records.map((record) => record.type);
    expect(types).toEqual(["orderFilled", "riskEvent", "forcedLiquidation", "statusChanged"]);
    expect(season.records[1]).toMatchObject({
      event: {
        kind: "seasonDrawdownTermination",
        equity: price("7200"),
        highWaterMark: price("12000"),
        thresholdBps: 4_000,
      },
    });
    expect(season.order(3, { clientOrderId: "x", symbol: "BTC", side: "buy", quantity: FIXED_ONE })).toMatchObject({
      denial: { reason: "ENTRANT_TERMINATED", context: { atRound: 2 } },
    });
  });

  it("does not terminate one unit short of 40%", () => {
    // 72.00000001 × 100 = 7,200.000001: 39.99999999…% below 12,000.
    const season = run(["100", "120", "72.00000001"]);
    expect(season.account.status).toBe("active");
  });
});
