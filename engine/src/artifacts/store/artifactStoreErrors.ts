import type { Hex } from "viem";
import { PodiumError } from "../../errors/podiumError.ts";

/** Errors of the artifact stores and readers (src/artifacts/store), shared by every backend. */

export type InvalidArtifactPathErrorType = InvalidArtifactPathError;

/** An artifact path outside the allowed shape (see artifactPath.ts); nothing was read or written. */
export class InvalidArtifactPathError extends PodiumError {
  override name = "InvalidArtifactPathError";
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`Invalid artifact path ${JSON.stringify(path.slice(0, 200))}: ${reason}.`, {
      hint: "Use a relative path of segments made of letters, digits, '.', '_' and '-', separated by '/', e.g. 31337/0x5fbd.../season-1/round-0003.json.",
    });
    this.path = path;
  }
}

export type InvalidArtifactUriErrorType = InvalidArtifactUriError;

/** A URI this store or reader does not serve. */
export class InvalidArtifactUriError extends PodiumError {
  override name = "InvalidArtifactUriError";
  readonly uri: string;

  constructor(uri: string, reason: string, hint: string) {
    super(`Cannot read artifact ${uri}: ${reason}.`, { hint });
    this.uri = uri;
  }
}

export type ArtifactConflictErrorType = ArtifactConflictError;

/** A published artifact would be overwritten with different bytes. Published artifacts never change. */
export class ArtifactConflictError extends PodiumError {
  override name = "ArtifactConflictError";
  readonly path: string;
  readonly storedDigest: Hex;
  readonly attemptedDigest: Hex;

  constructor(path: string, storedDigest: Hex, attemptedDigest: Hex) {
    super(`Refusing to overwrite the published artifact ${path} with different bytes.`, {
      details: `stored digest ${storedDigest}, new digest ${attemptedDigest}`,
      hint: "A published artifact may already be committed on-chain. If the engine produced other bytes for the same round, find out why (a non-deterministic input or a code change) before going on.",
    });
    this.path = path;
    this.storedDigest = storedDigest;
    this.attemptedDigest = attemptedDigest;
  }
}

export type ArtifactNotFoundErrorType = ArtifactNotFoundError;

export class ArtifactNotFoundError extends PodiumError {
  override name = "ArtifactNotFoundError";
  readonly uri: string;

  constructor(uri: string) {
    super(`No artifact at ${uri}.`, {
      hint: "Check the URI (it is emitted in the RoundCommitted / SeasonFinalized event) and that the artifact server is up.",
    });
    this.uri = uri;
  }
}

export type ArtifactDigestMismatchErrorType = ArtifactDigestMismatchError;

/** The bytes read do not hash to the digest they should have: the artifact cannot be trusted. */
export class ArtifactDigestMismatchError extends PodiumError {
  override name = "ArtifactDigestMismatchError";
  readonly uri: string;
  readonly expectedDigest: Hex;
  readonly actualDigest: Hex;
  /** Whose digest disagrees: the caller's (from the chain) or the server's ETag. */
  readonly source: "expected" | "etag";

  constructor(parameters: { uri: string; expectedDigest: Hex; actualDigest: Hex; source: "expected" | "etag" }) {
    super(
      parameters.source === "expected"
        ? `The artifact at ${parameters.uri} does not match its committed digest.`
        : `The artifact at ${parameters.uri} does not match the digest its server announced (ETag).`,
      {
        details: `expected keccak256 ${parameters.expectedDigest}, got ${parameters.actualDigest}`,
        hint: "The artifact was changed or corrupted after it was published: do not use it.",
      },
    );
    this.uri = parameters.uri;
    this.expectedDigest = parameters.expectedDigest;
    this.actualDigest = parameters.actualDigest;
    this.source = parameters.source;
  }
}

export type ArtifactFetchErrorType = ArtifactFetchError;

/** The artifact server could not be reached or answered with an error. */
export class ArtifactFetchError extends PodiumError {
  override name = "ArtifactFetchError";
  readonly uri: string;
  /** The HTTP status, or undefined when no response came. */
  readonly status: number | undefined;

  constructor(parameters: { uri: string; status?: number; problem: string; cause?: unknown }) {
    super(`Cannot fetch artifact ${parameters.uri}: ${parameters.problem}.`, {
      ...(parameters.cause instanceof Error ? { details: parameters.cause.message } : {}),
      hint:
        parameters.status !== undefined && parameters.status >= 500
          ? "The artifact server failed; retry later."
          : "Check that the artifact server is up and the URI is right.",
      cause: parameters.cause,
    });
    this.uri = parameters.uri;
    this.status = parameters.status;
  }
}
