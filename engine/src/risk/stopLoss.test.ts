import { describe, expect, it } from "vitest";
import { price } from "../broker/testDataset.ts";
import type { Order } from "../domain/order.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createStopLossRule } from "./stopLoss.ts";
import { type TestSeasonParameters, testSeason } from "./testSeason.ts";

const assets = { BTC: { assetClass: "crypto-major" as const, bars: ["100", "120", "120"] } };
const season = (extra: Partial<TestSeasonParameters> = {}) =>
  testSeason({ assets, rules: [createStopLossRule({ maxDistanceBps: 800 })], ...extra });
const order = (side: "buy" | "sell", quantity: bigint, stopLoss?: string): Order =>
  stopLoss === undefined
    ? { clientOrderId: "o", symbol: "BTC", side, quantity }
    : { clientOrderId: "o", symbol: "BTC", side, quantity, stopLoss: price(stopLoss) };

describe("stopLoss rule (seed 001: mandatory, within 8% of entry, tighten only)", () => {
  it("refuses a position without a stop-loss", () => {
    expect(season().order(0, order("buy", FIXED_ONE))).toMatchObject({
      denial: { reason: "STOP_LOSS_MISSING", context: { symbol: "BTC" } },
    });
  });

  it("allows a long's stop down to entry × 0.92 and a short's up to entry × 1.08 (seed 001's $92 / $108)", () => {
    expect(season().order(0, order("buy", FIXED_ONE, "92")).status).toBe("FILLED");
    expect(season().order(0, order("buy", FIXED_ONE, "91.99999999"))).toMatchObject({
      denial: {
        reason: "STOP_LOSS_TOO_FAR",
        context: { side: "long", entryPrice: price("100"), limitPrice: price("92"), maxDistanceBps: 800 },
      },
    });
    expect(season().order(0, order("sell", FIXED_ONE, "108")).status).toBe("FILLED");
    expect(season().order(0, order("sell", FIXED_ONE, "108.00000001"))).toMatchObject({
      denial: { reason: "STOP_LOSS_TOO_FAR", context: { side: "short", limitPrice: price("108") } },
    });
  });

  it("measures from the entry price actually paid (slippage included)", () => {
    // Fill 100 × 1.001 = 100.1: the furthest stop is 100.1 × 0.92 = 92.092.
    const slipped = () => season({ broker: { slippageBps: 10 } });
    expect(slipped().order(0, order("buy", FIXED_ONE, "92.09"))).toMatchObject({
      denial: { reason: "STOP_LOSS_TOO_FAR", context: { entryPrice: price("100.1"), limitPrice: price("92.092") } },
    });
    expect(slipped().order(0, order("buy", FIXED_ONE, "92.092")).status).toBe("FILLED");
  });

  it("re-checks the kept stop against the new average entry when a position is increased", () => {
    const s = season();
    s.order(0, order("buy", FIXED_ONE, "92"));
    // Adding 1 at 120 makes the average entry 110; the furthest stop becomes 110 × 0.92 = 101.2.
    expect(s.order(1, order("buy", FIXED_ONE))).toMatchObject({
      denial: { reason: "STOP_LOSS_TOO_FAR", context: { entryPrice: price("110"), limitPrice: price("101.2") } },
    });
    expect(s.order(1, order("buy", FIXED_ONE, "101.2")).status).toBe("FILLED");
    expect(s.account.positions[0]?.stopLoss).toBe(price("101.2"));
  });

  it("refuses a widening carried by an order and lets reductions and closes through without a stop", () => {
    const s = season();
    s.order(0, order("buy", 2n * FIXED_ONE, "95"));
    expect(s.order(0, order("buy", FIXED_ONE, "94"))).toMatchObject({
      denial: { reason: "STOP_LOSS_WIDENED", context: { stopLoss: price("94"), currentStopLoss: price("95") } },
    });
    expect(s.order(0, order("sell", FIXED_ONE)).status).toBe("FILLED");
    expect(s.order(0, order("sell", FIXED_ONE)).status).toBe("FILLED");
    expect(s.account.openPositionCount).toBe(0);
  });

  it("needs a new stop when an order flips the position", () => {
    const s = season();
    s.order(0, order("buy", FIXED_ONE, "95"));
    expect(s.order(0, order("sell", 3n * FIXED_ONE))).toMatchObject({ denial: { reason: "STOP_LOSS_MISSING" } });
    expect(s.order(0, order("sell", 3n * FIXED_ONE, "105")).status).toBe("FILLED");
  });

  it("moves stops only closer: a long's up, a short's down", () => {
    const long = season();
    long.order(0, order("buy", FIXED_ONE, "92"));
    const move = (s: ReturnType<typeof season>, to: string, round = 1) =>
      s.engine.updateStopLoss(
        s.account,
        s.round(round),
        { clientOrderId: "m", symbol: "BTC", stopLoss: price(to) },
        s.records,
      );
    expect(move(long, "110")).toBeUndefined();
    expect(long.account.positions[0]?.stopLoss).toBe(price("110"));
    expect(move(long, "109.99999999")).toMatchObject({
      reason: "STOP_LOSS_WIDENED",
      context: { side: "long", currentStopLoss: price("110") },
    });
    expect(long.records.at(-1)).toMatchObject({
      type: "stopLossUpdateDenied",
      denial: { reason: "STOP_LOSS_WIDENED" },
    });
    expect(long.records.at(-2)).toMatchObject({ type: "stopLossUpdated", previousStopLoss: price("92") });

    const short = season();
    short.order(0, order("sell", FIXED_ONE, "108"));
    expect(move(short, "107", 0)).toBeUndefined();
    expect(move(short, "107.5", 0)).toMatchObject({ reason: "STOP_LOSS_WIDENED", context: { side: "short" } });
  });

  it("refuses a stop update past the market price or for a flat asset", () => {
    const s = season();
    const move = (to: string) =>
      s.engine.updateStopLoss(
        s.account,
        s.round(0),
        { clientOrderId: "m", symbol: "BTC", stopLoss: price(to) },
        s.records,
      );
    expect(move("95")).toMatchObject({ reason: "NO_POSITION" });
    s.order(0, order("buy", FIXED_ONE, "95"));
    expect(move("100")).toMatchObject({ reason: "STOP_LOSS_WRONG_SIDE", context: { marketPrice: price("100") } });
  });
});
