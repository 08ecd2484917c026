import { describe, expect, it } from "vitest";
import { parseFixed } from "../money/fixed.ts";
import type { RawBar } from "./rawBar.ts";
import { BarValidationError, type FillPolicy, InvalidFillPolicyError, validateBars } from "./validateBars.ts";

const HOUR = 3600;
const DAY = 86_400;
// 2024-01-01T00:00:00Z, a Monday.
const T0 = 1_704_067_200;

const fx = (text: string) => {
  const value = parseFixed(text);
  if (value === undefined) throw new Error(`bad test number ${text}`);
  return value;
};

/** A raw bar from decimal strings ("" = missing); origin names the test row. */
function raw(time: number, ohlcv: string, origin = `row@${time}`): RawBar {
  const [open, high, low, close, volume] = ohlcv.split(" ").map((v) => (v === "-" ? null : fx(v)));
  return {
    time,
    open: open ?? null,
    high: high ?? null,
    low: low ?? null,
    close: close ?? null,
    volume: volume ?? null,
    origin,
  };
}

const policy = (overrides: Partial<FillPolicy> = {}): FillPolicy => ({
  calendar: "24/7",
  onProblem: "reject",
  repair: "reject",
  zeroVolume: "allow",
  ...overrides,
});

describe("validateBars", () => {
  it("passes a clean hourly series through unchanged with no problems", () => {
    const bars = [raw(T0, "100 101 99 100.5 10"), raw(T0 + HOUR, "100.5 102 100 101 12")];
    const result = validateBars({ symbol: "BTC", frequency: "1h", bars, policy: policy() });
    expect(result.problems).toEqual([]);
    expect(result.bars).toEqual([
      { time: T0, open: fx("100"), high: fx("101"), low: fx("99"), close: fx("100.5"), volume: fx("10") },
      { time: T0 + HOUR, open: fx("100.5"), high: fx("102"), low: fx("100"), close: fx("101"), volume: fx("12") },
    ]);
  });

  it("rejects with every problem listed at once, not only the first", () => {
    const bars = [
      raw(T0, "100 101 99 100 10", "a.csv line 2"),
      raw(T0 + 1800, "100 101 99 100 10", "a.csv line 3"), // half past: misaligned
      raw(T0 + HOUR, "100 - 99 100 10", "a.csv line 4"), // high missing
      raw(T0 + 2 * HOUR, "0 101 99 100 10", "a.csv line 5"), // open 0
      raw(T0 + 3 * HOUR, "100 101 99 100 -1", "a.csv line 6"), // negative volume
      raw(T0 + 4 * HOUR, "100 99.5 99 100 10", "a.csv line 7"), // high below open/close
      raw(T0 + 5 * HOUR, "100 101 99 100 10", "a.csv line 8"),
      raw(T0 + 5 * HOUR, "100 101 99 100 10", "a.csv line 9"), // duplicate
      raw(T0 + 4 * HOUR, "100 101 99 100 10", "a.csv line 10"), // out of order
    ];
    let error: unknown;
    try {
      validateBars({ symbol: "BTC", frequency: "1h", bars, policy: policy() });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BarValidationError);
    const problems = (error as BarValidationError).problems;
    expect(problems.map((p) => [p.kind, p.origin])).toEqual([
      ["misaligned-time", "a.csv line 3"],
      ["missing-value", "a.csv line 4"],
      ["non-positive-price", "a.csv line 5"],
      ["negative-volume", "a.csv line 6"],
      ["inconsistent-range", "a.csv line 7"],
      ["out-of-order", "a.csv line 10"],
      ["duplicate-time", "a.csv line 9"],
      // The bars kept in reject mode are at T0, 4h (line 10) and 5h: 1h..3h are a gap of 3.
      ["gap", "BTC before a.csv line 10"],
    ]);
    expect(problems.every((p) => p.action === "rejected")).toBe(true);
    expect((error as Error).message).toContain("8 problem(s) in the bars of BTC");
    expect((error as Error).message).toContain("a.csv line 4: missing-value: high missing");
    expect((error as Error).message).toContain("Hint:");
  });

  it("drops bad bars and leaves the gaps under the drop policy", () => {
    const bars = [
      raw(T0, "100 101 99 100 10"),
      raw(T0 + HOUR, "100 101 99 - 10"),
      raw(T0 + 2 * HOUR, "-5 101 99 100 10"),
      raw(T0 + 3 * HOUR, "100 102 98 101 10"),
    ];
    const result = validateBars({ symbol: "ETH", frequency: "1h", bars, policy: policy({ onProblem: "drop" }) });
    expect(result.bars.map((b) => b.time)).toEqual([T0, T0 + 3 * HOUR]);
    expect(result.problems.map((p) => [p.kind, p.action])).toEqual([
      ["missing-value", "dropped"],
      ["non-positive-price", "dropped"],
      ["gap", "left"],
    ]);
    expect(result.problems[2]?.detail).toBe(
      "2 missing 1h bar(s) from 2024-01-01T01:00:00Z to before 2024-01-01T03:00:00Z",
    );
  });

  it("forward-fills missing bars with the previous close, flat, zero volume and marked filled", () => {
    const bars = [raw(T0, "100 101 99 100.25 10"), raw(T0 + 3 * HOUR, "100 102 98 101 10")];
    const result = validateBars({
      symbol: "SOL",
      frequency: "1h",
      bars,
      policy: policy({ onProblem: "forward-fill" }),
    });
    const c = fx("100.25");
    expect(result.bars).toEqual([
      { time: T0, open: fx("100"), high: fx("101"), low: fx("99"), close: c, volume: fx("10") },
      { time: T0 + HOUR, open: c, high: c, low: c, close: c, volume: 0n, filled: true },
      { time: T0 + 2 * HOUR, open: c, high: c, low: c, close: c, volume: 0n, filled: true },
      { time: T0 + 3 * HOUR, open: fx("100"), high: fx("102"), low: fx("98"), close: fx("101"), volume: fx("10") },
    ]);
    expect(result.problems).toMatchObject([{ kind: "gap", action: "filled", time: T0 + HOUR }]);
  });

  it("does not count weekends as gaps on the weekdays calendar, and drops weekend bars", () => {
    // Fri 2024-01-05, Sat 2024-01-06 (injected), Mon 2024-01-08.
    const friday = T0 + 4 * DAY;
    const bars = [
      raw(friday, "1.1 1.1 1.1 1.1 0"),
      raw(friday + DAY, "1.2 1.2 1.2 1.2 0"),
      raw(friday + 3 * DAY, "1.3 1.3 1.3 1.3 0"),
    ];
    const result = validateBars({
      symbol: "EURUSD",
      frequency: "1d",
      bars,
      policy: policy({ calendar: "weekdays", onProblem: "forward-fill" }),
    });
    expect(result.bars.map((b) => b.time)).toEqual([friday, friday + 3 * DAY]);
    expect(result.problems.map((p) => [p.kind, p.action])).toEqual([["off-calendar", "dropped"]]);
  });

  it("knows NYSE holidays: Good Friday 2024 is not a gap, a missing Thursday is", () => {
    const wednesday = Date.parse("2024-03-27T00:00:00Z") / 1000;
    const bars = [raw(wednesday, "500 501 499 500 1"), raw(wednesday + 5 * DAY, "505 506 504 505 1")]; // Wed, Mon
    const result = validateBars({
      symbol: "SPY",
      frequency: "1d",
      bars,
      policy: policy({ calendar: "nyse", onProblem: "forward-fill" }),
    });
    // Only Thursday 2024-03-28 is filled: Friday 29th is Good Friday, then the weekend.
    expect(result.bars.map((b) => [b.time, b.filled ?? false])).toEqual([
      [wednesday, false],
      [wednesday + DAY, true],
      [wednesday + 5 * DAY, false],
    ]);
  });

  it("clamps a high/low that does not contain open and close when repair is clamp", () => {
    // Shaped like SPY 2015-03-05 in real Yahoo data, where the low is above the open.
    const bars = [raw(T0, "210.01 210.60 210.05 210.50 100", "SPY.csv line 5")];
    const result = validateBars({ symbol: "SPY", frequency: "1d", bars, policy: policy({ repair: "clamp" }) });
    // low becomes min(open, high, low, close) = 210.01; high stays max = 210.60.
    expect(result.bars[0]).toMatchObject({ low: fx("210.01"), high: fx("210.6") });
    expect(result.problems).toEqual([
      {
        kind: "inconsistent-range",
        action: "clamped",
        origin: "SPY.csv line 5",
        time: T0,
        detail: "low 210.05 is above min(open, close) 210.01; clamped",
      },
    ]);
  });

  it("sorts bars given out of order and keeps the first of duplicates under drop", () => {
    const bars = [raw(T0 + HOUR, "2 2 2 2 1", "r1"), raw(T0, "1 1 1 1 1", "r2"), raw(T0, "9 9 9 9 1", "r3")];
    const result = validateBars({ symbol: "X", frequency: "1h", bars, policy: policy({ onProblem: "drop" }) });
    expect(result.bars.map((b) => [b.time, b.close])).toEqual([
      [T0, fx("1")],
      [T0 + HOUR, fx("2")],
    ]);
    expect(result.problems.map((p) => [p.kind, p.action, p.origin])).toEqual([
      ["out-of-order", "reordered", "r2"],
      ["duplicate-time", "kept-first", "r3"],
    ]);
    expect(result.problems[1]?.detail).toContain("also at r2 (different values)");
  });

  it("treats zero volume as a problem only when asked", () => {
    const bars = [raw(T0, "1 1 1 1 0")];
    expect(validateBars({ symbol: "X", frequency: "1h", bars, policy: policy() }).bars).toHaveLength(1);
    expect(() =>
      validateBars({ symbol: "X", frequency: "1h", bars, policy: policy({ zeroVolume: "problem" }) }),
    ).toThrow(/zero-volume: volume is 0/);
  });

  it("reports every mistake in the policy itself at once", () => {
    const bad = {
      calendar: "nyse",
      onProblem: "ignore",
      repair: "clamp",
      zeroVolume: "maybe",
    } as unknown as FillPolicy;
    expect(() => validateBars({ symbol: "X", frequency: "1h", bars: [], policy: bad })).toThrow(InvalidFillPolicyError);
    expect(() => validateBars({ symbol: "X", frequency: "1h", bars: [], policy: bad })).toThrow(
      'Invalid fill policy: calendar "nyse" is for daily bars, not 1h; unknown onProblem "ignore"; unknown zeroVolume "maybe".',
    );
  });
});
