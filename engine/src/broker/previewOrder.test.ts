import { describe, expect, it } from "vitest";
import type { Denial } from "../domain/denial.ts";
import type { Order } from "../domain/order.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { testSeason } from "../risk/testSeason.ts";
import { previewOrder } from "./previewOrder.ts";
import { price } from "./testDataset.ts";

const btcBars = { BTC: { assetClass: "crypto-major" as const, bars: [["90", "101", "89", "100"] as const, "120"] } };
const buy = (quantity: bigint, extra: Partial<Order> = {}): Order =>
  ({ clientOrderId: "o", symbol: "BTC", side: "buy", quantity, ...extra }) as Order;

function preview(order: Order, broker = {}) {
  const season = testSeason({ broker, assets: btcBars });
  return {
    season,
    result: previewOrder({
      account: season.account,
      order,
      round: season.round(0),
      universe: season.tape.universe,
      config: season.engine.broker,
    }),
  };
}
const reasonOf = (result: unknown) => (result as Denial).reason;

describe("previewOrder", () => {
  it("fills at the close or the open of the round's bar, slippage against the taker", () => {
    // Close 100, 10 bps: 100.1. Open 90, 10 bps: 90.09.
    expect(preview(buy(FIXED_ONE), { slippageBps: 10 }).result).toMatchObject({ price: price("100.1") });
    expect(preview(buy(FIXED_ONE), { slippageBps: 10, fillPrice: "open" }).result).toMatchObject({
      price: price("90.09"),
    });
  });

  it("works out cash and equity: equity after = before − fee − slippage cost", () => {
    // Buy 1 at 100.1 (10 bps slippage), fee 5 bps = 0.05005, leverage 2: margin 50.05.
    // Cash 10,000 − 50.05 − 0.05005 = 9,949.89995; marked at 100: unrealized −0.1;
    // equity 9,949.89995 + 50.05 − 0.1 = 9,999.84995 = 10,000 − 0.05005 − 0.1.
    const { result } = preview(buy(FIXED_ONE, { leverage: 2 }), { slippageBps: 10, feeBps: 5 });
    expect(result).toMatchObject({
      referencePrice: price("100"),
      fee: price("0.05005"),
      marginPosted: price("50.05"),
      cashAfter: price("9949.89995"),
      equityBefore: price("10000"),
      equityAfter: price("9999.84995"),
      afterNotional: price("100"),
      increasesExposure: true,
    });
  });

  it("sizes a notional order as notional ÷ fill price, rounded to 8 decimals", () => {
    // 1,000 / 100.1 = 9.990009990009… → 9.99000999.
    const { result } = preview(
      { clientOrderId: "n", symbol: "BTC", side: "buy", notional: 1_000n * FIXED_ONE },
      { slippageBps: 10 },
    );
    expect(result).toMatchObject({ quantity: price("9.99000999") });
  });

  it("denies malformed orders with INVALID_ORDER saying what is wrong", () => {
    const cases: [unknown, RegExp][] = [
      [buy(0n), /quantity must be a positive/],
      [
        { clientOrderId: "o", symbol: "BTC", side: "buy", quantity: FIXED_ONE, notional: FIXED_ONE },
        /exactly one of quantity and notional/,
      ],
      [{ clientOrderId: "o", symbol: "BTC", side: "buy" }, /exactly one of quantity and notional/],
      [buy(FIXED_ONE, { leverage: 2.333 }), /at most two decimals/],
      [buy(FIXED_ONE, { leverage: 0.5 }), /leverage must be a number from 1 to 100/],
      [{ clientOrderId: "o", symbol: "BTC", side: "long", quantity: FIXED_ONE }, /side must be "buy" or "sell"/],
      [buy(FIXED_ONE, { stopLoss: -1n }), /stopLoss must be a positive/],
      [
        { clientOrderId: "o", symbol: "BTC", side: "buy", quantity: 1.5 },
        /quantity must be a positive fixed-point bigint/,
      ],
      [{ clientOrderId: "o", symbol: "BTC", side: "buy", notional: 1n }, /below one unit of quantity/],
    ];
    for (const [order, message] of cases) {
      const { result } = preview(order as Order);
      expect(reasonOf(result)).toBe("INVALID_ORDER");
      expect((result as Denial).message).toMatch(message);
    }
  });

  it("denies an unknown symbol", () => {
    const { result } = preview({ clientOrderId: "o", symbol: "DOGE", side: "buy", quantity: FIXED_ONE });
    expect(result).toMatchObject({ reason: "UNKNOWN_ASSET", context: { symbol: "DOGE" } });
  });

  it("denies a stop on the wrong side of the market and stops where the season offers none", () => {
    // A long's stop at or above the price (100) would fire at once.
    expect(preview(buy(FIXED_ONE, { stopLoss: price("100") })).result).toMatchObject({
      reason: "STOP_LOSS_WRONG_SIDE",
      context: { side: "long", marketPrice: price("100") },
    });
    const short = {
      clientOrderId: "o",
      symbol: "BTC",
      side: "sell",
      quantity: FIXED_ONE,
      stopLoss: price("99"),
    } as const;
    expect(reasonOf(preview(short).result)).toBe("STOP_LOSS_WRONG_SIDE");
    expect(reasonOf(preview(buy(FIXED_ONE, { stopLoss: price("95") }), { stopOrders: false }).result)).toBe(
      "STOP_ORDERS_NOT_OFFERED",
    );
  });

  it("denies adding to a position at another leverage, and keeps the position's leverage by default", () => {
    const season = testSeason({ assets: btcBars });
    season.order(0, buy(FIXED_ONE, { leverage: 2 }));
    const round = season.round(1);
    const run = (order: Order) =>
      previewOrder({
        account: season.account,
        order,
        round,
        universe: season.tape.universe,
        config: season.engine.broker,
      });
    expect(run(buy(FIXED_ONE, { leverage: 3 }))).toMatchObject({
      reason: "LEVERAGE_MISMATCH",
      context: { leverage: 3, positionLeverage: 2 },
    });
    // Without leverage the increase posts margin at 2x: 1 × 120 / 2 = 60.
    expect(run(buy(FIXED_ONE))).toMatchObject({ change: "increase", marginPosted: price("60") });
    // A reduction ignores the leverage it is sent with.
    expect(
      run({ clientOrderId: "r", symbol: "BTC", side: "sell", quantity: FIXED_ONE / 2n, leverage: 5 }),
    ).toMatchObject({
      change: "reduce",
    });
  });
});
