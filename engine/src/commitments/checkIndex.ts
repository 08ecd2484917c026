import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";

/** Round, entrant and record indices are non-negative safe integers, counted from 0 as the arena does. */
export function checkIndex(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidCommitmentInputError(
      `${what} ${String(value)} is not a non-negative integer`,
      "Indices count from 0, as the arena contract numbers rounds and entrants.",
    );
  }
}

/** Entrant lists are in strictly increasing entrant index order: one order, no duplicates. */
export function checkEntrantOrder(entrantIndices: readonly number[], what: string): void {
  entrantIndices.forEach((entrantIndex, position) => {
    checkIndex(entrantIndex, `${what}[${position}] entrant index`);
    const previous = entrantIndices[position - 1];
    if (previous !== undefined && entrantIndex <= previous) {
      throw new InvalidCommitmentInputError(
        `${what} are not in strictly increasing entrant index order (${previous} then ${entrantIndex})`,
        "Sort by entrant index and list each entrant once.",
      );
    }
  });
}
