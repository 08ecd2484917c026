/**
 * Storage benchmark: how fast the runner persists a simulated round (every record and standing
 * leaf, the roots and a checkpoint, in one transaction) on each backend, and how long opening the
 * embedded PGlite database takes (what a restarted runner waits for). Postgres is measured on a
 * throwaway cluster when scripts/ensure-postgres.sh finds its programs; PGlite is the baseline.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchResult, reportBench } from "@podium/scripts/bench";
import { openDatabase, type PodiumStorage } from "./openDatabase.ts";
import { type LeafInput, saveSimulatedRound } from "./roundRepository.ts";
import { registerSeason } from "./seasonRepository.ts";
import { startPostgresCluster } from "./testing/postgresCluster.ts";
import { hash, seasonParameters, testSeason } from "./testing/storageFixtures.ts";

const now = () => performance.now(); // determinism-ok: a benchmark times itself
const rounds = 8;
const recordsPerRound = 5_000;
const entrants = 50;

const records: LeafInput[] = Array.from({ length: recordsPerRound }, (_, i) => ({
  entrantIndex: i % entrants,
  kind: "orderFilled",
  values: [31337n, testSeason.contract, 1n, 0, i % entrants, i, "BTC", 123_456_789_000n, hash(`leaf ${i}`)],
  leafHash: hash(`leaf hash ${i}`),
}));
const standings: LeafInput[] = Array.from({ length: entrants }, (_, i) => ({
  entrantIndex: i,
  kind: "standing",
  values: [31337n, testSeason.contract, 1n, i, 100_000_000_000n, hash(`positions ${i}`), "active"],
}));
const checkpoint = new Uint8Array(64 * 1024);

/** Leaves stored per second over `rounds` rounds. */
async function leavesPerSecond(storage: PodiumStorage): Promise<number> {
  await registerSeason(storage, { ...seasonParameters, roundCount: rounds });
  const started = now();
  for (let roundIndex = 0; roundIndex < rounds; roundIndex++) {
    await saveSimulatedRound(storage, {
      season: testSeason,
      roundIndex,
      recordsRoot: hash(`records ${roundIndex}`),
      standingsRoot: hash(`standings ${roundIndex}`),
      records,
      standings,
      checkpoint,
    });
  }
  const seconds = (now() - started) / 1000;
  return Math.round((rounds * (recordsPerRound + entrants)) / seconds);
}

const directory = await mkdtemp(join(tmpdir(), "podium-storage-bench-"));
const results: BenchResult[] = [];
try {
  const pglitePath = join(directory, "pglite");
  let started = now();
  const pglite = await openDatabase({ pglitePath });
  const createSeconds = (now() - started) / 1000;
  const pgliteRate = await leavesPerSecond(pglite);
  await pglite.close();
  started = now();
  const reopened = await openDatabase({ pglitePath });
  const reopenSeconds = (now() - started) / 1000;
  await reopened.close();
  const note = `${rounds} rounds of ${recordsPerRound} records + ${entrants} standings, 64 KiB checkpoint`;
  results.push(
    { name: "storage.saveRound.pglite", value: pgliteRate, unit: "leaves/s", better: "higher", note },
    {
      name: "storage.pglite.open.create",
      value: Math.round(createSeconds * 100) / 100,
      unit: "s",
      better: "lower",
      note: "new folder: start + migrations",
    },
    {
      name: "storage.pglite.open.reopen",
      value: Math.round(reopenSeconds * 100) / 100,
      unit: "s",
      better: "lower",
      note: "existing folder (a runner restart)",
    },
  );

  const script = fileURLToPath(new URL("../../../scripts/ensure-postgres.sh", import.meta.url));
  let binDir: string | undefined;
  try {
    binDir = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    process.stderr.write("storage bench: no PostgreSQL programs, Postgres not measured\n");
  }
  if (binDir !== undefined) {
    const cluster = await startPostgresCluster({ binDir });
    try {
      const postgres = await openDatabase({ databaseUrl: cluster.url });
      const postgresRate = await leavesPerSecond(postgres);
      await postgres.close();
      results.push({
        name: "storage.saveRound.postgres",
        value: postgresRate,
        unit: "leaves/s",
        better: "higher",
        baseline: { name: "storage.saveRound.pglite", value: pgliteRate },
        note: `${note}; throwaway cluster without fsync`,
      });
    } finally {
      await cluster.stop();
    }
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}
reportBench(results);
