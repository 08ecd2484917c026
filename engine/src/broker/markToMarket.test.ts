import { describe, expect, it } from "vitest";
import { computeEquity, createAccount, grossNotional } from "../domain/account.ts";
import { type Position, positionUnrealizedPnl } from "../domain/position.ts";
import type { TradableAsset } from "../domain/universe.ts";
import { FIXED_ONE, mulFixed } from "../money/fixed.ts";
import { markToMarket } from "./markToMarket.ts";
import { applyPositionTrade, computePositionTrade } from "./positionTrade.ts";
import { price } from "./testDataset.ts";

const assets: TradableAsset[] = [
  { index: 0, symbol: "BTC", assetClass: "crypto-major" },
  { index: 1, symbol: "ETH", assetClass: "crypto-major" },
];

describe("markToMarket", () => {
  it("marks each position at its price: equity = cash + Σ (margin + unrealized)", () => {
    const account = createAccount({ entrantId: "a", startingCapital: 10_000n * FIXED_ONE, assetCount: 2 });
    const open = (index: number, delta: bigint, at: string, leverage: number) =>
      applyPositionTrade({
        account,
        trade: computePositionTrade({
          asset: assets[index] as TradableAsset,
          position: account.positions[index],
          delta,
          price: price(at),
          leverage,
          stopLoss: undefined,
          feeBps: 0n,
        }),
        kind: "order",
        round: 0,
        time: 0,
      });
    open(0, price("0.5"), "40000", 5); // long 0.5 BTC, margin 20,000 / 5 = 4,000
    open(1, price("-3"), "2000", 2); // short 3 ETH, margin 6,000 / 2 = 3,000
    // Cash 10,000 − 4,000 − 3,000 = 3,000. At BTC 42,000 and ETH 2,100:
    // BTC unrealized 0.5 × 2,000 = 1,000; ETH unrealized −3 × 100 = −300; equity 3,000 + 7,000 + 700 = 10,700.
    const equity = markToMarket(account, [price("42000"), price("2100")]);
    expect(equity).toBe(price("10700"));
    expect(positionUnrealizedPnl(account.positions[0] as Position)).toBe(price("1000"));
    expect(positionUnrealizedPnl(account.positions[1] as Position)).toBe(price("-300"));
    expect(computeEquity(account)).toBe(equity);
    // Gross market value: 0.5 × 42,000 + 3 × 2,100 = 27,300.
    expect(grossNotional(account)).toBe(price("27300"));
  });

  it("rounds unrealized P&L exactly like mulFixed, on both signs", () => {
    const account = createAccount({ entrantId: "a", startingCapital: 100n * FIXED_ONE, assetCount: 1 });
    account.positions[0] = {
      symbol: "BTC",
      assetIndex: 0,
      quantity: price("0.33333333"),
      averageEntryPrice: price("1.5"),
      stopLoss: undefined,
      leverage: 1,
      margin: 0n,
      markPrice: 0n,
      realizedPnl: 0n,
      fees: 0n,
      openedAtRound: 0,
      excludedFromScoring: false,
    };
    account.openPositionCount = 1;
    for (const mark of ["1.50000001", "1.49999999", "2.25", "0.75", "1.5"]) {
      markToMarket(account, [price(mark)]);
      expect(positionUnrealizedPnl(account.positions[0] as Position)).toBe(
        mulFixed(price("0.33333333"), price(mark) - price("1.5")),
      );
    }
    // 0.33333333 × 0.75 = 0.2499999975 → 0.25 (half away from zero); −0.2499999975 → −0.25.
    markToMarket(account, [price("2.25")]);
    expect(positionUnrealizedPnl(account.positions[0] as Position)).toBe(price("0.25"));
    markToMarket(account, [price("0.75")]);
    expect(positionUnrealizedPnl(account.positions[0] as Position)).toBe(price("-0.25"));
  });

  it("values a flat account at its cash", () => {
    const account = createAccount({ entrantId: "a", startingCapital: 5n * FIXED_ONE, assetCount: 1 });
    account.cash = 4n * FIXED_ONE;
    expect(markToMarket(account, [price("1")])).toBe(4n * FIXED_ONE);
  });
});
