import type { Hex } from "viem";
import { type ArtifactReader, artifactDigest, type GetArtifactOptions } from "./artifactStore.ts";
import {
  ArtifactDigestMismatchError,
  ArtifactFetchError,
  ArtifactNotFoundError,
  InvalidArtifactUriError,
} from "./artifactStoreErrors.ts";

export type CreateHttpArtifactReaderParameters = {
  /** The fetch to use; the global one by default. */
  readonly fetch?: typeof fetch;
  /** Per request, 30 s by default. */
  readonly timeoutMs?: number;
  /** Refuse bodies larger than this (256 MiB by default). */
  readonly maxBytes?: number;
};

/**
 * Reads artifacts from any HTTP(S) URI (an artifactHttpServer, a CDN, any static server) and
 * checks them: the bytes must hash to `expectedDigest` when given (the digest committed on-chain),
 * and to the server's ETag when the server announces a digest there. No retries: callers that want
 * them (the runner, the verifier) wrap the reader.
 */
export function createHttpArtifactReader(parameters: CreateHttpArtifactReaderParameters = {}): ArtifactReader {
  const fetchImpl = parameters.fetch ?? fetch;
  const timeoutMs = parameters.timeoutMs ?? 30_000;
  const maxBytes = parameters.maxBytes ?? 256 * 1024 * 1024;

  async function request(uri: string, method: "GET" | "HEAD"): Promise<Response> {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new InvalidArtifactUriError(uri, "it is not a URL", "Pass the artifact URI as committed on-chain.");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new InvalidArtifactUriError(
        uri,
        `the ${url.protocol} scheme is not HTTP`,
        "The HTTP reader reads http:// and https:// URIs; use the store that published other ones.",
      );
    }
    try {
      return await fetchImpl(url, { method, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new ArtifactFetchError({ uri, problem: "no response", cause: error });
    }
  }

  async function get(uri: string, options: GetArtifactOptions = {}): Promise<Uint8Array> {
    const response = await request(uri, "GET");
    if (response.status === 404) {
      await response.body?.cancel();
      throw new ArtifactNotFoundError(uri);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ArtifactFetchError({ uri, status: response.status, problem: `HTTP ${response.status}` });
    }
    const announced = Number(response.headers.get("content-length") ?? "0");
    if (announced > maxBytes) {
      await response.body?.cancel();
      throw new ArtifactFetchError({ uri, status: response.status, problem: `it is ${announced} bytes, over the ${maxBytes}-byte limit` });
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > maxBytes) {
      throw new ArtifactFetchError({ uri, status: response.status, problem: `it is over the ${maxBytes}-byte limit` });
    }
    const actualDigest = artifactDigest(bytes);
    const etagDigest = digestInEtag(response.headers.get("etag"));
    if (etagDigest !== undefined && etagDigest !== actualDigest) {
      throw new ArtifactDigestMismatchError({ uri, expectedDigest: etagDigest, actualDigest, source: "etag" });
    }
    if (options.expectedDigest !== undefined && options.expectedDigest.toLowerCase() !== actualDigest) {
      throw new ArtifactDigestMismatchError({
        uri,
        expectedDigest: options.expectedDigest,
        actualDigest,
        source: "expected",
      });
    }
    return bytes;
  }

  async function has(uri: string): Promise<boolean> {
    const response = await request(uri, "HEAD");
    await response.body?.cancel();
    if (response.ok) return true;
    if (response.status === 404) return false;
    throw new ArtifactFetchError({ uri, status: response.status, problem: `HTTP ${response.status}` });
  }

  return { get, has };
}

/** The digest in an ETag like `"0x<64 hex>"` (weak or strong), else undefined (the server uses other tags). */
function digestInEtag(etag: string | null): Hex | undefined {
  const match = etag?.match(/^(?:W\/)?"(0x[0-9a-fA-F]{64})"$/);
  return match?.[1] === undefined ? undefined : (match[1].toLowerCase() as Hex);
}
