import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  ArtifactConflictError,
  ArtifactDigestMismatchError,
  ArtifactNotFoundError,
  InvalidArtifactPathError,
  InvalidArtifactUriError,
} from "./artifactStoreErrors.ts";
import { createLocalFolderStore } from "./localFolderStore.ts";

// keccak256 reference values published with Ethereum's test vectors (and any keccak tool):
// keccak256("") and keccak256("hello").
const keccakOfEmpty = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";
const keccakOfHello = "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8";
const text = (value: string) => new TextEncoder().encode(value);

describe("createLocalFolderStore", () => {
  let parent: string;
  let directory: string;
  const baseUri = "http://127.0.0.1:8787/artifacts";
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), "podium-store-test-"));
    directory = join(parent, "store");
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  test("put returns the URI under the base URI and the keccak256 digest; get returns the bytes", async () => {
    const store = createLocalFolderStore({ directory, baseUri });
    const put = await store.put("31337/season-1/round-0000.json", text("hello"));
    expect(put).toEqual({ uri: "http://127.0.0.1:8787/artifacts/31337/season-1/round-0000.json", digest: keccakOfHello });
    expect(new TextDecoder().decode(await store.get(put.uri))).toBe("hello");
    expect(await readFile(join(directory, "31337/season-1/round-0000.json"), "utf8")).toBe("hello");
    // The temporary file of the write is gone.
    expect(await readdir(join(directory, "31337/season-1"))).toEqual(["round-0000.json"]);
    expect((await store.put("empty.json", new Uint8Array())).digest).toBe(keccakOfEmpty);
  });

  test("writing the same bytes again is idempotent; different bytes are refused and the artifact stays", async () => {
    const store = createLocalFolderStore({ directory, baseUri });
    const first = await store.put("round-0.json", text('{"round":0}'));
    expect(await store.put("round-0.json", text('{"round":0}'))).toEqual(first);
    const error = await store.put("round-0.json", text('{"round":"tampered"}')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArtifactConflictError);
    expect((error as ArtifactConflictError).storedDigest).toBe(first.digest);
    expect(await readFile(join(directory, "round-0.json"), "utf8")).toBe('{"round":0}');
  });

  test("racing writers: equal bytes all succeed; of different bytes exactly one is published", async () => {
    const store = createLocalFolderStore({ directory, baseUri });
    const same = await Promise.all(Array.from({ length: 8 }, () => store.put("same.json", text("same"))));
    expect(new Set(same.map((result) => result.digest)).size).toBe(1);

    const racers = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.put("contested.json", text(`writer ${i}`))),
    );
    const winners = racers.filter((outcome) => outcome.status === "fulfilled");
    expect(winners).toHaveLength(1);
    for (const outcome of racers) {
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(ArtifactConflictError);
    }
    expect(await readFile(join(directory, "contested.json"), "utf8")).toMatch(/^writer \d$/);
    expect((await readdir(directory)).filter((name) => name.startsWith("."))).toEqual([]);
  });

  test.each([
    ["../escape.json", "a parent segment"],
    ["/etc/passwd", "an absolute path"],
    ["a/../../escape.json", "a parent segment inside"],
    ["a\\..\\escape.json", "backslashes"],
    [".hidden.json", "a hidden file"],
    ["a//b.json", "an empty segment"],
    ["a/", "a trailing slash"],
    ["%2e%2e/escape.json", "percent-encoding"],
    ["", "nothing"],
  ])("refuses the path %j (%s) and writes nothing", async (path) => {
    const store = createLocalFolderStore({ directory, baseUri });
    await expect(store.put(path, text("x"))).rejects.toBeInstanceOf(InvalidArtifactPathError);
    expect(await readdir(parent)).toEqual([]);
  });

  test("get: a foreign URI, a missing artifact and a wrong expected digest are distinct errors", async () => {
    const store = createLocalFolderStore({ directory, baseUri: `${baseUri}/` });
    const { uri } = await store.put("a.json", text("hello"));
    await expect(store.get("http://elsewhere.example/a.json")).rejects.toBeInstanceOf(InvalidArtifactUriError);
    await expect(store.get(`${baseUri}/missing.json`)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get(uri, { expectedDigest: keccakOfEmpty })).rejects.toBeInstanceOf(ArtifactDigestMismatchError);
    // Digests compare case-insensitively (checksummed-looking hex from another tool).
    const upperCase = `0x${keccakOfHello.slice(2).toUpperCase()}` as const;
    expect(await store.get(uri, { expectedDigest: upperCase })).toEqual(text("hello"));
    expect(await store.has(uri)).toBe(true);
    expect(await store.has(`${baseUri}/missing.json`)).toBe(false);
  });

  test("lists published artifacts by prefix, sorted, without unfinished temporary files", async () => {
    const store = createLocalFolderStore({ directory, baseUri });
    expect(await store.list("")).toEqual([]);
    await store.put("s1/round-0001.json", text("bb"));
    await store.put("s1/round-0000.json", text("a"));
    await store.put("s2/round-0000.json", text("ccc"));
    await writeFile(join(directory, "s1", ".tmp-999-0"), "a crashed write");
    expect(await store.list("s1/")).toEqual([
      { path: "s1/round-0000.json", uri: `${baseUri}/s1/round-0000.json`, size: 1 },
      { path: "s1/round-0001.json", uri: `${baseUri}/s1/round-0001.json`, size: 2 },
    ]);
    expect((await store.list("s")).map((entry) => entry.path)).toEqual([
      "s1/round-0000.json",
      "s1/round-0001.json",
      "s2/round-0000.json",
    ]);
    await expect(store.list("../")).rejects.toBeInstanceOf(InvalidArtifactPathError);
  });
});
