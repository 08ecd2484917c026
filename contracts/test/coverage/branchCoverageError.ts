/**
 * Errors of the branch coverage checker. Same shape as the engine's PodiumError (short message, details,
 * hint); the contracts package does not depend on the engine.
 */
export type BranchCoverageErrorParameters = { details?: string; hint?: string; cause?: unknown };

export class BranchCoverageError extends Error {
  override name = "BranchCoverageError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(shortMessage: string, parameters: BranchCoverageErrorParameters = {}) {
    const lines = [shortMessage];
    if (parameters.details) lines.push(`Details: ${parameters.details}`);
    if (parameters.hint) lines.push(`Hint: ${parameters.hint}`);
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.hint = parameters.hint;
  }
}

const RUN_COVERAGE_HINT = "Run `npx hardhat test --coverage` first, then this checker";

export type CoverageDataMissingErrorType = CoverageDataMissingError;
export class CoverageDataMissingError extends BranchCoverageError {
  override name = "CoverageDataMissingError";
  constructor(dataDir: string, cause?: unknown) {
    super("No coverage hit data to check", {
      details: `${dataDir} holds no *.json hit file`,
      hint: RUN_COVERAGE_HINT,
      cause,
    });
  }
}

export type InvalidCoverageDataErrorType = InvalidCoverageDataError;
export class InvalidCoverageDataError extends BranchCoverageError {
  override name = "InvalidCoverageDataError";
  constructor(file: string, problem: string) {
    super(`Unreadable coverage hit file ${file}`, {
      details: `${problem}; Hardhat writes {"<hex tag>": <hit count>} objects there`,
      hint: `Delete the coverage folder and re-run \`npx hardhat test --coverage\``,
    });
  }
}

export type StaleCoverageDataErrorType = StaleCoverageDataError;
export class StaleCoverageDataError extends BranchCoverageError {
  override name = "StaleCoverageDataError";
  constructor(unknownTags: number, totalTags: number, example: string) {
    super(`${unknownTags} of ${totalTags} hit tags match no statement of the sources as they are now`, {
      details: `e.g. tag ${example}; EDR derives each tag from the file's text, its source name and the solc version, so the sources (or solc) changed since the coverage run`,
      hint: RUN_COVERAGE_HINT,
    });
  }
}

export type SolidityCompileErrorType = SolidityCompileError;
export class SolidityCompileError extends BranchCoverageError {
  override name = "SolidityCompileError";
  constructor(messages: readonly string[]) {
    super("solc could not produce the ASTs of the sources", {
      details: messages.join("\n"),
      hint: "Fix the Solidity errors above (`npx hardhat build` shows the same ones)",
    });
  }
}

export type InvalidBranchEvidenceErrorType = InvalidBranchEvidenceError;
export class InvalidBranchEvidenceError extends BranchCoverageError {
  override name = "InvalidBranchEvidenceError";
  constructor(file: string, problem: string) {
    super(`Invalid branch evidence file ${file}`, {
      details: problem,
      hint: 'Each entry is "<file>:<line>:<kind>:<side>": {"test": "<test name>", "file": "contracts/test/<file>", "why": "<how the test takes that side>"}',
    });
  }
}
