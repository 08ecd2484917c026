import { PodiumError } from "../errors/podiumError.ts";

export type InvalidConductConfigErrorType = InvalidConductConfigError;

/** Thrown when a season's conduct configuration is invalid; lists every problem at once, each with its path. */
export class InvalidConductConfigError extends PodiumError {
  override name = "InvalidConductConfigError";
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid conduct configuration: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, {
      details: problems.join("; "),
      hint: "Fix every listed field; docs/engine.md (Conduct rules) lists each rule's thresholds, their ranges and defaults.",
    });
    this.problems = problems;
  }
}
