import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrationsFolder } from "./migrateDatabase.ts";
import { openDatabase } from "./openDatabase.ts";
import { type PodiumDatabase, queryRows } from "./podiumDatabase.ts";
import {
  createTestDatabase,
  openTestStorage,
  storageBackendsUnderTest,
  type TestStorage,
} from "./testing/testStorage.ts";

/** The tables schema.ts declares, which the committed migrations must create. */
const expectedTables = [
  "checkpoints",
  "entrants",
  "leaves",
  "rounds",
  "seasons",
  "transaction_attempts",
  "transactions",
];

async function journalEntries(): Promise<number> {
  const journal = JSON.parse(await readFile(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function appliedMigrations(db: PodiumDatabase): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql.raw("select count(*)::int as n from drizzle.__drizzle_migrations"),
  );
  return rows[0]?.n ?? 0;
}

async function publicTables(db: PodiumDatabase): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql.raw("select table_name from information_schema.tables where table_schema = 'public' order by table_name"),
  );
  return rows.map((row) => row.table_name);
}

describe.each(storageBackendsUnderTest())("migrations on %s", (backend) => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await openTestStorage(backend);
  });
  afterAll(() => storage?.close());

  test("create exactly the schema's tables, one recorded migration per journal entry", async () => {
    expect(await publicTables(storage.db)).toEqual(expectedTables);
    expect(await appliedMigrations(storage.db)).toBe(await journalEntries());
  });

  test("applying them again changes nothing and keeps the data", async () => {
    await storage.db.execute(
      sql.raw(
        "insert into seasons (chain_id, contract, season_id, rules_hash, dataset_hash, params, round_count, status, created_at, updated_at) " +
          `values (1, '0x${"1".repeat(40)}', 7, '0x${"2".repeat(64)}', '0x${"3".repeat(64)}', '{}', 1, 'registered', now(), now())`,
      ),
    );
    await storage.migrate();
    expect(await appliedMigrations(storage.db)).toBe(await journalEntries());
    expect(await queryRows(storage.db, sql.raw("select season_id::text from seasons"))).toEqual([{ season_id: "7" }]);
  });

  test("the database enforces what the repositories promise (a malformed address is refused)", async () => {
    await expect(
      storage.db.execute(
        sql.raw(
          "insert into seasons (chain_id, contract, season_id, rules_hash, dataset_hash, params, round_count, status, created_at, updated_at) " +
            `values (1, '0xNOTANADDRESS', 8, '0x${"2".repeat(64)}', '0x${"3".repeat(64)}', '{}', 1, 'registered', now(), now())`,
        ),
      ),
    ).rejects.toThrow();
  });
});

describe.runIf(storageBackendsUnderTest().includes("postgres"))("migrations on a fresh Postgres database", () => {
  test("runners starting at the same time migrate it once, without colliding", async () => {
    const database = await createTestDatabase();
    try {
      const opened = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ databaseUrl: database.url })));
      try {
        const first = opened[0];
        if (first === undefined) throw new Error("nothing opened");
        expect(await appliedMigrations(first.db)).toBe(await journalEntries());
        expect(await publicTables(first.db)).toEqual(expectedTables);
      } finally {
        await Promise.all(opened.map((storage) => storage.close()));
      }
    } finally {
      await database.drop();
    }
  });
});
