import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createMinPositionSizeRule } from "./minPositionSize.ts";
import { testSeason } from "./testSeason.ts";

const assets = { BTC: { assetClass: "crypto-major" as const, bars: ["100"] } };
const rules = [createMinPositionSizeRule({ minNotional: price("10") })];

describe("minPositionSize rule (seed 001: minimum position size set per season)", () => {
  it("denies opening a position worth less than the minimum", () => {
    // 0.1 × 100 = 10: at the minimum. 0.09999999 × 100 = 9.999999: below.
    expect(
      testSeason({ assets, rules }).order(0, {
        clientOrderId: "a",
        symbol: "BTC",
        side: "buy",
        quantity: FIXED_ONE / 10n,
      }).status,
    ).toBe("FILLED");
    expect(
      testSeason({ assets, rules }).order(0, {
        clientOrderId: "b",
        symbol: "BTC",
        side: "buy",
        quantity: FIXED_ONE / 10n - 1n,
      }),
    ).toMatchObject({
      denial: { reason: "BELOW_MIN_POSITION", context: { notional: price("9.999999"), minNotional: price("10") } },
    });
  });

  it("denies a reduction that leaves dust but allows closing completely", () => {
    const season = testSeason({ assets, rules });
    season.order(0, { clientOrderId: "a", symbol: "BTC", side: "buy", quantity: FIXED_ONE });
    // Selling 0.95 leaves 0.05 × 100 = 5 < 10.
    expect(
      season.order(0, { clientOrderId: "b", symbol: "BTC", side: "sell", quantity: (FIXED_ONE * 95n) / 100n }),
    ).toMatchObject({
      denial: { reason: "BELOW_MIN_POSITION" },
    });
    expect(season.order(0, { clientOrderId: "c", symbol: "BTC", side: "sell", quantity: FIXED_ONE }).status).toBe(
      "FILLED",
    );
  });
});
