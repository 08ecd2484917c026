import { describe, expect, it } from "vitest";
import { isTradingTime, nextTradingTime, nyseHolidays, utcWeekday } from "./tradingCalendar.ts";

const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe("tradingCalendar", () => {
  it("knows the UTC weekday (1970-01-01 was a Thursday, 2024-03-02 a Saturday)", () => {
    expect(utcWeekday(0)).toBe(4);
    expect(utcWeekday(at("2024-03-02"))).toBe(6);
    expect(utcWeekday(at("2024-03-02") - 1)).toBe(5); // 23:59:59 on Friday
  });

  it("lists the NYSE holidays as published by the exchange", () => {
    // NYSE holiday calendars for 2012, 2021 and 2022 (nyse.com, "Holidays & Trading Hours"):
    // 2012 has New Year's on Monday Jan 2 (Jan 1 a Sunday) and the two Hurricane Sandy closures;
    // 2021 has Independence Day on Monday Jul 5 and Christmas on Friday Dec 24;
    // 2022 has no New Year's holiday (Jan 1 a Saturday is not made up on Dec 31, 2021),
    // Juneteenth on Monday Jun 20 and Christmas on Monday Dec 26.
    expect(nyseHolidays(2012)).toEqual([
      "2012-01-02",
      "2012-01-16",
      "2012-02-20",
      "2012-04-06",
      "2012-05-28",
      "2012-07-04",
      "2012-09-03",
      "2012-10-29",
      "2012-10-30",
      "2012-11-22",
      "2012-12-25",
    ]);
    expect(nyseHolidays(2021)).toEqual([
      "2021-01-01",
      "2021-01-18",
      "2021-02-15",
      "2021-04-02",
      "2021-05-31",
      "2021-07-05",
      "2021-09-06",
      "2021-11-25",
      "2021-12-24",
    ]);
    expect(nyseHolidays(2022)).toEqual([
      "2022-01-17",
      "2022-02-21",
      "2022-04-15",
      "2022-05-30",
      "2022-06-20",
      "2022-07-04",
      "2022-09-05",
      "2022-11-24",
      "2022-12-26",
    ]);
  });

  it("answers per calendar whether a bar is expected", () => {
    const saturday = at("2024-03-02");
    const goodFriday = at("2024-03-29");
    expect(isTradingTime("24/7", saturday)).toBe(true);
    expect(isTradingTime("weekdays", saturday)).toBe(false);
    expect(isTradingTime("weekdays", goodFriday)).toBe(true);
    expect(isTradingTime("nyse", goodFriday)).toBe(false);
    expect(isTradingTime("nyse", at("2024-03-28"))).toBe(true);
  });

  it("steps to the next expected bar over weekends and holidays", () => {
    // Thursday 2024-03-28 -> Good Friday and the weekend are closed -> Monday 2024-04-01.
    expect(nextTradingTime("nyse", at("2024-03-28"), 86_400)).toBe(at("2024-04-01"));
    expect(nextTradingTime("weekdays", at("2024-03-29"), 86_400)).toBe(at("2024-04-01"));
    // Hourly weekdays: Friday 23:00 is followed by Monday 00:00.
    expect(nextTradingTime("weekdays", at("2024-03-30") - 3600, 3600)).toBe(at("2024-04-01"));
  });
});
