import { link, lstat, mkdir, open, readdir, readFile, unlink } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { checkArtifactPath, checkArtifactPrefix } from "./artifactPath.ts";
import {
  type ArtifactEntry,
  type ArtifactStore,
  artifactDigest,
  type GetArtifactOptions,
  type PutArtifactReturnType,
} from "./artifactStore.ts";
import {
  ArtifactConflictError,
  ArtifactDigestMismatchError,
  ArtifactNotFoundError,
  InvalidArtifactPathError,
  InvalidArtifactUriError,
} from "./artifactStoreErrors.ts";

export type CreateLocalFolderStoreParameters = {
  /** The folder artifacts are written to (created when missing). */
  readonly directory: string;
  /**
   * The public URL the folder is served at (by artifactHttpServer or any static server), e.g.
   * `https://artifacts.example.org/podium/`. URIs are `baseUri + path` and are committed on-chain,
   * so it must stay the same across runner restarts.
   */
  readonly baseUri: string;
};

let temporaryCounter = 0;

/**
 * The embedded artifact store: files in a local folder, path-addressed and write-once.
 * - A write goes to a temporary file in the target's folder (named `.tmp-...`, never addressable),
 *   is fsynced, then hard-linked to its path, which fails if the path exists: an atomic
 *   "rename without replace", so readers never see a partial file and two writers never overwrite
 *   each other. The folder is fsynced so the new name survives a crash.
 * - Writing the same bytes again returns the same URI and digest (a restarted runner re-publishes
 *   safely); different bytes at a published path are an ArtifactConflictError.
 * - Paths are checked (artifactPath.ts), so nothing is written or read outside the folder.
 */
export function createLocalFolderStore(parameters: CreateLocalFolderStoreParameters): ArtifactStore {
  const root = resolve(parameters.directory);
  const baseUri = parameters.baseUri.endsWith("/") ? parameters.baseUri : `${parameters.baseUri}/`;

  const fileOf = (path: string): string => {
    const file = resolve(root, checkArtifactPath(path));
    // Defense in depth: checkArtifactPath already excludes every way out of the folder.
    if (!file.startsWith(root + sep)) throw new InvalidArtifactPathError(path, "it leaves the store's folder");
    return file;
  };

  const pathOf = (uri: string): string => {
    if (!uri.startsWith(baseUri)) {
      throw new InvalidArtifactUriError(
        uri,
        `it is not under this store's base URI ${baseUri}`,
        "Read it with the store that published it, or with createHttpArtifactReader.",
      );
    }
    return uri.slice(baseUri.length);
  };

  const uriOf = (path: string): string => `${baseUri}${checkArtifactPath(path)}`;

  async function get(uri: string, options: GetArtifactOptions = {}): Promise<Uint8Array> {
    const file = fileOf(pathOf(uri));
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      if (isMissing(error)) throw new ArtifactNotFoundError(uri);
      throw error;
    }
    if (options.expectedDigest !== undefined) {
      const actualDigest = artifactDigest(bytes);
      if (actualDigest !== options.expectedDigest.toLowerCase()) {
        throw new ArtifactDigestMismatchError({
          uri,
          expectedDigest: options.expectedDigest,
          actualDigest,
          source: "expected",
        });
      }
    }
    return bytes;
  }

  async function has(uri: string): Promise<boolean> {
    const file = fileOf(pathOf(uri));
    try {
      return (await lstat(file)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async function put(path: string, bytes: Uint8Array): Promise<PutArtifactReturnType> {
    const file = fileOf(path);
    const digest = artifactDigest(bytes);
    const result = { uri: uriOf(path), digest };
    if (await sameAsPublished(path, file, digest)) return result;

    const folder = dirname(file);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.tmp-${process.pid}-${temporaryCounter++}`);
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Another writer published this path between our check and our link: same bytes, or a conflict.
      if (await sameAsPublished(path, file, digest)) return result;
      throw error;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
    await syncFolder(folder);
    return result;
  }

  /** True when `file` holds exactly these bytes, false when absent; a conflict when it differs. */
  async function sameAsPublished(path: string, file: string, digest: `0x${string}`): Promise<boolean> {
    let stored: Uint8Array;
    try {
      stored = new Uint8Array(await readFile(file));
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    const storedDigest = artifactDigest(stored);
    if (storedDigest !== digest) throw new ArtifactConflictError(path, storedDigest, digest);
    return true;
  }

  async function list(prefix: string): Promise<ArtifactEntry[]> {
    checkArtifactPrefix(prefix);
    let names: string[];
    try {
      names = await readdir(root, { recursive: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const entries: ArtifactEntry[] = [];
    for (const name of names) {
      const path = relative(root, join(root, name)).split(sep).join("/");
      if (!path.startsWith(prefix) || path.split("/").some((part) => part.startsWith("."))) continue;
      const stats = await lstat(join(root, name));
      if (!stats.isFile()) continue;
      entries.push({ path, uri: `${baseUri}${path}`, size: stats.size });
    }
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  return { get, has, put, uriOf, list };
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}
