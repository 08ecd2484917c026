import { PodiumError } from "../errors/podiumError.ts";
import { formatFixed } from "../money/fixed.ts";
import { type Bar, type BarFrequency, frequencySeconds } from "./bar.ts";
import { type BarProblem, type BarProblemAction, formatBarProblems } from "./barProblem.ts";
import { formatUtcTime } from "./parseUtcTime.ts";
import type { RawBar } from "./rawBar.ts";
import { isTradingTime, nextTradingTime, type TradingCalendar, tradingCalendars } from "./tradingCalendar.ts";

/**
 * What to do with imperfect market data. Every problem is reported either way (see BarProblem).
 * - `calendar`: which times a bar is expected at; bars on closed days are off-calendar, and
 *   missing bars on closed days are not gaps (see tradingCalendar.ts).
 * - `onProblem`: `reject` fails with every problem listed; `drop` removes bad bars (misaligned,
 *   off-calendar, missing values, non-positive prices, bad volume, later duplicates), sorts bars
 *   given out of order, and leaves gaps; `forward-fill` does the same and then fills each missing
 *   bar with the previous close: open = high = low = close, volume 0, `filled: true`.
 * - `repair`: a bar whose high is below max(open, close) or low above min(open, close) is either
 *   `clamp`ed (high becomes the largest and low the smallest of the four prices; reported as
 *   clamped, even under `reject`) or `reject`ed (a problem like any other).
 * - `zeroVolume`: `allow` for close-only or volume-less series (FX fixings, indices);
 *   `problem` makes a zero volume a bad bar. Negative volume is always a bad bar.
 */
export type FillPolicy = {
  calendar: TradingCalendar;
  onProblem: "reject" | "drop" | "forward-fill";
  repair: "clamp" | "reject";
  zeroVolume: "allow" | "problem";
};

/** Strict by default: nothing is changed silently. */
export const strictFillPolicy: FillPolicy = {
  calendar: "24/7",
  onProblem: "reject",
  repair: "reject",
  zeroVolume: "allow",
};

export type ValidateBarsParameters = {
  /** The asset's symbol, named in every problem. */
  symbol: string;
  frequency: BarFrequency;
  bars: readonly RawBar[];
  policy: FillPolicy;
};

export type ValidateBarsReturnType = {
  /** Sorted, unique, aligned bars; gap-free under `forward-fill`. */
  bars: Bar[];
  /** Every problem found and what was done about it, in the order found. */
  problems: BarProblem[];
};

export type BarValidationErrorType = BarValidationError;

export class BarValidationError extends PodiumError {
  override name = "BarValidationError";
  readonly symbol: string;
  readonly problems: readonly BarProblem[];

  constructor(symbol: string, problems: readonly BarProblem[]) {
    const rejected = problems.filter((p) => p.action === "rejected");
    super(`${rejected.length} problem(s) in the bars of ${symbol}.`, {
      details: `\n${formatBarProblems(rejected)}`,
      hint:
        'Fix the source data, or choose a fill policy: onProblem "drop" removes bad bars and leaves gaps, ' +
        '"forward-fill" also fills gaps with the previous close; repair "clamp" fixes a high/low that does ' +
        'not contain open and close; calendar "weekdays" or "nyse" stops closed days counting as gaps.',
    });
    this.symbol = symbol;
    this.problems = problems;
  }
}

export type InvalidFillPolicyErrorType = InvalidFillPolicyError;

export class InvalidFillPolicyError extends PodiumError {
  override name = "InvalidFillPolicyError";
  constructor(reasons: readonly string[]) {
    super(`Invalid fill policy: ${reasons.join("; ")}.`, {
      hint: `calendar is one of ${tradingCalendars.join(", ")} ("nyse" needs daily bars); onProblem is reject, drop or forward-fill; repair is clamp or reject; zeroVolume is allow or problem.`,
    });
  }
}

