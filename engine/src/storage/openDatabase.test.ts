import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { latestCheckpoint } from "./checkpointRepository.ts";
import { inMemoryPglitePath, openDatabase, redactUrl } from "./openDatabase.ts";
import { listRounds, roundLeaves } from "./roundRepository.ts";
import { getSeason, registerSeason } from "./seasonRepository.ts";
import { DatabaseInUseError, DatabaseOpenError } from "./storageErrors.ts";
import { crashWriterRecordsPerRound } from "./testing/pgliteCrashWriter.ts";
import { seasonParameters, testSeason } from "./testing/storageFixtures.ts";
import { createTestDatabase, storageBackendsUnderTest } from "./testing/testStorage.ts";

const crashWriter = fileURLToPath(new URL("./testing/pgliteCrashWriter.ts", import.meta.url));

describe("openDatabase chooses the backend", () => {
  test("DATABASE_URL selects Postgres, and a URL of another kind is refused with a hint", async () => {
    const error = await openDatabase({ environment: { DATABASE_URL: "mysql://user:secret@db/podium" } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error).toMatchObject({ backend: "postgres", location: "mysql://user:***@db/podium" });
    expect((error as DatabaseOpenError).message).toMatch(/Hint: Set DATABASE_URL to postgres:\/\//);
  });

  test("an explicit PGlite path wins over DATABASE_URL", async () => {
    const storage = await openDatabase({
      pglitePath: inMemoryPglitePath,
      environment: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
    });
    try {
      expect(storage.backend).toBe("pglite");
      expect(storage.location).toBe("memory://");
      expect((await registerSeason(storage, seasonParameters)).created).toBe(true);
    } finally {
      await storage.close();
    }
  });

  test("an unreachable Postgres server is a DatabaseOpenError without the password", async () => {
    const port = await closedLoopbackPort();
    const error = await openDatabase({ databaseUrl: `postgres://podium:hunter2@127.0.0.1:${port}/podium` }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).message).toContain(`postgres://podium:***@127.0.0.1:${port}/podium`);
    expect((error as DatabaseOpenError).message).not.toContain("hunter2");
    expect((error as DatabaseOpenError).message).toMatch(/the server could not be reached/);
  });

  test("redactUrl hides only the password", () => {
    expect(redactUrl("postgres://u:p@h:5432/d?sslmode=require")).toBe("postgres://u:***@h:5432/d?sslmode=require");
    expect(redactUrl("postgres://u@h/d")).toBe("postgres://u@h/d");
  });
});

describe.runIf(storageBackendsUnderTest().includes("postgres"))("openDatabase on Postgres", () => {
  test("DATABASE_URL from the environment opens and migrates that database", async () => {
    const database = await createTestDatabase();
    try {
      const storage = await openDatabase({ environment: { DATABASE_URL: database.url } });
      try {
        expect(storage.backend).toBe("postgres");
        await registerSeason(storage, seasonParameters);
        expect((await getSeason(storage, testSeason))?.roundCount).toBe(4);
      } finally {
        await storage.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe("a PGlite folder", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "podium-pglite-test-"));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  test("keeps committed data across close and reopen, and refuses a second opener meanwhile", async () => {
    const path = join(directory, "reopen");
    const first = await openDatabase({ pglitePath: path });
    try {
      await registerSeason(first, seasonParameters);
      const error = await openDatabase({ pglitePath: path }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DatabaseInUseError);
      expect((error as DatabaseInUseError).ownerPid).toBe(process.pid);
    } finally {
      await first.close();
    }
    const reopened = await openDatabase({ pglitePath: path });
    try {
      expect((await getSeason(reopened, testSeason))?.rulesHash).toBe(seasonParameters.rulesHash);
      expect(await listRounds(reopened, testSeason)).toHaveLength(4);
    } finally {
      await reopened.close();
    }
  });

  test("after kill -9 mid-write, reopening finds every reported round whole and no partial one", async () => {
    const path = join(directory, "crash");
    const child = spawn(process.execPath, [crashWriter, path], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let lastReported = -1;
    await new Promise<void>((resolve, reject) => {
      let buffered = "";
      child.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        for (const match of buffered.matchAll(/saved (\d+)\n/g)) lastReported = Number(match[1]);
        buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
        // Kill while the writer is in the middle of its next rounds, not between them.
        if (lastReported >= 3) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.once("exit", (code) => {
        if (lastReported < 3) reject(new Error(`the writer exited (${code}) before writing: ${stderr}`));
      });
    });
    await exited;
    // The dead writer's lock is still there; opening takes it over.
    expect(Number.parseInt(await readFile(`${path}.lock`, "utf8"), 10)).toBe(child.pid);

    const storage = await openDatabase({ pglitePath: path });
    try {
      const rounds = await listRounds(storage, testSeason);
      const simulated = rounds.filter((round) => round.status === "simulated").map((round) => round.roundIndex);
      // Every reported round is there (committed before "saved" was printed), in order, without gaps.
      expect(simulated.length).toBeGreaterThanOrEqual(lastReported + 1);
      expect(simulated).toEqual(simulated.map((_, i) => i));
      for (const roundIndex of simulated) {
        expect(await roundLeaves(storage, testSeason, roundIndex, "records")).toHaveLength(crashWriterRecordsPerRound);
      }
      // The round being written when the process died left nothing behind.
      expect(await roundLeaves(storage, testSeason, simulated.length, "records")).toHaveLength(0);
      expect((await latestCheckpoint(storage, testSeason))?.roundIndex).toBe(simulated.length - 1);
    } finally {
      await storage.close();
    }
  }, 120_000);
});

/** A loopback port nothing listens on (bound, then released). */
function closedLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
