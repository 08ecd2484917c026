import { PodiumError } from "../errors/podiumError.ts";

export type SeasonStateErrorType = SeasonStateError;

/** A season was asked for something its state does not allow (a round after the last, results before the end, ...). */
export class SeasonStateError extends PodiumError {
  override name = "SeasonStateError";
}
