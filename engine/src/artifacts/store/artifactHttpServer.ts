import { lstat, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, resolve, sep } from "node:path";
import type { Hex } from "viem";
import { isArtifactPath } from "./artifactPath.ts";
import { artifactDigest } from "./artifactStore.ts";

export type StartArtifactHttpServerParameters = {
  /** The folder a local folder store writes to. */
  readonly directory: string;
  /** 127.0.0.1 by default (loopback only); 0.0.0.0 to serve the network. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
};

export type ArtifactHttpServer = {
  /** The base URL, ending with `/`: an artifact at `path` is at `url + path` (a local store's baseUri). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
};

const contentTypes: Record<string, string> = {
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/**
 * Serves a local artifact folder read-only over HTTP (node:http): `GET|HEAD /<artifact path>`.
 * - The ETag is the artifact's keccak256 digest (`"0x..."`), the value committed on-chain, so a
 *   client can check the bytes against the chain and the server in one step; If-None-Match gives 304.
 * - Artifacts are write-once, so responses are cacheable forever (`immutable`).
 * - Only valid artifact paths of regular files are served (artifactPath.ts: no `..`, no hidden or
 *   temporary files, no symlinks, no directory listings); everything else is 404.
 * - CORS is open: the app verifies artifacts in the browser.
 */
export async function startArtifactHttpServer(parameters: StartArtifactHttpServerParameters): Promise<ArtifactHttpServer> {
  const root = resolve(parameters.directory);
  // Published files never change, so a digest is computed once per version of a file (inode, size,
  // times): a file changed behind the store's back is hashed again and served with its true digest.
  const digests = new Map<string, { version: string; digest: Hex }>();

  const server = createServer((request, response) => {
    serve(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, "internal error\n");
      else response.destroy();
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Expose-Headers", "ETag, Content-Length");
    if (request.method === "OPTIONS") {
      response.setHeader("Access-Control-Allow-Methods", "GET, HEAD");
      response.setHeader("Access-Control-Allow-Headers", "If-None-Match");
      response.writeHead(204).end();
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD, OPTIONS");
      send(response, 405, "read-only: GET or HEAD\n");
      return;
    }
    const pathname = new URL(request.url ?? "/", "http://artifacts.invalid").pathname;
    let path: string;
    try {
      path = decodeURIComponent(pathname.slice(1));
    } catch {
      send(response, 400, "malformed percent-encoding\n");
      return;
    }
    const file = resolve(root, path);
    if (!isArtifactPath(path) || !file.startsWith(root + sep)) {
      send(response, 404, "not found\n");
      return;
    }
    const stats = await lstat(file).catch(() => undefined);
    if (stats === undefined || !stats.isFile()) {
      send(response, 404, "not found\n");
      return;
    }
    const bytes = await readFile(file);
    const version = `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
    let cached = digests.get(path);
    if (cached === undefined || cached.version !== version) {
      cached = { version, digest: artifactDigest(bytes) };
      digests.set(path, cached);
    }
    const etag = `"${cached.digest}"`;
    response.setHeader("ETag", etag);
    response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (request.headers["if-none-match"]?.split(",").some((tag) => tag.trim() === etag)) {
      response.writeHead(304).end();
      return;
    }
    response.setHeader("Content-Type", contentTypes[extname(path)] ?? "application/octet-stream");
    response.setHeader("Content-Length", bytes.byteLength);
    response.writeHead(200);
    response.end(request.method === "HEAD" ? undefined : bytes);
  }

  const host = parameters.host ?? "127.0.0.1";
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(parameters.port ?? 0, host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error === undefined ? resolveClose() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}
