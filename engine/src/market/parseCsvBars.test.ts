import { describe, expect, it } from "vitest";
import { parseFixed } from "../money/fixed.ts";
import { CsvBarsError, parseCsvBars } from "./parseCsvBars.ts";

const fx = (text: string) => parseFixed(text);
// 2017-08-17T04:00:00Z = 1,502,928,000 (2017-08-17 00:00 UTC, see parseUtcTime.test.ts) + 4 h.
const T = 1_502_942_400;

describe("parseCsvBars", () => {
  it("reads the exchange layout with ISO UTC timestamps, exactly from the decimal text", () => {
    const text = [
      "timestamp,open,high,low,close,volume",
      "2017-08-17T04:00:00Z,4261.48,4313.62,4261.32,4308.83,47.181009",
      "2017-08-17T05:00:00Z,4308.83,4328.69,4291.37,4315.32,23.234916",
    ].join("\n");
    const result = parseCsvBars({ text, source: "BTC.csv" });
    expect(result.layout).toBe("time=timestamp open=open high=high low=low close=close volume=volume");
    expect(result.bars).toEqual([
      {
        time: T,
        open: 426_148_000_000n,
        high: 431_362_000_000n,
        low: 426_132_000_000n,
        close: 430_883_000_000n,
        volume: 4_718_100_900n,
        origin: "BTC.csv line 2",
      },
      {
        time: T + 3600,
        open: fx("4308.83"),
        high: fx("4328.69"),
        low: fx("4291.37"),
        close: fx("4315.32"),
        volume: fx("23.234916"),
        origin: "BTC.csv line 3",
      },
    ]);
  });

  it("reads unix millisecond timestamps", () => {
    const text = "timestamp,open,high,low,close,volume\n1502942400000,1,2,0.5,1.5,10\n";
    expect(parseCsvBars({ text, source: "x.csv" }).bars[0]?.time).toBe(T);
  });

  it("reads the Yahoo layout, ignoring Adj Close, with null rows as missing values", () => {
    const text = [
      "Date,Open,High,Low,Close,Adj Close,Volume",
      "2015-03-05,210.529999,210.649994,210.580002,210.589996,188.926468,76468000",
      "2015-03-06,null,null,null,null,null,null",
    ].join("\r\n");
    const { bars, layout } = parseCsvBars({ text, source: "SPY.csv" });
    expect(layout).toBe("time=Date open=Open high=High low=Low close=Close volume=Volume");
    // 2015-03-05 00:00 UTC: 16,499 days after 1970-01-01 (45 years incl. 11 leap days = 16,436, + 63).
    expect(bars[0]).toMatchObject({ time: 16_499 * 86_400, close: 21_058_999_600n, volume: 7_646_800_000_000_000n });
    expect(bars[1]).toMatchObject({ open: null, high: null, low: null, close: null, volume: null });
  });

  it("reads a headerless Binance bulk file by position", () => {
    const text =
      "1502942400000,4261.48000000,4313.62000000,4261.32000000,4308.83000000,47.18100900,1502945999999,203042.0,171,35.16,151857.1,0\n";
    const { bars, layout } = parseCsvBars({ text, source: "BTCUSDT-1h-2017-08.csv" });
    expect(layout).toMatch(/^headerless/);
    expect(bars[0]).toMatchObject({ time: T, open: fx("4261.48"), volume: fx("47.181009") });
  });

  it("makes a close-only series flat with zero volume", () => {
    const { bars } = parseCsvBars({ text: "date,price\n2000-01-03,1455.22\n", source: "sp.csv" });
    const c = fx("1455.22");
    expect(bars[0]).toMatchObject({ open: c, high: c, low: c, close: c, volume: 0n });
  });

  it("lists every unreadable row with file, line and column, then can skip them instead", () => {
    const text = [
      "timestamp,open,high,low,close,volume",
      "2017-08-17T04:00:00Z,1,2,0.5,1.5,10",
      "not-a-date,1,2,0.5,1.5,10",
      "2017-08-17T06:00:00Z,1,2,abc,1.5,1e3",
      "2017-08-17T07:00:00Z,1,2",
    ].join("\n");
    let error: unknown;
    try {
      parseCsvBars({ text, source: "bad.csv" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CsvBarsError);
    expect((error as CsvBarsError).shortMessage).toBe("3 unreadable row(s) in bad.csv.");
    expect((error as CsvBarsError).problems.map((p) => `${p.origin}: ${p.detail}`)).toEqual([
      'bad.csv line 3: column timestamp: "not-a-date" is neither an ISO 8601 UTC date/time nor a unix time in seconds or milliseconds',
      'bad.csv line 4: column low: "abc" is not a plain decimal number',
      'bad.csv line 4: column volume: "1e3" is not a plain decimal number',
      "bad.csv line 5: 3 column(s), expected at least 6",
    ]);

    const skipped = parseCsvBars({ text, source: "bad.csv", onBadRow: "skip" });
    expect(skipped.bars.map((b) => b.origin)).toEqual(["bad.csv line 2"]);
    expect(skipped.skipped.map((p) => p.action)).toEqual(["dropped", "dropped", "dropped", "dropped"]);
  });

  it("says which columns an unknown header lacks", () => {
    expect(() => parseCsvBars({ text: "when,open,high,close\n", source: "odd.csv" })).toThrow(
      'odd.csv has an unrecognized header "when,open,high,close": missing a time column (timestamp, date, time, datetime or open time); all of open, high and low (or none of them, for a close-only series).',
    );
    expect(() => parseCsvBars({ text: "", source: "empty.csv" })).toThrow("empty.csv has no rows.");
  });
});
