import type { HourlyActivity } from "./activityHours.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import type { RequirementFailure } from "./requirementFailure.ts";

/**
 * Seed 003, Activity Requirements: "non-daily tournaments require at least 80% active hours";
 * an entrant below it is disqualified at settlement. What makes an hour active: see activityHours.ts.
 */
export type ActiveHoursParameters = {
  /** Least share of active hours, bps. Default 8,000 (80%). */
  minActiveShareBps?: number;
};

export type ActiveHoursEvidence = {
  totalHours: number;
  activeHours: number;
  /** activeHours ÷ totalHours in bps, rounded down (so a share shown as 8,000 always passes). */
  activeShareBps: number;
  minActiveShareBps: number;
  validDecisions: number;
  invalidDecisions: number;
  missingDecisions: number;
};

export const defaultMinActiveShareBps = 8_000;

/** `hours`: from `hourlyActivity(log, window)`, or kept during the season (activityHours.ts). */
export function checkActiveHours(
  hours: HourlyActivity,
  parameters: ActiveHoursParameters = {},
): RequirementFailure<ActiveHoursEvidence> | undefined {
  const minActiveShareBps = parameters.minActiveShareBps ?? defaultMinActiveShareBps;
  if (!Number.isInteger(minActiveShareBps) || minActiveShareBps < 0 || minActiveShareBps > 10_000) {
    throw new InvalidConductInputError(
      "active-hours parameters",
      [`minActiveShareBps ${minActiveShareBps} is not an integer in [0, 10000]`],
      "Give the share in basis points: 8000 is 80%.",
    );
  }
  const { totalHours, activeHours, decisions } = hours;
  if (activeHours * 10_000 >= minActiveShareBps * totalHours) return undefined;
  const activeShareBps = Math.floor((activeHours * 10_000) / totalHours);
  return {
    requirement: "min-active-hours",
    reason: `Active in ${activeHours} of ${totalHours} hours (${(activeShareBps / 100).toFixed(2)}%), below the required ${(minActiveShareBps / 100).toFixed(2)}%.`,
    evidence: {
      totalHours,
      activeHours,
      activeShareBps,
      minActiveShareBps,
      validDecisions: decisions.orders + decisions.hold,
      invalidDecisions: decisions.invalid,
      missingDecisions: decisions.missing,
    },
  };
}
