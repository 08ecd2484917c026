import { PodiumError } from "../errors/podiumError.ts";

/** Errors of the runner's storage (src/storage), shared by every repository. */

export type InvalidStorageInputErrorType = InvalidStorageInputError;

/** A value handed to a repository is malformed (not an address, a negative index, ...). Nothing was written. */
export class InvalidStorageInputError extends PodiumError {
  override name = "InvalidStorageInputError";
  readonly field: string;

  constructor(field: string, problem: string, hint?: string) {
    super(`Invalid ${field}: ${problem}.`, {
      hint: hint ?? "Pass the value as viem returns it (0x-prefixed hex, numbers for indices and nonces).",
    });
    this.field = field;
  }
}

export type StorageConflictErrorType = StorageConflictError;

/**
 * Something already stored disagrees with what is being written: a re-simulated round with other
 * roots, a second live transaction for the same commitment, a season whose rules changed. Stored
 * data is never overwritten silently: a difference means a bug or a non-deterministic input.
 */
export class StorageConflictError extends PodiumError {
  override name = "StorageConflictError";
  /** What conflicts, e.g. `round 3 of season 1 on chain 31337`. */
  readonly subject: string;
  readonly field: string;
  readonly stored: string;
  readonly attempted: string;

  constructor(parameters: { subject: string; field: string; stored: string; attempted: string; hint?: string }) {
    super(`Refusing to change ${parameters.field} of ${parameters.subject}: it is already stored with another value.`, {
      details: `stored: ${parameters.stored}; attempted: ${parameters.attempted}`,
      hint:
        parameters.hint ??
        "Stored data is written once. A difference on a re-run means the inputs or the code changed: find out why before going on.",
    });
    this.subject = parameters.subject;
    this.field = parameters.field;
    this.stored = parameters.stored;
    this.attempted = parameters.attempted;
  }
}

export type StatusTransitionErrorType = StatusTransitionError;

/** A status change the lifecycle does not allow (a round going back, a confirmed transaction failing). */
export class StatusTransitionError extends PodiumError {
  override name = "StatusTransitionError";
  readonly subject: string;
  readonly from: string;
  readonly to: string;

  constructor(parameters: { subject: string; from: string; to: string; hint: string }) {
    super(`Cannot move ${parameters.subject} from "${parameters.from}" to "${parameters.to}".`, {
      hint: parameters.hint,
    });
    this.subject = parameters.subject;
    this.from = parameters.from;
    this.to = parameters.to;
  }
}

export type StorageNotFoundErrorType = StorageNotFoundError;

/** A row the operation needs does not exist (an unregistered season, an unknown transaction). */
export class StorageNotFoundError extends PodiumError {
  override name = "StorageNotFoundError";
  readonly subject: string;

  constructor(subject: string, hint: string) {
    super(`No ${subject} is stored.`, { hint });
    this.subject = subject;
  }
}

export type DatabaseOpenErrorType = DatabaseOpenError;

/** The database could not be opened, reached or migrated. */
export class DatabaseOpenError extends PodiumError {
  override name = "DatabaseOpenError";
  readonly backend: "pglite" | "postgres";
  /** The PGlite folder, or the Postgres URL without its password. */
  readonly location: string;

  constructor(parameters: {
    backend: "pglite" | "postgres";
    location: string;
    problem: string;
    hint: string;
    cause?: unknown;
  }) {
    super(`Cannot open the ${parameters.backend} database at ${parameters.location}: ${parameters.problem}.`, {
      ...(parameters.cause instanceof Error ? { details: parameters.cause.message } : {}),
      hint: parameters.hint,
      cause: parameters.cause,
    });
    this.backend = parameters.backend;
    this.location = parameters.location;
  }
}

export type DatabaseInUseErrorType = DatabaseInUseError;

/** A PGlite folder is open in another live process: two writers would corrupt it. */
export class DatabaseInUseError extends PodiumError {
  override name = "DatabaseInUseError";
  readonly path: string;
  readonly ownerPid: number;

  constructor(path: string, ownerPid: number) {
    super(`The PGlite database at ${path} is already open in process ${ownerPid}.`, {
      details: `lock file: ${path}.lock`,
      hint: "Stop the other runner first (PGlite has a single writer), or point this one at another folder or at Postgres with DATABASE_URL.",
    });
    this.path = path;
    this.ownerPid = ownerPid;
  }
}
