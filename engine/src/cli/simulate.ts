#!/usr/bin/env node
/**
 * `simulate`: runs a whole season off-chain from a preset, a dataset, built-in bots and LLM agents, writes its
 * records, standings and results as canonical JSON, and prints a summary. `--help` documents it.
 */
import { runSimulate } from "./runSimulate.ts";

process.exitCode = await runSimulate({
  argv: process.argv.slice(2),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  processId: process.pid,
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
