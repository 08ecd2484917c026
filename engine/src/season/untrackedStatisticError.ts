import { PodiumError } from "../errors/podiumError.ts";

export type UntrackedStatisticErrorType = UntrackedStatisticError;

/** A running statistic was read from statistics that do not keep it (created with `tournament: false`). */
export class UntrackedStatisticError extends PodiumError {
  override name = "UntrackedStatisticError";
}
