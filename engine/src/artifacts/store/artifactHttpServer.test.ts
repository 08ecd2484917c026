import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keccak256 } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ArtifactHttpServer, startArtifactHttpServer } from "./artifactHttpServer.ts";
import { createLocalFolderStore } from "./localFolderStore.ts";

/** A raw request: the path goes on the wire as written (fetch would normalize `..` away first). */
function rawRequest(
  server: ArtifactHttpServer,
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, method, path }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startArtifactHttpServer", () => {
  let parent: string;
  let directory: string;
  let server: ArtifactHttpServer;
  const artifact = '{"round":3,"records":[]}';

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "podium-http-test-"));
    directory = join(parent, "store");
    server = await startArtifactHttpServer({ directory });
    const store = createLocalFolderStore({ directory, baseUri: server.url });
    await store.put("season-1/round-0003.json", new TextEncoder().encode(artifact));
    await store.put("season-1/prices.bin", new Uint8Array([0, 1, 2, 255]));
    await writeFile(join(parent, "secret.txt"), "outside the store");
    await symlink(join(parent, "secret.txt"), join(directory, "season-1", "link.txt"));
    await writeFile(join(directory, "season-1", ".tmp-1-0"), "unfinished");
    await mkdir(join(directory, "season-1", "empty-folder"));
  });
  afterAll(async () => {
    await server?.close();
    await rm(parent, { recursive: true, force: true });
  });

  test("serves an artifact with its digest as ETag, JSON content type, open CORS and immutable caching", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(`${server.url}season-1/round-0003.json`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(artifact);
    // viem's keccak256 as the independent reference for the digest the chain would hold.
    expect(response.headers.get("etag")).toBe(`"${keccak256(new TextEncoder().encode(artifact))}"`);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("content-length")).toBe(String(artifact.length));
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  test("binary artifacts are octet-stream, byte for byte", async () => {
    const response = await fetch(`${server.url}season-1/prices.bin`);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  test("HEAD answers the headers without a body; a matching If-None-Match answers 304", async () => {
    const head = await fetch(`${server.url}season-1/round-0003.json`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(artifact.length));
    expect(await head.text()).toBe("");
    const etag = head.headers.get("etag") ?? "";
    const cached = await fetch(`${server.url}season-1/round-0003.json`, { headers: { "If-None-Match": etag } });
    expect(cached.status).toBe(304);
    const stale = await fetch(`${server.url}season-1/round-0003.json`, { headers: { "If-None-Match": '"0xabc"' } });
    expect(stale.status).toBe(200);
  });

  test.each([
    ["/season-1/missing.json", "a missing artifact"],
    ["/season-1", "a folder"],
    ["/season-1/empty-folder", "an empty folder"],
    ["/", "the root (no listings)"],
    ["/../secret.txt", "a parent segment"],
    ["/season-1/../../secret.txt", "parent segments inside"],
    ["/%2e%2e/secret.txt", "an encoded parent segment"],
    ["/season-1/%2e%2e%2f%2e%2e%2fsecret.txt", "encoded slashes and parents"],
    ["/season-1/link.txt", "a symlink leading out"],
    ["/season-1/.tmp-1-0", "an unfinished write"],
  ])("answers 404 for %s (%s)", async (path) => {
    const response = await rawRequest(server, "GET", path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain("outside the store");
  });

  test("is read-only: other methods answer 405 and change nothing", async () => {
    for (const method of ["PUT", "POST", "DELETE", "PATCH"]) {
      const response = await rawRequest(server, method, "/season-1/round-0003.json");
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe("GET, HEAD, OPTIONS");
    }
    expect(await (await fetch(`${server.url}season-1/round-0003.json`)).text()).toBe(artifact);
  });

  test("answers 400 to malformed percent-encoding", async () => {
    expect((await rawRequest(server, "GET", "/season-1/%E0%A4%A.json")).status).toBe(400);
  });
});
