import { PodiumError } from "../errors/podiumError.ts";

export type InvalidSeasonEntrantsErrorType = InvalidSeasonEntrantsError;

/** The entrants of a season, with every problem listed at once. */
export class InvalidSeasonEntrantsError extends PodiumError {
  override name = "InvalidSeasonEntrantsError";
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid season entrants: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, {
      details: problems.join("; "),
      hint: "Give each entrant a unique non-negative integer index, a name, a model family, a 0x 32-byte config hash (agentConfigHash) and an agent with an id and a decide function.",
    });
    this.problems = problems;
  }
}
