#!/usr/bin/env node
/**
 * `runSeason`: runs a whole season of a PodiumArena on a chain, committing every round and
 * finalizing it; restartable at any point (see docs/runner.md). `--help` documents it.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createPublicClient, getAddress, type Hex, http, isAddress, type LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type ArtifactHttpServer, startArtifactHttpServer } from "../artifacts/store/artifactHttpServer.ts";
import { createLocalFolderStore } from "../artifacts/store/localFolderStore.ts";
import { PodiumError } from "../errors/podiumError.ts";
import { createDemoSeason, devAccount } from "../runner/createDemoSeason.ts";
import { runSeasonOnChain } from "../runner/seasonRunner.ts";
import { devChainIds, type RunnerMode } from "../runner/seasonSchedule.ts";
import { defaultRpcRetryPolicy, withRetries } from "../runner/withRetries.ts";
import { openDatabase } from "../storage/openDatabase.ts";
import { type SimulatePreset, simulatePresets } from "./simulateArguments.ts";

export const runSeasonHelp = `Usage: node engine/src/cli/runSeason.ts [options]
       npm run season -w @podium/engine -- [options]

Runs a season of a PodiumArena contract to its end: reads the season and its entrants from the
chain, checks every entrant's agent config against its frozen on-chain hash, runs the rounds,
publishes each round's artifact, commits its roots with commitRound, and finalizes with the
season's reward split. Kill it at any point and run the same command again: it resumes, and a
round is never committed twice (docs/runner.md).

Chain (environment):
  PODIUM_RPC_URL        JSON-RPC URL (default http://127.0.0.1:8545, a local \`npm run chain\`)
  PODIUM_OPERATOR_KEY   the operator's private key (OPERATOR_ROLE); default on a local dev chain:
                        its first well-known account
  DATABASE_URL          Postgres for the runner's state (default: PGlite in --db)

Season:
  --season <id>         run this existing season
  --create              create a season first (a preset on a seeded synthetic market), with
                        demo entrants from the dev chain's accounts, then run it
  --arena <address>     the PodiumArena (default: contracts/deployments/<chainId>.json)

--create options:
  --preset <name>       ${simulatePresets.join(", ")} (default llmtrader)
  --rounds <n>          rounds (default 24)
  --seed <text>         market and season seed (default podium)
  --entrants <n>        demo entrants, 0-8 (default 6; dev chain only)
  --entry-fee <wei>     entry fee in wei (default 10000000000000000 = 0.01 ETH)
  --protocol-fee <bps>  protocol fee in basis points (default 500)
  --split <bps,...>     reward split by place (default 5000,3000,2000)
  --round-seconds <s>   length of a round on the chain's clock (default 3600)

Running:
  --mode <m>            fast-forward (default on a dev chain: moves the chain's clock) or
                        wall-clock (default elsewhere: rounds on the season's schedule)
  --confirmations <n>   blocks per commitment (default 1 on a dev chain, 3 elsewhere)
  --db <dir>            PGlite folder for the runner's state (default .data/podium-pglite)
  --artifacts-dir <dir> where artifacts are written (default .data/artifacts)
  --artifacts-url <url> public base URL of that folder, committed on-chain with every round;
                        without it the folder is served at http://127.0.0.1:<artifacts-port>/
  --artifacts-port <p>  port of that server (default 8788); keep it fixed across restarts
  --help                this text

Exit codes: 0 finalized; 2 bad input or configuration (a message says what to fix);
1 any other failure (PODIUM_DEBUG=1 prints the stack).`;

export type RunSeasonIo = {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
};

class UsageError extends PodiumError {
  override name = "UsageError";
}

type Options = Record<string, string | true>;

const valued = new Set([
  "--season",
  "--arena",
  "--preset",
  "--rounds",
  "--seed",
  "--entrants",
  "--entry-fee",
  "--protocol-fee",
  "--split",
  "--round-seconds",
  "--mode",
  "--confirmations",
  "--db",
  "--artifacts-dir",
  "--artifacts-url",
  "--artifacts-port",
]);

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h" || arg === "--create") options[arg] = true;
    else if (valued.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) problems.push(`${arg} needs a value`);
      else options[arg] = value;
      i++;
    } else problems.push(`unknown option ${arg}`);
  }
  if (problems.length > 0) throw new UsageError(`Bad arguments: ${problems.join("; ")}.`, { hint: "See --help." });
  return options;
}

function wholeNumber(options: Options, name: string, fallback: number, min: number, max: number): number {
  const text = options[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (typeof text !== "string" || !Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}.`);
  return value;
}

/** Runs the command; resolves to the exit code. */
export async function runSeasonCommand(io: RunSeasonIo): Promise<number> {
  let server: ArtifactHttpServer | undefined;
  let closeStorage: (() => Promise<void>) | undefined;
  try {
    const options = parseOptions(io.argv);
    if (options["--help"] === true || options["-h"] === true) {
      io.stdout(`${runSeasonHelp}\n`);
      return 0;
    }
    const create = options["--create"] === true;
    const seasonText = options["--season"];
    if (create === (seasonText !== undefined))
      throw new UsageError("Give exactly one of --season <id> and --create.", { hint: "See --help." });
    if (typeof seasonText === "string" && !/^\d+$/.test(seasonText))
      throw new UsageError(`--season must be a season id (a whole number), got ${JSON.stringify(seasonText)}.`);
    const preset = (options["--preset"] ?? "llmtrader") as SimulatePreset;
    if (!simulatePresets.includes(preset))
      throw new UsageError(`--preset must be one of ${simulatePresets.join(", ")}, got ${JSON.stringify(preset)}.`);
    const modeText = options["--mode"];
    if (modeText !== undefined && modeText !== "fast-forward" && modeText !== "wall-clock")
      throw new UsageError(`--mode must be fast-forward or wall-clock, got ${JSON.stringify(modeText)}.`);
    const split = String(options["--split"] ?? "5000,3000,2000")
      .split(",")
      .map((part) => Number(part));
    if (split.some((bps) => !Number.isInteger(bps) || bps < 0) || split.reduce((a, b) => a + b, 0) > 10_000)
      throw new UsageError(
        "--split must be whole basis points per place totalling at most 10000, e.g. 5000,3000,2000.",
      );
    const entryFeeText = String(options["--entry-fee"] ?? "10000000000000000");
    if (!/^\d+$/.test(entryFeeText)) throw new UsageError(`--entry-fee must be a whole number of wei.`);
    const rounds = wholeNumber(options, "--rounds", 24, 1, 65_535);
    const entrantCount = wholeNumber(options, "--entrants", 6, 0, 8);
    const protocolFeeBps = wholeNumber(options, "--protocol-fee", 500, 0, 2_000);
    const roundSeconds = wholeNumber(options, "--round-seconds", 3_600, 1, 86_400 * 7);
    const artifactsPort = wholeNumber(options, "--artifacts-port", 8_788, 1, 65_535);
    const confirmationsOption = options["--confirmations"];

    const rpcUrl = io.env.PODIUM_RPC_URL ?? "http://127.0.0.1:8545";
    const transport = http(rpcUrl, { retryCount: 0, timeout: 20_000 });
    const publicClient = createPublicClient({ transport, pollingInterval: 100 });
    let chainId: number;
    try {
      // A flaky node or proxy drops requests now and then: only a node that stays unreachable is an error.
      chainId = await withRetries(() => publicClient.getChainId(), {
        ...defaultRpcRetryPolicy,
        attempts: 4,
        maxDelayMs: 1_000,
      });
    } catch {
      throw new UsageError(`Cannot reach the JSON-RPC node at ${rpcUrl}.`, {
        hint: "Start a local node with `npm run chain`, or set PODIUM_RPC_URL to a reachable node.",
      });
    }
    const devChain = devChainIds.has(chainId);
    let account: LocalAccount;
    const key = io.env.PODIUM_OPERATOR_KEY;
    if (key !== undefined) {
      if (!/^0x[0-9a-fA-F]{64}$/.test(key))
        throw new UsageError("PODIUM_OPERATOR_KEY is not a private key (0x followed by 64 hex digits).");
      account = privateKeyToAccount(key as Hex);
    } else if (devChain) account = devAccount(0);
    else
      throw new UsageError(`Chain ${chainId} is not a local dev chain: set PODIUM_OPERATOR_KEY.`, {
        hint: "Export the operator's private key (never commit it).",
      });
    let arena = options["--arena"];
    if (arena === undefined) {
      const { readDeployment } = await import("@podium/contracts/deployments");
      try {
        arena = readDeployment(chainId).arena;
      } catch (error) {
        throw new UsageError(`No PodiumArena deployment for chain ${chainId}.`, {
          details: (error as Error).message.split("\n")[0] ?? "",
          hint: "Deploy it (npm run deploy) or pass --arena <address>.",
        });
      }
    }
    if (typeof arena !== "string" || !isAddress(arena, { strict: false }))
      throw new UsageError(`--arena must be an address, got ${JSON.stringify(arena)}.`);
    const arenaAddress = getAddress(arena);

    const artifactsDir = resolve(io.cwd, String(options["--artifacts-dir"] ?? ".data/artifacts"));
    mkdirSync(artifactsDir, { recursive: true });
    let baseUri = options["--artifacts-url"];
    if (baseUri === undefined) {
      server = await startArtifactHttpServer({ directory: artifactsDir, port: artifactsPort }).catch(
        (error: unknown) => {
          throw new UsageError(`Cannot serve the artifacts on 127.0.0.1:${artifactsPort}.`, {
            details: String((error as Error).message),
            hint: "Pick another --artifacts-port (the same one on every restart), or pass --artifacts-url.",
          });
        },
      );
      baseUri = server.url;
    }
    const store = createLocalFolderStore({ directory: artifactsDir, baseUri: String(baseUri) });
    const storage = await openDatabase({
      pglitePath: resolve(io.cwd, String(options["--db"] ?? ".data/podium-pglite")),
      environment: io.env,
    });
    closeStorage = () => storage.close();
    const log = (line: string) => io.stdout(`${line}\n`);
    const mode = (modeText ?? (devChain ? "fast-forward" : "wall-clock")) as RunnerMode;
    io.stdout(`chain ${chainId} at ${rpcUrl}, arena ${arenaAddress}, operator ${account.address}, ${mode}\n`);
    io.stdout(`state: ${storage.backend} ${storage.location}; artifacts: ${artifactsDir} at ${baseUri}\n`);

    let seasonId: bigint;
    if (create) {
      const retry = { ...defaultRpcRetryPolicy };
      const created = await createDemoSeason({
        publicClient,
        transport,
        operator: account,
        arena: arenaAddress,
        store,
        clock: {
          publicClient,
          mode,
          devChain,
          retry,
          sleep: retry.sleep,
          nowSeconds: () => Math.floor(Date.now() / 1000), // determinism-ok: wall-clock waits only
          log,
        },
        retry,
        preset,
        rounds,
        seed: String(options["--seed"] ?? "podium"),
        entrants: entrantCount,
        entryFee: BigInt(entryFeeText),
        protocolFeeBps,
        rewardSplitBps: split,
        roundSeconds,
      });
      seasonId = created.seasonId;
      io.stdout(
        `created season ${seasonId} (manifest ${created.manifestUri}) with ${created.entrants.length} entrant(s)\n`,
      );
    } else seasonId = BigInt(seasonText as string);

    const outcome = await runSeasonOnChain({
      publicClient,
      account,
      arena: arenaAddress,
      seasonId,
      storage,
      store,
      mode,
      ...(confirmationsOption === undefined
        ? {}
        : { confirmations: wholeNumber(options, "--confirmations", 1, 1, 1_000) }),
      log,
    });
    io.stdout(
      `season ${seasonId} finalized: ${outcome.rounds.length} rounds, results root ${outcome.resultsCommitment.resultsRoot}, total payout ${outcome.resultsCommitment.totalPayout} wei, results ${outcome.resultsUri}\n`,
    );
    for (const entry of outcome.resultsCommitment.artifact.results)
      io.stdout(`  #${entry.rank} entrant ${entry.entrantIndex} ${entry.wallet} reward ${entry.reward}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PodiumError) {
      io.stderr(`${error.message}\n`);
      if (io.env.PODIUM_DEBUG === "1") io.stderr(`${error.stack ?? ""}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    io.stderr(`runSeason failed: ${(error as Error).message ?? String(error)}\n`);
    if (io.env.PODIUM_DEBUG === "1") io.stderr(`${(error as Error).stack ?? ""}\n`);
    return 1;
  } finally {
    await server?.close();
    await closeStorage?.();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runSeasonCommand({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
