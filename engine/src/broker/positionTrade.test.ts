import { describe, expect, it } from "vitest";
import { createAccount } from "../domain/account.ts";
import type { TradableAsset } from "../domain/universe.ts";
import { FIXED_ONE, type Fixed } from "../money/fixed.ts";
import { applyPositionTrade, computePositionTrade, initialMargin } from "./positionTrade.ts";
import { price } from "./testDataset.ts";

const btc: TradableAsset = { index: 0, symbol: "BTC", assetClass: "crypto-major" };
const units = (value: string | number) => price(value);

function book() {
  return createAccount({ entrantId: "a", startingCapital: 10_000n * FIXED_ONE, assetCount: 1 });
}

function trade(account: ReturnType<typeof book>, delta: Fixed, at: string, leverage = 1, feeBps = 0n) {
  const computed = computePositionTrade({
    asset: btc,
    position: account.positions[0],
    delta,
    price: price(at),
    leverage,
    stopLoss: undefined,
    feeBps,
  });
  const fill = applyPositionTrade({ account, trade: computed, kind: "order", round: 0, time: 0 });
  return { computed, fill };
}

describe("initialMargin", () => {
  it("is notional / leverage with one rounding half away from zero", () => {
    // 1 × 100 / 2 = 50; 1 × 100 / 3 = 33.333333333… → 33.33333333; 2 × 100 / 2.5 = 80.
    expect(initialMargin(units(1), price("100"), 2)).toBe(price("50"));
    expect(initialMargin(units(1), price("100"), 3)).toBe(price("33.33333333"));
    expect(initialMargin(units(-2), price("100"), 2.5)).toBe(price("80"));
    // 2 × 0.00000001 / 3 = 0.0000000066… → 1 unit (0.67 rounds up).
    expect(initialMargin(units(2), 1n, 3)).toBe(1n);
  });
});

describe("computePositionTrade / applyPositionTrade", () => {
  it("opens a long: margin leaves cash, the fee is paid, entry is the fill price", () => {
    const account = book();
    // Buy 2 at 100 with 2x leverage and a 5 bps fee: notional 200, margin 100, fee 200 × 0.0005 = 0.1.
    const { computed, fill } = trade(account, units(2), "100", 2, 5n);
    expect(computed.change).toBe("open");
    expect(computed.marginPosted).toBe(price("100"));
    expect(computed.fee).toBe(price("0.1"));
    expect(account.cash).toBe(price("9899.9")); // 10,000 − 100 − 0.1
    expect(account.positions[0]).toMatchObject({
      quantity: units(2),
      averageEntryPrice: price("100"),
      margin: price("100"),
    });
    expect(fill).toMatchObject({ side: "buy", quantity: units(2), notional: price("200"), positionAfter: units(2) });
    expect(fill.closedTradePnl).toBeUndefined();
  });

  it("increases at a quantity-weighted average entry and adds margin at the position's leverage", () => {
    const account = book();
    trade(account, units(1), "100", 2);
    // (1 × 100 + 3 × 120) / 4 = 115; margin 50 + 3 × 120 / 2 = 50 + 180 = 230.
    const { computed } = trade(account, units(3), "120", 5);
    expect(computed.change).toBe("increase");
    expect(account.positions[0]).toMatchObject({
      quantity: units(4),
      averageEntryPrice: price("115"),
      margin: price("230"),
      leverage: 2,
    });
    expect(account.cash).toBe(price("9770")); // 10,000 − 230
  });

  it("rounds the average entry half away from zero", () => {
    const account = book();
    trade(account, units(1), "100");
    // (1 × 100 + 2 × 100.00000001) / 3 = 100.0000000066… → 100.00000001.
    trade(account, units(2), "100.00000001");
    expect(account.positions[0]?.averageEntryPrice).toBe(price("100.00000001"));
  });

  it("reduces: realizes P&L on the closed part and releases margin pro rata", () => {
    const account = book();
    trade(account, units(4), "100", 2); // margin 200, cash 9,800
    // Sell 1 at 110: realized 1 × (110 − 100) = 10; released 200 × 1/4 = 50.
    const { computed, fill } = trade(account, units(-1), "110", 2);
    expect(computed).toMatchObject({ change: "reduce", realizedPnl: price("10"), marginReleased: price("50") });
    expect(account.cash).toBe(price("9860")); // 9,800 + 50 + 10
    expect(account.positions[0]).toMatchObject({
      quantity: units(3),
      averageEntryPrice: price("100"),
      margin: price("150"),
    });
    expect(account.realizedPnl).toBe(price("10"));
    expect(fill.closedTradePnl).toBeUndefined();
  });

  it("closes: releases all margin and reports the round trip's P&L net of every fee", () => {
    const account = book();
    trade(account, units(2), "100", 1, 10n); // fee 200 × 0.001 = 0.2
    trade(account, units(-1), "90", 1, 10n); // realized 1 × (90 − 100) = −10, fee 0.09
    // Close 1 at 80: realized −20, fee 0.08; round trip = −10 − 20 − (0.2 + 0.09 + 0.08) = −30.37.
    const { computed, fill } = trade(account, units(-1), "80", 1, 10n);
    expect(computed.change).toBe("close");
    expect(fill.closedTradePnl).toBe(price("-30.37"));
    expect(account.positions[0]).toBeUndefined();
    expect(account.openPositionCount).toBe(0);
    // Cash: 10,000 − 30 (realized) − 0.37 (fees): all margin is back.
    expect(account.cash).toBe(price("9969.63"));
  });

  it("flips a long into a short: closes the old position and opens the rest at the new leverage", () => {
    const account = book();
    trade(account, units(1), "100", 2); // margin 50
    // Sell 3 at 120, leverage 3: closes 1 (realized +20, releases 50), opens 2 short at 120 with margin 240 / 3 = 80.
    const { computed, fill } = trade(account, units(-3), "120", 3);
    expect(computed).toMatchObject({
      change: "flip",
      closedQuantity: units(1),
      openedQuantity: units(2),
      realizedPnl: price("20"),
    });
    expect(account.positions[0]).toMatchObject({
      quantity: units(-2),
      averageEntryPrice: price("120"),
      margin: price("80"),
      leverage: 3,
    });
    expect(fill.closedTradePnl).toBe(price("20"));
    expect(account.cash).toBe(price("9940")); // 10,000 − 50 + 50 + 20 − 80
  });

  it("splits a flip's fee between the closed and the opened quantity", () => {
    const account = book();
    trade(account, units(1), "100", 1, 10n); // fee 0.1
    // Sell 3 at 100 with 10 bps: fee 0.3, of which closing 1 × 100 × 0.001 = 0.1; round trip −0.1 − 0.1 = −0.2.
    const { computed, fill } = trade(account, units(-3), "100", 1, 10n);
    expect(computed.closingFee).toBe(price("0.1"));
    expect(fill.closedTradePnl).toBe(price("-0.2"));
    expect(account.positions[0]?.fees).toBe(price("0.2")); // the opening part of the fee
  });

  it("handles shorts: profit when the price falls", () => {
    const account = book();
    trade(account, units(-2), "50", 1); // margin 100
    // Buy back 2 at 40: realized −2 × (40 − 50) = +20.
    const { computed } = trade(account, units(2), "40", 1);
    expect(computed.realizedPnl).toBe(price("20"));
    expect(account.cash).toBe(price("10020"));
  });
});
