import { describe, expect, it } from "vitest";
import { price, testDataset } from "../broker/testDataset.ts";
import type { AssetObservation } from "./roundObservation.ts";
import {
  CARRIED_CLOSES,
  rememberVisibleCloses,
  seriesCloses,
  visibleCloses,
  visibleClosesAt,
} from "./visibleCloses.ts";

const dataset = testDataset({ assets: { BTC: { assetClass: "crypto-major", bars: ["100", "100.5", "99.25"] } } });
const series = dataset.bars.BTC ?? [];

describe("visible closes", () => {
  it("converts a series' closes to floats once", () => {
    const closes = seriesCloses(series);
    expect(closes).toEqual([100, 100.5, 99.25]);
    expect(seriesCloses(series)).toBe(closes);
  });

  it("gives an asset observation's closes: the ones its builder remembered, else its bars converted", () => {
    const asset = { bars: series.slice(1) } as AssetObservation;
    const converted = visibleCloses(asset);
    expect(converted).toEqual([100.5, 99.25]);
    expect(visibleCloses(asset)).toBe(converted);
    const remembered = [1, 2];
    const other = { bars: [{ ...series[0], close: price("1") }] } as AssetObservation;
    rememberVisibleCloses(other, remembered);
    expect(visibleCloses(other)).toBe(remembered);
    // Closes an observation carries (a non-enumerable property) come before both.
    const carried = [7];
    const carrier = Object.defineProperty({ bars: [] }, CARRIED_CLOSES, { value: { closes: carried } });
    expect(visibleCloses(carrier as unknown as AssetObservation)).toBe(carried);
  });

  it("looks an assets array's closes up by index, once per array", () => {
    const first = { bars: series.slice(0, 1) } as AssetObservation;
    const second = { bars: series.slice(1) } as AssetObservation;
    const assets = [first, second];
    expect(visibleClosesAt(assets, 1)).toBe(visibleCloses(second));
    expect(visibleClosesAt(assets, 0)).toEqual([100]);
    // Another round's array: looked up again.
    expect(visibleClosesAt([second], 0)).toBe(visibleCloses(second));
    expect(visibleClosesAt(assets, 0)).toBe(visibleCloses(first));
  });
});
