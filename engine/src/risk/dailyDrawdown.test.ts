import { describe, expect, it } from "vitest";
import { price, TEST_START } from "../broker/testDataset.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createDailyDrawdownRule } from "./dailyDrawdown.ts";
import { testSeason } from "./testSeason.ts";

const START = TEST_START - 4 * 3_600; // 20:00 UTC on day D; rounds 4 and later are on day D + 1
const buy100 = { clientOrderId: "o", symbol: "BTC", side: "buy", quantity: 100n * FIXED_ONE } as const;

function drawdownSeason(closes: string[]) {
  const season = testSeason({
    start: START,
    assets: { BTC: { assetClass: "crypto-major", bars: closes } },
    rules: [createDailyDrawdownRule({ thresholdBps: 1_000 })],
  });
  season.order(0, buy100); // 100 BTC at 100: all 10,000 of equity rides on BTC
  season.mark(0);
  return season;
}

describe("dailyDrawdown rule (seed 001: 10% in a UTC day pauses until 00:00 UTC)", () => {
  it("pauses at a 10% loss from the day's starting equity and refuses orders for the rest of the day", () => {
    // Round 2 closes at 90: equity 9,000 = 10,000 × (1 − 10%): "10% or more" pauses.
    const season = drawdownSeason(["100", "95", "90", "91", "92", "93"]);
    season.mark(1);
    expect(season.account.status).toBe("active");
    season.mark(2);
    expect(season.account).toMatchObject({ status: "paused", pauseReason: "dailyDrawdown", pausedUntil: TEST_START });
    expect(season.records.slice(-2)).toMatchObject([
      {
        type: "riskEvent",
        event: {
          kind: "dailyDrawdownPause",
          equity: price("9000"),
          dayStartEquity: price("10000"),
          pausedUntil: TEST_START,
        },
      },
      { type: "statusChanged", from: "active", to: "paused" },
    ]);
    expect(season.order(3, buy100)).toMatchObject({
      denial: { reason: "TRADING_PAUSED", context: { pausedUntil: TEST_START } },
    });
    // 00:00 UTC: the pause lifts and the new day starts from the last mark's equity (91 × 100 = 9,100).
    season.mark(3);
    const outcome = season.order(4, { clientOrderId: "p", symbol: "BTC", side: "sell", quantity: FIXED_ONE });
    expect(outcome.status).toBe("FILLED");
    expect(season.account).toMatchObject({ status: "active", dayStartEquity: price("9100") });
  });

  it("does not pause at a loss just short of 10%", () => {
    // 90.00000001 × 100 = 9,000.000001: a 9.99999999% loss.
    const season = drawdownSeason(["100", "90.00000001"]);
    season.mark(1);
    expect(season.account.status).toBe("active");
  });

  it("measures each day from its own start, counting realized and unrealized losses", () => {
    // Day D ends at 95 (equity 9,500). Day D + 1 starts from 9,500: 10% of it is 950, reached at 85.5.
    const season = drawdownSeason(["100", "100", "100", "95", "90", "85.5"]);
    for (const i of [1, 2, 3, 4]) season.mark(i);
    expect(season.account.status).toBe("active"); // 9,000 is only 5.3% below 9,500
    // Realize part of the loss: sell 50 at 85.5, then mark: equity is still 8,550.
    season.order(5, { clientOrderId: "s", symbol: "BTC", side: "sell", quantity: 50n * FIXED_ONE });
    season.mark(5);
    expect(season.account.status).toBe("paused");
    expect(season.records.find((record) => record.type === "riskEvent")).toMatchObject({
      event: { equity: price("8550"), dayStartEquity: price("9500") },
    });
  });

  it("keeps stops working while paused", () => {
    const season = testSeason({
      start: START,
      assets: { BTC: { assetClass: "crypto-major", bars: ["100", "90", ["90", "90", "80", "85"]] } },
      rules: [createDailyDrawdownRule({ thresholdBps: 1_000 })],
    });
    season.order(0, { ...buy100, stopLoss: price("82") });
    season.mark(0);
    season.mark(1);
    expect(season.account.status).toBe("paused");
    season.mark(2); // low 80 reaches the stop at 82
    expect(season.account.positions[0]).toBeUndefined();
    expect(season.account.cash).toBe(price("8200"));
  });
});
