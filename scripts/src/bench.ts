/**
 * `npm run bench`: runs every `*.bench.ts` file of every workspace, each in its own Node process
 * (benchmarks must not share a heap), and writes `bench/results.json` and `bench/RESULTS.md`.
 *
 * Usage: npm run bench [-- <substring of the bench file paths>...]
 * A filtered run replaces only the figures of the files it ran.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRecord } from "./bench/report.ts";
import { renderBenchTable } from "./bench/table.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const rootPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces: string[] };
const filters = process.argv.slice(2);

function findBenchFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findBenchFiles(path);
    return entry.name.endsWith(".bench.ts") ? [path] : [];
  });
}

const files = rootPackage.workspaces
  .flatMap((workspace) => findBenchFiles(join(root, workspace)))
  .filter((file) => filters.length === 0 || filters.some((filter) => relative(root, file).includes(filter)))
  .sort();

const scratch = mkdtempSync(join(tmpdir(), "podium-bench-"));
const out = join(scratch, "results.jsonl");
writeFileSync(out, "");
const failed: string[] = [];
for (const file of files) {
  const name = relative(root, file);
  process.stdout.write(`bench: ${name}\n`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--max-old-space-size=8192", file], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PODIUM_BENCH_OUT: out, PODIUM_BENCH_FILE: name },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`bench: ${name} ${run.status === 0 ? "done" : "FAILED"} in ${seconds.toFixed(1)} s\n`);
  if (run.status !== 0) failed.push(name);
}

const measured = readFileSync(out, "utf8")
  .split("\n")
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line) as BenchRecord & { file: string });
rmSync(scratch, { recursive: true, force: true });

if (failed.length > 0) {
  process.stderr.write(`bench: ${failed.length} benchmark(s) failed: ${failed.join(", ")}; results not written\n`);
  process.exit(1);
}
// A filtered run re-measures only some files: their figures replace those files' figures in the
// committed results, and every other file's figures stay as they were.
const resultsDir = join(root, "bench");
const resultsFile = join(resultsDir, "results.json");
const ranFiles = new Set(files.map((file) => relative(root, file)));
const previous = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { results: (BenchRecord & { file: string })[] }).results
  : [];
const records = [...previous.filter((record) => !ranFiles.has(record.file)), ...measured].sort((a, b) =>
  a.file === b.file ? 0 : a.file < b.file ? -1 : 1,
);
mkdirSync(resultsDir, { recursive: true });
const machine = { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length };
writeFileSync(resultsFile, `${JSON.stringify({ machine, results: records }, null, 2)}\n`);
writeFileSync(join(resultsDir, "RESULTS.md"), renderBenchTable(records, machine));
process.stdout.write(
  `bench: ${measured.length} figure(s) from ${files.length} file(s); bench/results.json and bench/RESULTS.md hold ${records.length}\n`,
);
