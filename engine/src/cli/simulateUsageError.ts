import { PodiumError } from "../errors/podiumError.ts";

export type SimulateUsageErrorType = SimulateUsageError;

/** The `simulate` command was given input it cannot run: every problem is listed (exit code 2). */
export class SimulateUsageError extends PodiumError {
  override name = "SimulateUsageError";
  readonly problems: readonly string[];

  constructor(problems: readonly string[], hint = "Run `simulate --help` for the options and their values.") {
    super(
      problems.length === 1 ? (problems[0] as string) : `${problems.length} problems:\n- ${problems.join("\n- ")}`,
      { hint },
    );
    this.problems = problems;
  }
}
