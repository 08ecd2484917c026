import { sql } from "drizzle-orm";
import pg from "pg";
import { inject } from "vitest";
import { inMemoryPglitePath, openDatabase, type PodiumStorage } from "../openDatabase.ts";
import type { StorageClock } from "../podiumDatabase.ts";

export type StorageBackendUnderTest = "pglite" | "postgres";

/** The backends the storage tests run on: PGlite always, Postgres unless PODIUM_SKIP_POSTGRES=1. */
export function storageBackendsUnderTest(): StorageBackendUnderTest[] {
  const url = inject("podiumPostgresUrl");
  if (url === undefined) {
    throw new Error(
      "The storage tests run in the vitest project `storage`, whose global setup starts Postgres (see engine/vitest.config.ts).",
    );
  }
  return url === null ? ["pglite"] : ["pglite", "postgres"];
}

/** The test Postgres server's admin URL; only call when the backend is `postgres`. */
export function testPostgresUrl(): string {
  const url = inject("podiumPostgresUrl");
  if (typeof url !== "string") throw new Error("No test Postgres server: PODIUM_SKIP_POSTGRES=1 is set.");
  return url;
}

export type TestStorage = PodiumStorage & {
  /** Empties every table, so each test starts from a clean database. */
  reset(): Promise<void>;
};

/** A settable clock: tests read and move `clock.at` (unix ms). */
export function testClock(start = 1_767_225_600_000): { at: number; clock: StorageClock } {
  const state = {
    at: start,
    clock: () => state.at,
  };
  return state;
}

let databaseCounter = 0;

/**
 * A fresh, migrated database on `backend`: an in-memory PGlite, or a new database on the test
 * Postgres server (dropped on close). Opening PGlite takes seconds here, so test files open one
 * per backend and `reset` between tests.
 */
export async function openTestStorage(
  backend: StorageBackendUnderTest,
  parameters: { clock?: StorageClock } = {},
): Promise<TestStorage> {
  const clockOption = parameters.clock === undefined ? {} : { clock: parameters.clock };
  if (backend === "pglite") {
    return withReset(await openDatabase({ pglitePath: inMemoryPglitePath, ...clockOption }), async () => undefined);
  }
  const database = await createTestDatabase();
  const storage = await openDatabase({ databaseUrl: database.url, ...clockOption });
  return withReset(storage, database.drop);
}

/** A new empty database on the test Postgres server, and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = testPostgresUrl();
  const name = `podium_test_${process.pid}_${databaseCounter++}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withReset(storage: PodiumStorage, afterClose: () => Promise<void>): TestStorage {
  return {
    ...storage,
    async reset() {
      await storage.db.execute(
        sql.raw(
          "truncate table transaction_attempts, transactions, checkpoints, leaves, rounds, entrants, seasons restart identity cascade",
        ),
      );
    },
    async close() {
      await storage.close();
      await afterClose();
    },
  };
}
