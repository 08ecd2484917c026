import type { AgentActivity, DecisionOutcome } from "./agentActivity.ts";
import { InvalidConductInputError, requireWholeLog } from "./invalidConductInputError.ts";

/** A season's span in unix seconds, `end` exclusive, on whole UTC hours. */
export type SeasonWindow = { start: number; end: number };

export const HOUR_SECONDS = 3_600;

/**
 * Seed 003's "active hours". An hour is a UTC clock hour of the season window; it is active when
 * the entrant gave at least one valid decision in it (`orders` or an explicit `hold`). An `invalid`
 * or `missing` decision, or no decision at all, leaves the hour inactive. Wall-clock hours, not
 * rounds: the requirement is for 24/7 tournaments deciding at least hourly.
 *
 * Two ways to get one: from a log's decision events (`hourlyActivity`), or kept as the season runs
 * (`createHourlyActivity` + `recordDecision`), one byte per hour instead of one event per round.
 */
export type HourlyActivity = {
  readonly window: SeasonWindow;
  readonly totalHours: number;
  /** active[i] is 1 when hour `window.start + i × 3600` had a valid decision. */
  readonly active: Uint8Array;
  activeHours: number;
  readonly decisions: Record<DecisionOutcome, number>;
};

export function createHourlyActivity(window: SeasonWindow): HourlyActivity {
  const totalHours = windowHours(window);
  return {
    window: { start: window.start, end: window.end },
    totalHours,
    active: new Uint8Array(totalHours),
    activeHours: 0,
    decisions: { orders: 0, hold: 0, invalid: 0, missing: 0 },
  };
}

/**
 * recordDecision for a hold, the common case of every round (a named counter and no event object:
 * the season calls it for every entrant that holds, every round).
 */
export function recordHold(hours: HourlyActivity, round: number, time: number): void {
  checkInWindow(hours, round, time);
  hours.decisions.hold++;
  markActive(hours, time);
}

/** Counts one decision; throws when it falls outside the season window. */
export function recordDecision(
  hours: HourlyActivity,
  decision: { round: number; time: number; outcome: DecisionOutcome },
): void {
  checkInWindow(hours, decision.round, decision.time);
  hours.decisions[decision.outcome]++;
  if (decision.outcome === "orders" || decision.outcome === "hold") markActive(hours, decision.time);
}

const outsideProblem = (round: number, time: number, window: SeasonWindow) =>
  `decision of round ${round} at ${time} is outside [${window.start}, ${window.end})`;

/** Throws when a decision falls outside the season window. */
export function checkInWindow({ window }: { readonly window: SeasonWindow }, round: number, time: number): void {
  if (time >= window.start && time < window.end) return;
  throw new InvalidConductInputError("decision", [outsideProblem(round, time, window)], outsideHint);
}

/** Marks the hour of `time` active (a valid decision was made in it). */
function markActive(hours: HourlyActivity, time: number): void {
  const hour = Math.floor((time - hours.window.start) / HOUR_SECONDS);
  if (hours.active[hour] === 0) {
    hours.active[hour] = 1;
    hours.activeHours++;
  }
}

/** The hourly activity of a log's decision events; lists every decision outside the window. */
export function hourlyActivity(activity: AgentActivity, window: SeasonWindow): HourlyActivity {
  requireWholeLog(
    activity,
    "its decisions cannot be read",
    "Keep the hours during the season (createHourlyActivity + recordDecision) and pass them (Settlement.hours).",
  );
  const hours = createHourlyActivity(window);
  const outside: string[] = [];
  for (const event of activity.events) {
    if (event.kind !== "decision") continue;
    if (event.time < window.start || event.time >= window.end) {
      outside.push(outsideProblem(event.round, event.time, window));
    } else {
      recordDecision(hours, event);
    }
  }
  if (outside.length > 0)
    throw new InvalidConductInputError(`activity log of ${activity.entrant}`, outside, outsideHint);
  return hours;
}

/** The number of hours of a season window; throws on a window that is not whole UTC hours, start before end. */
export function windowHours(window: SeasonWindow): number {
  const problems = windowProblems(window);
  if (problems.length > 0) throw new InvalidConductInputError("season window", problems, windowHint);
  return (window.end - window.start) / HOUR_SECONDS;
}

const outsideHint = "Pass the season's own window: decisions outside it cannot be judged against it.";
const windowHint = "Give the season window as unix seconds on whole UTC hours, start before end.";

function windowProblems({ start, end }: SeasonWindow): string[] {
  const problems: string[] = [];
  for (const [name, value] of [
    ["start", start],
    ["end", end],
  ] as const) {
    if (!Number.isSafeInteger(value)) problems.push(`${name} ${value} is not an integer number of seconds`);
    else if (value % HOUR_SECONDS !== 0) problems.push(`${name} ${value} is not on a whole UTC hour`);
  }
  if (problems.length === 0 && end <= start) problems.push(`end ${end} is not after start ${start}`);
  return problems;
}

/** "2025-01-01T05:00Z" for a unix time in seconds on a whole minute; plain integer arithmetic, no clock. */
export function utcMinuteText(unixSeconds: number): string {
  const days = Math.floor(unixSeconds / 86_400);
  const secondsOfDay = unixSeconds - days * 86_400;
  // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  const hour = Math.floor(secondsOfDay / 3_600);
  const minute = Math.floor((secondsOfDay % 3_600) / 60);
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}Z`;
}
