/**
 * The base of every error Podium's TypeScript code throws to a user (viem's BaseError pattern):
 * a short message saying what is wrong, optional details, and a hint saying what to do.
 * Rejected orders are not errors: they are denials, recorded as data.
 */
export type PodiumErrorParameters = {
  details?: string;
  hint?: string;
  cause?: unknown;
};

export class PodiumError extends Error {
  override name = "PodiumError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(shortMessage: string, parameters: PodiumErrorParameters = {}) {
    const lines = [shortMessage];
    if (parameters.details) lines.push(`Details: ${parameters.details}`);
    if (parameters.hint) lines.push(`Hint: ${parameters.hint}`);
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.hint = parameters.hint;
  }
}
