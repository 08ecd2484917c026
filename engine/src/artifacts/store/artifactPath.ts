import { InvalidArtifactPathError } from "./artifactStoreErrors.ts";

/**
 * The shape of an artifact path, shared by every store and the HTTP server: relative, `/`-separated
 * segments that start with a letter or digit and hold only letters, digits, `.`, `_` and `-`. So no
 * `..`, no absolute path, no backslash, no percent-encoding, no hidden files (temporary files of an
 * unfinished write start with `.` and are therefore never addressable), and every path is its own
 * URL path without escaping.
 */
const segment = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
export const maxArtifactPathLength = 1024;

export function checkArtifactPath(path: string): string {
  if (typeof path !== "string" || path.length === 0) throw new InvalidArtifactPathError(String(path), "it is empty");
  if (path.length > maxArtifactPathLength) {
    throw new InvalidArtifactPathError(path, `it is longer than ${maxArtifactPathLength} characters`);
  }
  for (const part of path.split("/")) {
    if (!segment.test(part)) {
      throw new InvalidArtifactPathError(
        path,
        part === "" ? "it has an empty segment (a leading, trailing or double '/')" : `segment ${JSON.stringify(part)} is not allowed`,
      );
    }
  }
  return path;
}

/** Whether `path` is a valid artifact path (for servers, which answer 404 rather than throw). */
export function isArtifactPath(path: string): boolean {
  try {
    checkArtifactPath(path);
    return true;
  } catch {
    return false;
  }
}

/** A listing prefix: empty, or a valid path optionally ending with `/` (the start of a segment may be partial). */
export function checkArtifactPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  checkArtifactPath(trimmed);
  return prefix;
}
