import { PodiumError } from "../errors/podiumError.ts";

export type InvalidRankingInputErrorType = InvalidRankingInputError;

/** Bad input to a ranking or score (duplicate ids, bad weights, ...), with every problem listed. */
export class InvalidRankingInputError extends PodiumError {
  override name = "InvalidRankingInputError";
  readonly problems: readonly string[];

  constructor(what: string, problems: readonly string[], hint: string) {
    super(`Invalid ${what}: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, {
      details: problems.join("; "),
      hint,
    });
    this.problems = problems;
  }
}

/** Problems for ids that repeat: a ranking of the same entrant twice is always a caller's bug. */
export function findDuplicateIds(ids: readonly string[], label: string): string[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const problems: string[] = [];
  for (const id of ids) {
    if (seen.has(id) && !reported.has(id)) {
      problems.push(`${label} "${id}" appears more than once`);
      reported.add(id);
    }
    seen.add(id);
  }
  return problems;
}
