import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ArtifactHttpServer, startArtifactHttpServer } from "./artifactHttpServer.ts";
import {
  ArtifactDigestMismatchError,
  ArtifactFetchError,
  ArtifactNotFoundError,
  InvalidArtifactUriError,
} from "./artifactStoreErrors.ts";
import { createHttpArtifactReader } from "./httpArtifactReader.ts";
import { createLocalFolderStore } from "./localFolderStore.ts";

const bytesOf = (value: string) => new TextEncoder().encode(value);

/** A real HTTP server answering every request with a fixed status, headers and body. */
async function startFixedServer(status: number, headers: Record<string, string>, body: string): Promise<Server> {
  const server = createServer((_, response) => {
    response.writeHead(status, headers);
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return server;
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/a.json`;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe("createHttpArtifactReader", () => {
  let parent: string;
  let directory: string;
  let server: ArtifactHttpServer;
  const reader = createHttpArtifactReader();

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "podium-reader-test-"));
    directory = join(parent, "store");
    server = await startArtifactHttpServer({ directory });
  });
  afterAll(async () => {
    await server?.close();
    await rm(parent, { recursive: true, force: true });
  });

  test("reads what a local store published through the HTTP server, checked against the committed digest", async () => {
    const store = createLocalFolderStore({ directory, baseUri: server.url });
    const { uri, digest } = await store.put("season-1/round-0000.json", bytesOf('{"round":0}'));
    expect(await reader.get(uri, { expectedDigest: digest })).toEqual(bytesOf('{"round":0}'));
    expect(await reader.has(uri)).toBe(true);
    expect(await reader.has(`${server.url}season-1/round-0001.json`)).toBe(false);
  });

  test("an artifact changed on disk after publication no longer matches the committed digest", async () => {
    const store = createLocalFolderStore({ directory, baseUri: server.url });
    const { uri, digest } = await store.put("season-1/round-0002.json", bytesOf('{"equity":"100"}'));
    await writeFile(join(directory, "season-1/round-0002.json"), '{"equity":"99999"}');
    const error = await reader.get(uri, { expectedDigest: digest }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArtifactDigestMismatchError);
    expect(error).toMatchObject({ source: "expected", expectedDigest: digest, actualDigest: keccak256(bytesOf('{"equity":"99999"}')) });
  });

  test("bytes that do not match the server's own ETag digest are refused", async () => {
    const fixed = await startFixedServer(200, { ETag: `"${keccak256(toHex("something else"))}"` }, "served bytes");
    try {
      const error = await reader.get(urlOf(fixed)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ArtifactDigestMismatchError);
      expect((error as ArtifactDigestMismatchError).source).toBe("etag");
    } finally {
      await close(fixed);
    }
  });

  test("an ETag that is not a digest is ignored (any static server works)", async () => {
    const fixed = await startFixedServer(200, { ETag: '"5f3a-17c"' }, "plain");
    try {
      expect(await reader.get(urlOf(fixed))).toEqual(bytesOf("plain"));
    } finally {
      await close(fixed);
    }
  });

  test("404, a server error, no server and a non-HTTP URI are distinct errors", async () => {
    await expect(reader.get(`${server.url}nothing-here.json`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    const failing = await startFixedServer(503, {}, "down");
    const failingUrl = urlOf(failing);
    try {
      const error = await reader.get(failingUrl).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ArtifactFetchError);
      expect((error as ArtifactFetchError).status).toBe(503);
      await expect(reader.has(failingUrl)).rejects.toBeInstanceOf(ArtifactFetchError);
    } finally {
      await close(failing);
    }
    // The port is closed now: connection refused.
    const refused = await reader.get(failingUrl).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(ArtifactFetchError);
    expect((refused as ArtifactFetchError).status).toBeUndefined();
    await expect(reader.get("file:///etc/passwd")).rejects.toBeInstanceOf(InvalidArtifactUriError);
    await expect(reader.get("not a uri")).rejects.toBeInstanceOf(InvalidArtifactUriError);
  });

  test("refuses a body over the size limit", async () => {
    const store = createLocalFolderStore({ directory, baseUri: server.url });
    const { uri } = await store.put("big.bin", new Uint8Array(2048));
    const small = createHttpArtifactReader({ maxBytes: 1024 });
    await expect(small.get(uri)).rejects.toThrow(/2048 bytes, over the 1024-byte limit/);
  });
});
