import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { migratePglite, migratePostgres } from "./migrateDatabase.ts";
import { acquirePgliteLock } from "./pgliteLock.ts";
import type { StorageClock, StorageContext } from "./podiumDatabase.ts";
import { DatabaseOpenError } from "./storageErrors.ts";

export type DatabaseBackend = "pglite" | "postgres";

/** Where the embedded database lives by default, relative to the working directory (git-ignored). */
export const defaultPglitePath = ".data/podium-pglite";
/** Pass as `pglitePath` for a database that lives in memory only (tests). */
export const inMemoryPglitePath = "memory://";

export type OpenDatabaseParameters = {
  /** A `postgres://` URL; wins over everything else. */
  readonly databaseUrl?: string;
  /** A PGlite folder, or `memory://`; used when no `databaseUrl` is given. */
  readonly pglitePath?: string;
  /** Where `DATABASE_URL` is read from when neither option is given; `process.env` by default. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Stamps rows; the system clock by default. */
  readonly clock?: StorageClock;
  /** Apply pending migrations on open (the default); false to open a database as it is. */
  readonly migrate?: boolean;
  /** Postgres connection pool size (default 10). */
  readonly maxConnections?: number;
};

export type PodiumStorage = StorageContext & {
  readonly backend: DatabaseBackend;
  /** The PGlite folder (or `memory://`), or the Postgres URL without its password. */
  readonly location: string;
  /** Applies pending migrations (openDatabase already did unless `migrate: false`); a no-op when current. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

// Row timestamps are operational bookkeeping, never hashed or committed.
const systemClock: StorageClock = () => Date.now(); // determinism-ok

/**
 * Opens the runner's database and brings its schema up to date. The backend is chosen by, in order:
 * `databaseUrl`, `pglitePath`, the `DATABASE_URL` environment variable (Postgres), and otherwise
 * PGlite in `.data/podium-pglite`. Both run the same migrations and the same repository code.
 */
export async function openDatabase(parameters: OpenDatabaseParameters = {}): Promise<PodiumStorage> {
  const environment = parameters.environment ?? process.env;
  const clock = parameters.clock ?? systemClock;
  const migrate = parameters.migrate ?? true;
  const databaseUrl =
    parameters.databaseUrl ?? (parameters.pglitePath === undefined ? nonEmpty(environment.DATABASE_URL) : undefined);
  if (databaseUrl !== undefined) {
    return openPostgres(databaseUrl, clock, migrate, parameters.maxConnections ?? 10);
  }
  return openPglite(parameters.pglitePath ?? defaultPglitePath, clock, migrate);
}

async function openPglite(path: string, clock: StorageClock, migrate: boolean): Promise<PodiumStorage> {
  const inMemory = path === inMemoryPglitePath;
  const location = inMemory ? path : resolve(path);
  let release: () => Promise<void> = async () => undefined;
  if (!inMemory) {
    await mkdir(dirname(location), { recursive: true });
    release = await acquirePgliteLock(location);
  }
  let client: PGlite | undefined;
  try {
    client = inMemory ? new PGlite() : new PGlite(location);
    await client.waitReady;
    if (migrate) await migratePglite(client);
  } catch (error) {
    await client?.close().catch(() => undefined);
    await release();
    throw new DatabaseOpenError({
      backend: "pglite",
      location,
      problem: migrate ? "it could not be started or migrated" : "it could not be started",
      hint: "If the folder was written by another PGlite version or is damaged, move it aside; the runner rebuilds its state from the chain and the artifact store.",
      cause: error,
    });
  }
  const opened = client;
  return {
    db: drizzlePglite({ client: opened }),
    clock,
    backend: "pglite",
    location,
    migrate: () => migratePglite(opened),
    async close() {
      await opened.close();
      await release();
    },
  };
}

async function openPostgres(
  databaseUrl: string,
  clock: StorageClock,
  migrate: boolean,
  maxConnections: number,
): Promise<PodiumStorage> {
  const location = redactUrl(databaseUrl);
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new DatabaseOpenError({
      backend: "postgres",
      location,
      problem: "the URL is not a postgres:// or postgresql:// URL",
      hint: "Set DATABASE_URL to postgres://user:password@host:5432/database, or unset it to use the embedded PGlite database.",
    });
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle connection dropped by the server only leaves the pool; the next query reports any outage.
  pool.on("error", () => undefined);
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseOpenError({
      backend: "postgres",
      location,
      problem: "the server could not be reached",
      hint: "Check that Postgres is running and that DATABASE_URL's host, port, user, password and database are right.",
      cause: error,
    });
  }
  if (migrate) {
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new DatabaseOpenError({
        backend: "postgres",
        location,
        problem: "its migrations could not be applied",
        hint: "The user in DATABASE_URL needs the right to create schemas and tables in that database.",
        cause: error,
      });
    }
  }
  return {
    db: drizzlePostgres({ client: pool }),
    clock,
    backend: "postgres",
    location,
    migrate: () => migratePostgres(pool),
    async close() {
      await pool.end();
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unparsable URL)";
  }
}
