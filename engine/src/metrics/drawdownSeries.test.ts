import { describe, expect, it } from "vitest";
import { drawdownSeries } from "./drawdownSeries.ts";

describe("drawdownSeries", () => {
  it("measures each mark against the running peak, as a positive fraction", () => {
    // Peaks: 100, 120, 120, 120, 130. 90/120 = 0.75 → 0.25; 120 → 0; 130 new peak → 0.
    const series = drawdownSeries([100, 120, 90, 120, 130]);
    expect(series).toEqual([0, 0, 0.25, 0, 0]);
  });

  it("goes to 1 and beyond when equity reaches zero or below", () => {
    // 1 - 0/100 = 1; 1 - (-20)/100 = 1.2
    expect(drawdownSeries([100, 0])).toEqual([0, 1]);
    expect(drawdownSeries([100, -20])).toEqual([0, 1.2]);
  });
});
