import { isAbsolute, resolve } from "node:path";
import { parseUtcTime } from "../market/parseUtcTime.ts";
import { SimulateUsageError } from "./simulateUsageError.ts";

export const simulatePresets = ["llmtrader", "macro", "daily-tournament", "tournament"] as const;
export type SimulatePreset = (typeof simulatePresets)[number];

/** `--dataset` values: the seeded generator, CSV files, or the real npm data. */
export type DatasetSpec =
  | { kind: "synthetic"; seed: string }
  | { kind: "csv"; paths: string[] }
  | { kind: "npm"; name: "sp500-eurusd" };

export type SimulateOptions = {
  help: boolean;
  preset: SimulatePreset;
  dataset: DatasetSpec;
  /** Path of the agents file; undefined: the default mix. */
  agents: string | undefined;
  rounds: number | undefined;
  /** Unix seconds. */
  from: number | undefined;
  seed: string;
  out: string | undefined;
  force: boolean;
  splitBps: number[] | undefined;
  /** HTTP attempts in flight at once across every LLM agent (default 4). */
  concurrency: number;
  /** Where the full (private) decision log is written; undefined: not written. */
  privateLog: string | undefined;
};

const valued = new Set([
  "--preset",
  "--dataset",
  "--agents",
  "--rounds",
  "--from",
  "--seed",
  "--out",
  "--split",
  "--concurrency",
  "--private-log",
]);
const flags = new Set(["--help", "-h", "--force"]);

/**
 * Reads the command line (every problem at once). Relative paths are resolved against `cwd`: the
 * directory the user ran the command from (npm run sets INIT_CWD to it).
 */
export function parseSimulateArguments(argv: readonly string[], cwd: string): SimulateOptions {
  const problems: string[] = [];
  const values = new Map<string, string>();
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const [name, inline] =
      raw.startsWith("--") && raw.includes("=")
        ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)]
        : [raw, undefined];
    if (flags.has(name)) {
      seen.add(name);
      continue;
    }
    if (!valued.has(name)) {
      problems.push(`unknown argument ${JSON.stringify(raw)}`);
      continue;
    }
    if (seen.has(name)) problems.push(`${name} is given twice`);
    seen.add(name);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      problems.push(`${name} needs a value`);
      if (value !== undefined) i--;
      continue;
    }
    values.set(name, value);
  }
  const help = seen.has("--help") || seen.has("-h");
  const path = (value: string) => (isAbsolute(value) ? value : resolve(cwd, value));

  const preset = (values.get("--preset") ?? "llmtrader") as SimulatePreset;
  if (!simulatePresets.includes(preset))
    problems.push(`--preset must be one of ${simulatePresets.join(", ")}, got ${JSON.stringify(preset)}`);

  let dataset: DatasetSpec = { kind: "synthetic", seed: "podium" };
  const datasetText = values.get("--dataset");
  if (datasetText !== undefined) {
    const [kind, ...rest] = datasetText.split(":");
    const argument = rest.join(":");
    if (kind === "synthetic") dataset = { kind: "synthetic", seed: argument === "" ? "podium" : argument };
    else if (kind === "csv" && argument !== "")
      dataset = {
        kind: "csv",
        paths: argument
          .split(",")
          .filter((p) => p !== "")
          .map(path),
      };
    else if (kind === "npm" && argument === "sp500-eurusd") dataset = { kind: "npm", name: "sp500-eurusd" };
    else
      problems.push(
        `--dataset must be synthetic[:seed], csv:<dir or file,file,...> or npm:sp500-eurusd, got ${JSON.stringify(datasetText)}`,
      );
  }

  let rounds: number | undefined;
  const roundsText = values.get("--rounds");
  if (roundsText !== undefined) {
    rounds = Number(roundsText);
    if (!/^\d+$/.test(roundsText) || rounds < 1 || rounds > 1_000_000) {
      problems.push(`--rounds must be a whole number from 1 to 1000000, got ${JSON.stringify(roundsText)}`);
      rounds = undefined;
    }
  }

  let from: number | undefined;
  const fromText = values.get("--from");
  if (fromText !== undefined) {
    const parsed = parseUtcTime(fromText);
    if ("error" in parsed) problems.push(`--from: ${parsed.error} (e.g. 2019-06-03 or 2024-01-01T00:00:00Z)`);
    else from = parsed.time;
  }

  const seed = values.get("--seed") ?? "podium";
  if (seed.trim() === "") problems.push("--seed must not be empty");

  let splitBps: number[] | undefined;
  const splitText = values.get("--split");
  if (splitText !== undefined) {
    splitBps = splitText.split(",").map(Number);
    if (!splitBps.every((bps) => Number.isInteger(bps) && bps >= 0) || splitBps.reduce((a, b) => a + b, 0) > 10_000) {
      problems.push(
        `--split must be basis points by place totalling at most 10000, e.g. 5000,3000,2000; got ${JSON.stringify(splitText)}`,
      );
      splitBps = undefined;
    }
  }

  let concurrency = 4;
  const concurrencyText = values.get("--concurrency");
  if (concurrencyText !== undefined) {
    concurrency = Number(concurrencyText);
    if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 1_000) {
      problems.push(`--concurrency must be a whole number from 1 to 1000, got ${JSON.stringify(concurrencyText)}`);
      concurrency = 4;
    }
  }

  if (problems.length > 0 && !help) throw new SimulateUsageError(problems);
  const agents = values.get("--agents");
  const out = values.get("--out");
  const privateLog = values.get("--private-log");
  return {
    help,
    preset,
    dataset,
    agents: agents === undefined ? undefined : path(agents),
    rounds,
    from,
    seed,
    out: out === undefined ? undefined : path(out),
    force: seen.has("--force"),
    splitBps,
    concurrency,
    privateLog: privateLog === undefined ? undefined : path(privateLog),
  };
}
