import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { PodiumError } from "../../errors/podiumError.ts";
import { startPostgresCluster } from "./postgresCluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The admin URL of the Postgres server the storage tests use, or null when skipped on purpose. */
    podiumPostgresUrl: string | null;
  }
}

const ensurePostgresScript = fileURLToPath(new URL("../../../../scripts/ensure-postgres.sh", import.meta.url));

/**
 * Vitest global setup of the `storage` project: every storage test runs on PGlite and on Postgres.
 * Starts a throwaway Postgres cluster (scripts/ensure-postgres.sh finds or installs the programs)
 * and stops it after the run. `PODIUM_TEST_POSTGRES_URL` uses an existing server instead (it must
 * allow CREATE DATABASE). `PODIUM_SKIP_POSTGRES=1` runs the PGlite half only; without it, a
 * Postgres that cannot be started fails the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.PODIUM_SKIP_POSTGRES === "1") {
    console.warn("storage tests: PODIUM_SKIP_POSTGRES=1, running on PGlite only (Postgres is NOT tested)");
    project.provide("podiumPostgresUrl", null);
    return undefined;
  }
  const external = process.env.PODIUM_TEST_POSTGRES_URL;
  if (external !== undefined && external !== "") {
    const client = new pg.Client({ connectionString: external });
    try {
      await client.connect();
      await client.query("select 1");
    } catch (error) {
      throw new PodiumError("The Postgres server in PODIUM_TEST_POSTGRES_URL cannot be reached.", {
        details: error instanceof Error ? error.message : String(error),
        hint: "Start that server, fix the URL, or unset PODIUM_TEST_POSTGRES_URL to let the tests start their own.",
        cause: error,
      });
    } finally {
      await client.end().catch(() => undefined);
    }
    project.provide("podiumPostgresUrl", external);
    return undefined;
  }
  let binDir: string;
  try {
    binDir = (await promisify(execFile)("bash", [ensurePostgresScript])).stdout.trim();
  } catch (error) {
    throw new PodiumError("The storage tests need PostgreSQL, and it is not available.", {
      details: (error as { stderr?: string }).stderr?.trim() ?? String(error),
      hint: "Install PostgreSQL >= 15 (or run as root with apt-get, which installs it), set PODIUM_TEST_POSTGRES_URL to a server, or set PODIUM_SKIP_POSTGRES=1 to test PGlite only.",
      cause: error,
    });
  }
  const cluster = await startPostgresCluster({ binDir });
  project.provide("podiumPostgresUrl", cluster.url);
  return () => cluster.stop();
}
