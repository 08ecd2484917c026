#!/usr/bin/env node
/**
 * `simulate`: runs a whole season off-chain from a preset, a dataset and built-in bots, writes its
 * records, standings and results as canonical JSON, and prints a summary. `--help` documents it.
 */
import { runSimulate } from "./runSimulate.ts";

process.exitCode = runSimulate({
  argv: process.argv.slice(2),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  processId: process.pid,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
