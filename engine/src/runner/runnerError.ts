import { PodiumError } from "../errors/podiumError.ts";

export type RunnerErrorType = RunnerError;

/** What stops the season runner: bad configuration, a chain that disagrees with its state, a refused role. */
export class RunnerError extends PodiumError {
  override name = "RunnerError";
}
