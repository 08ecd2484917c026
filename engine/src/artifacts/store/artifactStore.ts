import { type Hex, keccak256 } from "viem";

/**
 * Where round and results artifacts are published. Artifacts are canonical JSON whose keccak256
 * digest is committed on-chain next to the roots, and whose URI is emitted with it: a store gives
 * each artifact a URI anyone can fetch, and never lets published bytes change.
 */

export type PutArtifactReturnType = {
  /** Where anyone fetches the artifact (committed on-chain in the round's event). */
  uri: string;
  /** keccak256 of the bytes. */
  digest: Hex;
};

export type GetArtifactOptions = {
  /** The digest the bytes must hash to (from the chain): a mismatch is an ArtifactDigestMismatchError. */
  readonly expectedDigest?: Hex;
};

export type ArtifactEntry = {
  path: string;
  uri: string;
  size: number;
};

/** Reads artifacts by URI (the HTTP reader, and every store). */
export type ArtifactReader = {
  get(uri: string, options?: GetArtifactOptions): Promise<Uint8Array>;
  has(uri: string): Promise<boolean>;
};

export type ArtifactStore = ArtifactReader & {
  /**
   * Publishes `bytes` at `path` (see artifactPath.ts). Idempotent when the same bytes are already
   * there; different bytes at a published path are an ArtifactConflictError.
   */
  put(path: string, bytes: Uint8Array): Promise<PutArtifactReturnType>;
  /** The URI an artifact at `path` has (whether or not it exists yet). */
  uriOf(path: string): string;
  /** The published artifacts whose path starts with `prefix`, sorted by path. */
  list(prefix: string): Promise<ArtifactEntry[]>;
};

/** The digest committed on-chain for an artifact: keccak256 of its exact bytes. */
export function artifactDigest(bytes: Uint8Array): Hex {
  return keccak256(bytes);
}
