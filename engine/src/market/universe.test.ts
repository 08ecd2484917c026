import { describe, expect, it } from "vitest";
import { parseFixed } from "../money/fixed.ts";
import { assetClasses } from "./assetClass.ts";
import { binancePair, defaultStartPrices, llmTraderUniverse, macroArenaUniverse } from "./universe.ts";

describe("universe", () => {
  it("has LLMTrader's three majors (5x leverage tier, seed 001) and other crypto", () => {
    expect(llmTraderUniverse.filter((a) => a.assetClass === "crypto-major").map((a) => a.symbol)).toEqual([
      "BTC",
      "ETH",
      "SOL",
    ]);
    expect(llmTraderUniverse.filter((a) => a.assetClass === "crypto")).toHaveLength(6);
    expect(binancePair(llmTraderUniverse[0] as (typeof llmTraderUniverse)[number])).toBe("BTCUSDT");
  });

  it("has the macro arena's five assets in their seed 002 classes", () => {
    expect(macroArenaUniverse.map((a) => [a.symbol, a.assetClass])).toEqual([
      ["EURUSD", "fx"],
      ["SPY", "equity-etf"],
      ["TLT", "rates"],
      ["USO", "commodity"],
      ["GLD", "commodity"],
    ]);
  });

  it("uses unique upper-case symbols, known classes and a positive start price for each", () => {
    const all = [...llmTraderUniverse, ...macroArenaUniverse];
    expect(new Set(all.map((a) => a.symbol)).size).toBe(all.length);
    for (const asset of all) {
      expect(asset.symbol).toMatch(/^[A-Z0-9]+$/);
      expect(assetClasses).toContain(asset.assetClass);
      expect(parseFixed(defaultStartPrices[asset.symbol] ?? "") ?? 0n).toBeGreaterThan(0n);
    }
  });
});
