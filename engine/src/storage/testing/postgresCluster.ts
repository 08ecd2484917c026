import { execFile } from "node:child_process";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PodiumError } from "../../errors/podiumError.ts";

const run = promisify(execFile);

/** A throwaway Postgres server for tests: its own data folder in a temp dir, on a free loopback port. */
export type PostgresCluster = {
  /** Connects as the superuser `postgres` (trust authentication, loopback only) to database `postgres`. */
  readonly url: string;
  readonly port: number;
  readonly directory: string;
  stop(): Promise<void>;
};

export type StartPostgresClusterParameters = {
  /** The folder holding initdb, pg_ctl and postgres (what scripts/ensure-postgres.sh prints). */
  readonly binDir: string;
};

/**
 * initdb + pg_ctl start, tuned for tests (no fsync). Postgres refuses to run as root, so when we
 * are root the folder is handed to the `postgres` user and the programs run as it (runuser).
 */
export async function startPostgresCluster(parameters: StartPostgresClusterParameters): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0;
  // /tmp rather than $TMPDIR as root: the postgres user must be able to reach the folder.
  const directory = await mkdtemp(join(asRoot ? "/tmp" : tmpdir(), "podium-postgres-"));
  const dataDir = join(directory, "data");
  const logFile = join(directory, "postgres.log");
  const exec = async (program: string, args: readonly string[]) => {
    const path = join(parameters.binDir, program);
    return asRoot ? run("runuser", ["-u", "postgres", "--", path, ...args]) : run(path, [...args]);
  };
  try {
    if (asRoot) {
      const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
      const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
      await chown(directory, uid, gid);
    }
    await exec("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw clusterError("initdb failed", error, "");
  }

  let lastError: unknown;
  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeLoopbackPort();
    const options = [
      "-c listen_addresses=127.0.0.1",
      `-p ${port}`,
      `-k ${directory}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
    ].join(" ");
    try {
      await exec("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", options, "start"]);
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        port,
        directory,
        async stop() {
          await exec("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
          await rm(directory, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  const log = await readFile(logFile, "utf8").catch(() => "");
  await rm(directory, { recursive: true, force: true });
  throw clusterError("pg_ctl could not start the server", lastError, log);
}

function clusterError(what: string, error: unknown, log: string): PodiumError {
  const output = (error as { stderr?: string }).stderr ?? (error instanceof Error ? error.message : String(error));
  return new PodiumError(`Cannot start the test Postgres cluster: ${what}.`, {
    details: `${output.trim()}${log === "" ? "" : `\nserver log (end):\n${log.slice(-1500)}`}`,
    hint: "Run scripts/ensure-postgres.sh to check the server programs; set PODIUM_SKIP_POSTGRES=1 to run the storage tests on PGlite only.",
    cause: error,
  });
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
