import { PodiumError } from "@podium/engine";

/** Where a mismatch was found: the check that failed and, when it applies, the round and entrant. */
export type Mismatch = {
  /** The check, e.g. "artifact digest", "records root", "replay". */
  check: string;
  /** The arena's round index; absent for season-level and results checks. */
  roundIndex?: number | undefined;
  /** The arena's entrant index. */
  entrantIndex?: number | undefined;
  /** The field that differs, as a path in the artifact or the event (e.g. "records[3].fill.price"). */
  field: string;
  /** What the trusted side (the chain, or the recomputation) says. */
  expected: string;
  /** What the checked side (the artifact, or the event) says. */
  found: string;
};

export type VerificationMismatchErrorType = VerificationMismatchError;

/** The first thing that does not match: the season does not verify. */
export class VerificationMismatchError extends PodiumError {
  override name = "VerificationMismatchError";
  readonly mismatch: Mismatch;

  constructor(mismatch: Mismatch, hint?: string) {
    super(describeMismatch(mismatch), {
      details: `expected ${mismatch.expected}, found ${mismatch.found}`,
      hint: hint ?? "The published season differs from what was committed on-chain: do not trust these results.",
    });
    this.mismatch = mismatch;
  }
}

export function describeMismatch({ check, roundIndex, entrantIndex, field }: Mismatch): string {
  const where = [
    roundIndex === undefined ? undefined : `round ${roundIndex}`,
    entrantIndex === undefined ? undefined : `entrant ${entrantIndex}`,
    `field ${field}`,
  ].filter((part) => part !== undefined);
  return `Mismatch in ${check}: ${where.join(", ")}`;
}

export type VerifierInputErrorType = VerifierInputError;

/** The verifier could not run: bad arguments, an unreachable node, a missing artifact. */
export class VerifierInputError extends PodiumError {
  override name = "VerifierInputError";
}
