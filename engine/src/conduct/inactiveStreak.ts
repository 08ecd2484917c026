import { HOUR_SECONDS, type HourlyActivity, utcMinuteText } from "./activityHours.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import type { RequirementFailure } from "./requirementFailure.ts";

/**
 * Seed 003, Activity Requirements: "no inactive streak longer than 24 hours"; an entrant with one
 * is disqualified at settlement. A streak is a run of consecutive inactive hours (activityHours.ts),
 * including at the start and the end of the season.
 */
export type InactiveStreakParameters = {
  /** Longest allowed run of inactive hours. Default 24. */
  maxInactiveHours?: number;
};

export type InactiveStreakEvidence = {
  longestInactiveHours: number;
  /** Unix seconds: the streak's first inactive hour, and the end of its last one. */
  streakStart: number;
  streakEnd: number;
  maxInactiveHours: number;
};

export const defaultMaxInactiveHours = 24;

/** `hours`: from `hourlyActivity(log, window)`, or kept during the season (activityHours.ts). */
export function checkInactiveStreak(
  hours: HourlyActivity,
  parameters: InactiveStreakParameters = {},
): RequirementFailure<InactiveStreakEvidence> | undefined {
  const maxInactiveHours = parameters.maxInactiveHours ?? defaultMaxInactiveHours;
  if (!Number.isInteger(maxInactiveHours) || maxInactiveHours < 0) {
    throw new InvalidConductInputError(
      "inactive-streak parameters",
      [`maxInactiveHours ${maxInactiveHours} is not a non-negative integer`],
      "Give the longest allowed inactive run in whole hours, e.g. 24.",
    );
  }
  const { active, window } = hours;
  let longest = 0;
  let longestStart = 0;
  let run = 0;
  for (let hour = 0; hour < active.length; hour++) {
    run = active[hour] === 1 ? 0 : run + 1;
    if (run > longest) {
      longest = run;
      longestStart = hour - run + 1;
    }
  }
  if (longest <= maxInactiveHours) return undefined;
  const streakStart = window.start + longestStart * HOUR_SECONDS;
  const streakEnd = streakStart + longest * HOUR_SECONDS;
  return {
    requirement: "max-inactive-streak",
    reason: `Inactive for ${longest} hours in a row (from ${utcMinuteText(streakStart)} to ${utcMinuteText(streakEnd)}), longer than the allowed ${maxInactiveHours}.`,
    evidence: { longestInactiveHours: longest, streakStart, streakEnd, maxInactiveHours },
  };
}
