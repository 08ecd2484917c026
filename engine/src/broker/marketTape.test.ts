import { describe, expect, it } from "vitest";
import type { Dataset } from "../market/dataset.ts";
import { createMarketTape, EmptyDatasetError } from "./marketTape.ts";
import { price, TEST_START, testDataset } from "./testDataset.ts";

describe("createMarketTape", () => {
  it("lays out each round's bars, order prices and closes by asset index", () => {
    const dataset = testDataset({
      assets: {
        BTC: { assetClass: "crypto-major", bars: [["100", "110", "90", "105"]] },
        ETH: { assetClass: "crypto-major", bars: [["10", "11", "9", "10.5"]] },
      },
    });
    const atOpen = createMarketTape(dataset, "open").rounds[0];
    const atClose = createMarketTape(dataset, "close").rounds[0];
    expect(atOpen?.orderPrices).toEqual([price("100"), price("10")]);
    expect(atClose?.orderPrices).toEqual([price("105"), price("10.5")]);
    expect(atOpen?.closes).toEqual([price("105"), price("10.5")]);
    // 2024-01-01 00:00 UTC is day 19,723 since the epoch (1,704,067,200 / 86,400).
    expect(atOpen).toMatchObject({ index: 0, time: TEST_START, day: 19_723 });
  });

  it("finds the next trading day: hourly bars across midnight", () => {
    // Bars at 22:00, 23:00, 00:00 and 01:00: the first two belong to day D, the others to D + 1.
    const start = TEST_START - 2 * 3_600;
    const tape = createMarketTape(
      testDataset({ start, assets: { BTC: { assetClass: "crypto-major", bars: [1, 1, 1, 1] } } }),
      "close",
    );
    expect([0, 1, 2, 3].map((i) => tape.nextTradingDayStart(i))).toEqual([
      TEST_START,
      TEST_START,
      undefined,
      undefined,
    ]);
  });

  it("finds the next trading day across a weekend gap in daily bars", () => {
    const friday = TEST_START + 4 * 86_400; // 2024-01-05 was a Friday
    const base = testDataset({
      frequency: "1d",
      start: friday,
      assets: { SPY: { assetClass: "equity-etf", bars: [1, 2, 3] } },
    });
    const times = [friday, friday + 3 * 86_400, friday + 4 * 86_400]; // Friday, Monday, Tuesday
    const dataset: Dataset = {
      ...base,
      times,
      bars: { SPY: (base.bars.SPY ?? []).map((bar, i) => ({ ...bar, time: times[i] as number })) },
    };
    const tape = createMarketTape(dataset, "close");
    expect(tape.nextTradingDayStart(0)).toBe(friday + 3 * 86_400);
    expect(tape.nextTradingDayStart(1)).toBe(friday + 4 * 86_400);
    expect(tape.nextTradingDayStart(2)).toBeUndefined();
  });

  it("refuses a dataset without rounds or with a short series", () => {
    const empty = testDataset({ assets: { BTC: { assetClass: "crypto-major", bars: [] } } });
    expect(() => createMarketTape(empty, "close")).toThrow(EmptyDatasetError);
    const base = testDataset({ assets: { BTC: { assetClass: "crypto-major", bars: [1, 2] } } });
    const short: Dataset = { ...base, bars: { BTC: (base.bars.BTC ?? []).slice(0, 1) } };
    expect(() => createMarketTape(short, "close")).toThrow(/BTC lacks bars/);
  });
});