function checkPolicy(policy: FillPolicy, frequency: BarFrequency): void {
  const reasons: string[] = [];
  if (!tradingCalendars.includes(policy.calendar)) reasons.push(`unknown calendar "${policy.calendar}"`);
  if (policy.calendar === "nyse" && frequency !== "1d")
    reasons.push(`calendar "nyse" is for daily bars, not ${frequency}`);
  if (!["reject", "drop", "forward-fill"].includes(policy.onProblem))
    reasons.push(`unknown onProblem "${policy.onProblem}"`);
  if (!["clamp", "reject"].includes(policy.repair)) reasons.push(`unknown repair "${policy.repair}"`);
  if (!["allow", "problem"].includes(policy.zeroVolume)) reasons.push(`unknown zeroVolume "${policy.zeroVolume}"`);
  if (reasons.length > 0) throw new InvalidFillPolicyError(reasons);
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Checks a series of raw bars against its frequency and calendar, and applies the fill policy.
 * Finds misaligned times, bars on closed days, missing values, non-positive prices, inconsistent
 * high/low, negative or zero volume, out-of-order and duplicate times, and gaps; reports all of
 * them at once. Throws BarValidationError under `reject` when anything is wrong.
 */
export function validateBars(parameters: ValidateBarsParameters): ValidateBarsReturnType {
  const { symbol, frequency, policy } = parameters;
  checkPolicy(policy, frequency);
  const step = frequencySeconds[frequency];
  const problems: BarProblem[] = [];
  const badAction: BarProblemAction = policy.onProblem === "reject" ? "rejected" : "dropped";
  const report = (raw: RawBar, kind: BarProblem["kind"], detail: string, action: BarProblemAction = badAction) =>
    problems.push({ kind, action, origin: raw.origin, time: raw.time, detail });

  // 1. Each bar on its own.
  const kept: Bar[] = [];
  const origins = new Map<Bar, string>();
  for (const raw of parameters.bars) {
    let bad = false;
    if (!Number.isSafeInteger(raw.time) || raw.time % step !== 0) {
      report(raw, "misaligned-time", `time ${raw.time} (${formatUtcTime(raw.time)}) is not on a ${frequency} boundary`);
      bad = true;
    } else if (!isTradingTime(policy.calendar, raw.time)) {
      report(raw, "off-calendar", `${formatUtcTime(raw.time)} is a closed day in the ${policy.calendar} calendar`);
      bad = true;
    }
    const { open, high, low, close, volume } = raw;
    if (open === null || high === null || low === null || close === null || volume === null) {
      const missing = (["open", "high", "low", "close", "volume"] as const).filter((key) => raw[key] === null);
      report(raw, "missing-value", `${missing.join(", ")} missing`);
      continue;
    }
    const nonPositive = (["open", "high", "low", "close"] as const).filter((key) => (raw[key] ?? 0n) <= 0n);
    if (nonPositive.length > 0) {
      const values = nonPositive.map((key) => `${key} ${formatFixed(raw[key] ?? 0n)}`).join(", ");
      report(raw, "non-positive-price", `${values}: prices must be positive`);
      bad = true;
    }
    if (volume < 0n) {
      report(raw, "negative-volume", `volume ${formatFixed(volume)} is negative`);
      bad = true;
    } else if (volume === 0n && policy.zeroVolume === "problem") {
      report(raw, "zero-volume", "volume is 0");
      bad = true;
    }
    let bar: Bar = { time: raw.time, open, high, low, close, volume };
    if (nonPositive.length === 0 && (high < max(open, close) || low > min(open, close))) {
      const detail =
        high < max(open, close)
          ? `high ${formatFixed(high)} is below max(open, close) ${formatFixed(max(open, close))}`
          : `low ${formatFixed(low)} is above min(open, close) ${formatFixed(min(open, close))}`;
      if (policy.repair === "clamp" && !bad) {
        report(raw, "inconsistent-range", `${detail}; clamped`, "clamped");
        bar = { ...bar, high: max(max(open, close), max(high, low)), low: min(min(open, close), min(high, low)) };
      } else {
        report(raw, "inconsistent-range", detail);
        bad = true;
      }
    }
    if (bad) continue;
    kept.push(bar);
    origins.set(bar, raw.origin);
  }

  // 2. Order and duplicates.
  const originOf = (bar: Bar) => origins.get(bar) ?? symbol;
  for (let i = 1; i < kept.length; i++) {
    const bar = kept[i] as Bar;
    const previous = kept[i - 1] as Bar;
    if (bar.time < previous.time) {
      problems.push({
        kind: "out-of-order",
        action: policy.onProblem === "reject" ? "rejected" : "reordered",
        origin: originOf(bar),
        time: bar.time,
        detail: `${formatUtcTime(bar.time)} comes after ${formatUtcTime(previous.time)}`,
      });
    }
  }
  const sorted = [...kept].sort((a, b) => a.time - b.time); // stable: the first of duplicates stays first
  const unique: Bar[] = [];
  for (const bar of sorted) {
    const previous = unique[unique.length - 1];
    if (previous !== undefined && previous.time === bar.time) {
      const same = previous.open === bar.open && previous.high === bar.high && previous.low === bar.low;
      const identical = same && previous.close === bar.close && previous.volume === bar.volume;
      problems.push({
        kind: "duplicate-time",
        action: policy.onProblem === "reject" ? "rejected" : "kept-first",
        origin: originOf(bar),
        time: bar.time,
        detail: `${formatUtcTime(bar.time)} also at ${originOf(previous)} (${identical ? "identical" : "different values"})`,
      });
      continue;
    }
    unique.push(bar);
  }

  // 3. Gaps against the calendar.
  const bars: Bar[] = [];
  for (const bar of unique) {
    const previous = bars[bars.length - 1];
    if (previous !== undefined) {
      let expected = nextTradingTime(policy.calendar, previous.time, step);
      if (expected < bar.time) {
        const first = expected;
        let count = 0;
        while (expected < bar.time) {
          count++;
          if (policy.onProblem === "forward-fill") {
            const c = previous.close;
            bars.push({ time: expected, open: c, high: c, low: c, close: c, volume: 0n, filled: true });
          }
          expected = nextTradingTime(policy.calendar, expected, step);
        }
        const action = policy.onProblem === "reject" ? "rejected" : policy.onProblem === "drop" ? "left" : "filled";
        problems.push({
          kind: "gap",
          action,
          origin: `${symbol} before ${originOf(bar)}`,
          time: first,
          detail: `${count} missing ${frequency} bar(s) from ${formatUtcTime(first)} to before ${formatUtcTime(bar.time)}`,
        });
      }
    }
    bars.push(bar);
  }

  if (problems.some((p) => p.action === "rejected")) throw new BarValidationError(symbol, problems);
  return { bars, problems };
}
