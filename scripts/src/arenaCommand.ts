#!/usr/bin/env node
/**
 * `npm run arena` (`scripts/podium arena`): builds the contracts, then runs the arena (arena.ts).
 * The build comes first and apart because the arena's modules, the engine's included, import the
 * ABI the build generates (contracts/generated/abi.ts, git-ignored): on a fresh clone they cannot
 * even be loaded before it. Only node's own modules are imported here.
 */
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const argv = process.argv.slice(2);

// Even `--help` needs the build on a fresh clone: the help and the argument parser live in arena.ts.
if (!argv.includes("--skip-build")) {
  process.stdout.write("building contracts ...\n");
  // The compiler's output (OpenZeppelin's own warnings included) is shown only when the build fails.
  const build = spawnSync("npm", ["run", "build:contracts", "--silent"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}`);
    process.stderr.write(
      "npm run build:contracts failed.\nHint: the compiler's output is above; `npm run build:contracts` alone reproduces it.\n",
    );
    process.exit(1);
  }
}
const { runArenaCommand } = await import("./arena.ts");
process.exitCode = await runArenaCommand(argv);
