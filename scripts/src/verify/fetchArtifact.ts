import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { VerifierInputError } from "./verificationMismatchError.ts";

/**
 * Where artifacts are read from. By default the committed URI itself (http, https or file). With an
 * override (`--artifacts`), the URI's path is looked up under that base instead: a folder or another
 * HTTP base (a mirror), so `http://host:port/31337/0xabc/1/round-0000.json` becomes
 * `<override>/31337/0xabc/1/round-0000.json`.
 */
export type ArtifactSource = { override?: string | undefined; timeoutMs?: number | undefined };

/** The exact bytes behind a committed URI (never parsed or re-encoded before hashing). */
export async function fetchArtifact(uri: string, source: ArtifactSource = {}): Promise<Uint8Array> {
  const location = resolveArtifactLocation(uri, source.override);
  if (!/^https?:\/\//.test(location)) {
    const path = location.startsWith("file://") ? new URL(location).pathname : location;
    try {
      return new Uint8Array(await readFile(path));
    } catch (cause) {
      throw new VerifierInputError(`Cannot read the artifact ${uri} at ${path}`, {
        hint: "Check --artifacts: the folder must hold the artifacts under their URI paths",
        cause,
      });
    }
  }
  let response: Response;
  try {
    response = await fetch(location, { signal: AbortSignal.timeout(source.timeoutMs ?? 30_000) });
  } catch (cause) {
    throw new VerifierInputError(`Cannot fetch the artifact ${location}`, {
      details: cause instanceof Error ? cause.message : String(cause),
      hint: "Check that the artifact server is up, or pass --artifacts with a folder or mirror holding the artifacts",
      cause,
    });
  }
  if (!response.ok) {
    throw new VerifierInputError(`Fetching the artifact ${location} answered HTTP ${response.status}`, {
      hint: "The operator must keep every committed artifact available; pass --artifacts to read a copy",
    });
  }
  return new Uint8Array(await response.arrayBuffer());
}

export function resolveArtifactLocation(uri: string, override: string | undefined): string {
  if (override === undefined) return uri;
  let path: string;
  try {
    path = decodeURIComponent(new URL(uri).pathname).replace(/^\/+/, "");
  } catch {
    path = uri.replace(/^\/+/, "");
  }
  if (/^https?:\/\//.test(override)) return `${override.replace(/\/+$/, "")}/${path}`;
  return join(override.startsWith("file://") ? new URL(override).pathname : override, path);
}
