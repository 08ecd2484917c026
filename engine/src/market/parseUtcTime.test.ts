import { describe, expect, it } from "vitest";
import { formatUtcTime, parseUtcTime } from "./parseUtcTime.ts";

describe("parseUtcTime", () => {
  it("reads ISO dates and date-times as UTC", () => {
    // 2017-08-17 is day 17,395 since 1970-01-01 (47 years incl. 12 leap days = 17,167 days, plus
    // 228 days to Aug 17): 17,395 × 86,400 = 1,502,928,000, the open time Binance gives BTCUSDT's first day.
    expect(parseUtcTime("2017-08-17")).toEqual({ time: 1_502_928_000 });
    expect(parseUtcTime("2017-08-17T04:00:00Z")).toEqual({ time: 1_502_928_000 + 4 * 3600 });
    expect(parseUtcTime("2017-08-17 04:00")).toEqual({ time: 1_502_928_000 + 4 * 3600 });
    expect(parseUtcTime("2017-08-17T04:00:00.000Z")).toEqual({ time: 1_502_928_000 + 4 * 3600 });
    // 06:00+02:00 is 04:00 UTC.
    expect(parseUtcTime("2017-08-17T06:00:00+02:00")).toEqual({ time: 1_502_928_000 + 4 * 3600 });
  });

  it("reads unix milliseconds (12+ digits) and seconds", () => {
    expect(parseUtcTime("1502928000000")).toEqual({ time: 1_502_928_000 });
    expect(parseUtcTime("1502928000")).toEqual({ time: 1_502_928_000 });
  });

  it("says why a text is not a timestamp", () => {
    expect(parseUtcTime("undefined")).toEqual({ error: expect.stringContaining("neither an ISO 8601") });
    expect(parseUtcTime("2021-02-29")).toEqual({ error: expect.stringContaining("not a calendar date") });
    expect(parseUtcTime("2021-02-01T24:00:00Z")).toEqual({ error: expect.stringContaining("not a time of day") });
    expect(parseUtcTime("1502928000500")).toEqual({ error: expect.stringContaining("not a whole second") });
    expect(parseUtcTime("2021-02-01T10:00:00.5Z")).toEqual({ error: expect.stringContaining("fraction") });
  });

  it("formats times back to ISO without milliseconds", () => {
    expect(formatUtcTime(1_502_928_000)).toBe("2017-08-17T00:00:00Z");
    // A broken time in an error message is shown as it is rather than throwing.
    expect(formatUtcTime(Number.NaN)).toBe("NaN");
  });
});
