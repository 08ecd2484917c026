import { PodiumError } from "../errors/podiumError.ts";

export type SeasonReplayMismatchErrorType = SeasonReplayMismatchError;

/**
 * Replaying a persisted round did not give the persisted bytes back: the persisted state, the
 * inputs (rules, dataset, entrants, seed) or the engine differ from the run that wrote it.
 */
export class SeasonReplayMismatchError extends PodiumError {
  override name = "SeasonReplayMismatchError";
  readonly round: number;
  /** Index of the first differing character of the round's canonical JSON. */
  readonly offset: number;

  constructor(round: number, offset: number, expected: string, actual: string) {
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, offset - 60), offset + 60));
    super(`Replaying round ${round} did not reproduce the persisted round (first difference at character ${offset}).`, {
      details: `persisted …${around(expected)}…; replayed …${around(actual)}…`,
      hint: "Resume with exactly the rules, dataset, entrants (same agents and config hashes) and seed of the run that persisted the rounds, and the same engine version.",
    });
    this.round = round;
    this.offset = offset;
  }
}
