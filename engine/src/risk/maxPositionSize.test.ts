import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createMaxPositionSizeRule } from "./maxPositionSize.ts";
import { testSeason } from "./testSeason.ts";

const assets = { BTC: { assetClass: "crypto-major" as const, bars: ["100", "200"] } };

describe("maxPositionSize rule (seed 003: maximum USD value per position)", () => {
  it("caps the position's market value after the order, at the round's price", () => {
    const rules = [createMaxPositionSizeRule({ maxNotional: price("5000") })];
    // 50 × 100 = 5,000: at the cap. 50.00000001 × 100 = 5,000.000001: above.
    expect(
      testSeason({ assets, rules }).order(0, {
        clientOrderId: "a",
        symbol: "BTC",
        side: "buy",
        quantity: 50n * FIXED_ONE,
      }).status,
    ).toBe("FILLED");
    expect(
      testSeason({ assets, rules }).order(0, {
        clientOrderId: "b",
        symbol: "BTC",
        side: "buy",
        quantity: 50n * FIXED_ONE + 1n,
      }),
    ).toMatchObject({
      denial: {
        reason: "MAX_POSITION_USD_EXCEEDED",
        context: { notional: price("5000.000001"), maxNotional: price("5000") },
      },
    });
  });

  it("counts what is already held, and lets a position grown by the price be reduced", () => {
    const season = testSeason({ assets, rules: [createMaxPositionSizeRule({ maxNotional: price("5000") })] });
    season.order(0, { clientOrderId: "a", symbol: "BTC", side: "buy", quantity: 30n * FIXED_ONE });
    // Adding 21 makes 51 × 100 = 5,100.
    expect(season.order(0, { clientOrderId: "b", symbol: "BTC", side: "buy", quantity: 21n * FIXED_ONE }).status).toBe(
      "CANCELLED",
    );
    // At 200 the 30 held are worth 6,000: selling 5 is allowed although 25 × 200 = 5,000 is still at the cap.
    expect(season.order(1, { clientOrderId: "c", symbol: "BTC", side: "sell", quantity: 5n * FIXED_ONE }).status).toBe(
      "FILLED",
    );
  });
});
