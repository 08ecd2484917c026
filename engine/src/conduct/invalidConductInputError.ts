import { PodiumError } from "../errors/podiumError.ts";

export type InvalidConductInputErrorType = InvalidConductInputError;

/**
 * Thrown when a conduct rule is given input it cannot judge fairly: an activity log out of order
 * or inconsistent with itself, a season window that does not hold its decisions, a malformed
 * config hash. Every problem found is listed, each with where it is.
 */
export class InvalidConductInputError extends PodiumError {
  override name = "InvalidConductInputError";
  readonly problems: readonly string[];

  constructor(what: string, problems: readonly string[], hint: string) {
    super(`Invalid ${what}: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, {
      details: problems.join("; "),
      hint,
    });
    this.problems = problems;
  }
}

/**
 * Throws when part of the log was released: `reading` (e.g. "its trades cannot be counted") can
 * only be done over a whole log; `hint` says what to keep during the season instead.
 */
export function requireWholeLog(activity: { entrant: string; released?: number }, reading: string, hint: string): void {
  const released = activity.released ?? 0;
  if (released > 0)
    throw new InvalidConductInputError(
      `activity log of ${activity.entrant}`,
      [`the log's first ${released} events were released, so ${reading} from it`],
      hint,
    );
}

export const activityLogHint =
  "Conduct rules need the entrant's complete log from the start of the season, in round order, each fill's positionAfter following from the fills before it (see docs/engine.md, Conduct rules).";

export const releasedLogHint =
  "Release a log's events only through the policy (or detector) that reads it, which reads them first (ConductPolicy.release), and keep passing the same log object with its released count; a new log starts with released 0.";
