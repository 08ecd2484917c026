import { PodiumError } from "../errors/podiumError.ts";

export type InvalidCommitmentInputErrorType = InvalidCommitmentInputError;

/** What the runner asked to commit cannot be written as leaves or artifacts (see docs/commitments.md). */
export class InvalidCommitmentInputError extends PodiumError {
  override name = "InvalidCommitmentInputError";

  constructor(problem: string, hint: string, details?: string) {
    super(`Cannot build the commitment: ${problem}.`, details === undefined ? { hint } : { hint, details });
  }
}
