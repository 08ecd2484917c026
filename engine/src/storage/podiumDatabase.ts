import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/**
 * What every repository function takes: the database (or a transaction on it) and the clock that
 * stamps rows. Both backends (PGlite, node-postgres) are the same Postgres dialect to Drizzle, so
 * the repositories are written once against `PgDatabase`.
 */
export type PodiumDatabase = PgDatabase<PgQueryResultHKT>;

/** Unix milliseconds. Injected so that tests pin timestamps; only bookkeeping, never hashed. */
export type StorageClock = () => number;

export type StorageContext = {
  readonly db: PodiumDatabase;
  readonly clock: StorageClock;
};

/** Runs `work` in one database transaction: everything it wrote is kept, or nothing if it throws. */
export function inTransaction<T>(context: StorageContext, work: (context: StorageContext) => Promise<T>): Promise<T> {
  return context.db.transaction((tx) => work({ db: tx, clock: context.clock }));
}

export function now(context: StorageContext): Date {
  return new Date(context.clock());
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`); for queries Drizzle's builder cannot express. */
export async function queryRows<Row>(db: PodiumDatabase, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as { rows: Row[] }).rows;
}
