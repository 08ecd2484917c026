import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { acquirePgliteLock } from "./pgliteLock.ts";
import { DatabaseInUseError } from "./storageErrors.ts";

describe("acquirePgliteLock", () => {
  let directory: string;
  let path: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "podium-lock-test-"));
    path = join(directory, "db");
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  test("writes our pid beside the folder and removes it on release", async () => {
    const release = await acquirePgliteLock(path);
    expect(await readFile(`${path}.lock`, "utf8")).toBe(`${process.pid}\n`);
    await expect(acquirePgliteLock(path)).rejects.toBeInstanceOf(DatabaseInUseError);
    await release();
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("takes over the lock of a process that is gone", async () => {
    // A pid that existed and has exited: a child run to completion.
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(`${path}.lock`, `${deadPid}\n`);
    const release = await acquirePgliteLock(path);
    expect(await readFile(`${path}.lock`, "utf8")).toBe(`${process.pid}\n`);
    await release();
  });

  test("takes over a half-written lock (a crash between create and write)", async () => {
    await writeFile(`${path}.lock`, "");
    const release = await acquirePgliteLock(path);
    expect(await readFile(`${path}.lock`, "utf8")).toBe(`${process.pid}\n`);
    await release();
  });
});
