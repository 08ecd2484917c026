import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import type { Order } from "../domain/order.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createPositionCapRule } from "./positionCap.ts";
import { testSeason } from "./testSeason.ts";

const bars = { BTC: { assetClass: "crypto-major" as const, bars: ["100", "50"] } };
const buy = (quantity: bigint, leverage = 5): Order => ({
  clientOrderId: "o",
  symbol: "BTC",
  side: "buy",
  quantity,
  leverage,
});

describe("positionCap rule (seed 001: 25% of the portfolio per asset)", () => {
  it("measured as margin: allows exactly 25% of equity and denies one unit more", () => {
    const margin = () =>
      testSeason({ assets: bars, rules: [createPositionCapRule({ maxShareBps: 2_500, measure: "margin" })] });
    // 125 BTC × 100 / 5x = 2,500 of margin = 25% of 10,000.
    expect(margin().order(0, buy(125n * FIXED_ONE)).status).toBe("FILLED");
    // 125.00000001 × 100 / 5 = 2,500.0000002 > 2,500.
    const outcome = margin().order(0, buy(125n * FIXED_ONE + 1n));
    expect(outcome).toMatchObject({
      status: "CANCELLED",
      denial: {
        reason: "POSITION_CAP_EXCEEDED",
        context: {
          measure: "margin",
          positionValue: price("2500.0000002"),
          equity: price("10000"),
          limit: price("2500"),
        },
      },
    });
  });

  it("compares with the equity left after the order's fee", () => {
    const season = testSeason({
      broker: { feeBps: 10 },
      assets: bars,
      rules: [createPositionCapRule({ maxShareBps: 2_500, measure: "margin" })],
    });
    // 125 BTC: notional 12,500, fee 12.5 → equity 9,987.5, cap 2,496.875 < 2,500 of margin.
    expect(season.order(0, buy(125n * FIXED_ONE))).toMatchObject({
      denial: { reason: "POSITION_CAP_EXCEEDED", context: { equity: price("9987.5"), limit: price("2496.875") } },
    });
  });

  it("measured as notional: 25% of equity in market value whatever the leverage", () => {
    const rules = [createPositionCapRule({ maxShareBps: 2_500, measure: "notional" })];
    // 25 BTC × 100 = 2,500 = 25% of 10,000; 25.00000001 × 100 = 2,500.000001 is above it.
    expect(testSeason({ assets: bars, rules }).order(0, buy(25n * FIXED_ONE)).status).toBe("FILLED");
    expect(testSeason({ assets: bars, rules }).order(0, buy(25n * FIXED_ONE + 1n))).toMatchObject({
      denial: { reason: "POSITION_CAP_EXCEEDED", context: { positionValue: price("2500.000001") } },
    });
  });

  it("lets a position left above the cap by a falling equity be reduced but not increased", () => {
    const season = testSeason({
      assets: bars,
      rules: [createPositionCapRule({ maxShareBps: 2_500, measure: "margin" })],
    });
    season.order(0, buy(125n * FIXED_ONE));
    // At 50 the position lost 6,250: equity 3,750, its 2,500 of margin is 67% of it.
    expect(season.order(1, buy(FIXED_ONE)).status).toBe("CANCELLED");
    expect(season.order(1, { clientOrderId: "r", symbol: "BTC", side: "sell", quantity: 10n * FIXED_ONE }).status).toBe(
      "FILLED",
    );
  });
});
