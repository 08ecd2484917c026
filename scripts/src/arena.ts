/**
 * The complete local arena in one command, on embedded defaults (`npm run arena`, through
 * arenaCommand.ts, which builds the contracts first). Starts a local Hardhat node, deploys PodiumArena, creates a
 * season on a seeded synthetic market, has demo wallets enter with built-in bots (rule-breakers
 * included), runs every round through the season runner (artifacts served over HTTP, roots
 * committed on-chain), finalizes, waits out the dispute window, lets the winners claim with Merkle
 * proofs, prints a summary and verifies the season with the independent verifier.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { podiumArenaAbi, seasonPayoutAbi } from "@podium/contracts/abi";
import { deployPodium } from "@podium/contracts/deployPodium";
import {
  createDemoSeason,
  createLocalFolderStore,
  defaultRpcRetryPolicy,
  devAccount,
  devChainFastForwardClock,
  openDatabase,
  PodiumError,
  runSeasonOnChain,
  startArtifactHttpServer,
} from "@podium/engine";
import { type Address, createPublicClient, createWalletClient, formatEther, type Hex, http } from "viem";
import { countDenials, type EntrantDenials, formatDenials, type RoundArtifactRecords } from "./arenaDenials.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const arenaHelp = `Usage: npm run arena -- [options]      (or scripts/podium arena, node scripts/src/arenaCommand.ts)

The complete local arena: build, local chain, deploy, a season of built-in bots with on-chain
commitments, finalization, claims, a summary and an independent verification.

  --rounds <n>      rounds of the season (default 24, hourly bars)
  --seed <text>     market and season seed (default podium)
  --entrants <n>    demo wallets entering, 2-8 (default 8: four strategies, four rule-breakers)
  --keep-running    leave the chain and the artifact server up (Ctrl-C stops them)
  --skip-build      do not rebuild the contracts
  --help            this text

Data: .data/arena/ (artifacts/, the runner's PGlite database pglite/), contracts/deployments/31337.json.`;

export type ArenaOptions = {
  rounds: number;
  seed: string;
  entrants: number;
  keepRunning: boolean;
  /** Read by the command, which builds before the arena's modules load (arenaCommand.ts). */
  skipBuild: boolean;
  /** Where the arena's data goes (default .data/arena). */
  dataDir?: string;
  /** Where deployments are written (default contracts/deployments). */
  deploymentsDir?: string;
  log?: (line: string) => void;
};

export type ArenaReturnType = {
  rpcUrl: string;
  arena: Address;
  seasonId: bigint;
  claimed: { entrantIndex: number; wallet: Address; reward: bigint }[];
  /** The summary table's rows, by rank (unranked last). */
  entrants: ArenaEntrantSummary[];
  verified: boolean | undefined;
  close(): Promise<void>;
};

export type ArenaEntrantSummary = {
  entrantIndex: number;
  bot: string;
  status: string;
  rank: number | null;
  /** Orders and stop-loss moves refused (risk rules and banned-strategy rules), from the round artifacts. */
  denials: EntrantDenials;
  /** Conduct outcomes (flags, disqualifications): `<action> <rule>`. */
  violations: string[];
};

class ArenaUsageError extends PodiumError {
  override name = "ArenaUsageError";
}

export function parseArenaArguments(argv: readonly string[]): ArenaOptions | "help" {
  const options: ArenaOptions = { rounds: 24, seed: "podium", entrants: 8, keepRunning: false, skipBuild: false };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--keep-running") options.keepRunning = true;
    else if (arg === "--skip-build") options.skipBuild = true;
    else if (arg === "--rounds" || arg === "--entrants" || arg === "--seed") {
      const value = argv[++i];
      if (value === undefined) problems.push(`${arg} needs a value`);
      else if (arg === "--seed") options.seed = value;
      else {
        const n = Number(value);
        const [min, max] = arg === "--rounds" ? [1, 2_000] : [2, 8];
        if (!Number.isInteger(n) || n < min || n > max)
          problems.push(`${arg} must be a whole number from ${min} to ${max}`);
        else if (arg === "--rounds") options.rounds = n;
        else options.entrants = n;
      }
    } else problems.push(`unknown option ${arg}`);
  }
  if (problems.length > 0) throw new ArenaUsageError(`Bad arguments: ${problems.join("; ")}.`, { hint: "See --help." });
  return options;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

/** Starts `hardhat node` on 127.0.0.1:<port> and resolves once it answers JSON-RPC. */
export async function startHardhatNode(port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      join(root, "node_modules", "hardhat", "dist", "src", "cli.js"),
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const client = createPublicClient({ transport: http(url, { retryCount: 0 }) });
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (child.exitCode !== null) throw new PodiumError("hardhat node exited.", { details: output.slice(-2000) });
    try {
      await client.getChainId();
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill("SIGKILL");
  throw new PodiumError("hardhat node did not answer within 60 s.", { details: output.slice(-2000) });
}

export async function runArena(options: ArenaOptions): Promise<ArenaReturnType> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = performance.now(); // determinism-ok: the summary's elapsed time
  const dataDir = resolve(options.dataDir ?? join(root, ".data", "arena"));
  const node = await startHardhatNode(await freePort());
  const cleanups: (() => Promise<void> | void)[] = [() => void node.child.kill("SIGTERM")];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    log(`local chain: ${node.url}`);
    const deployed = await deployPodium({
      rpcUrl: node.url,
      ...(options.deploymentsDir === undefined ? {} : { outDir: options.deploymentsDir }),
    });
    const arena = deployed.deployment.arena as Address;
    log(`PodiumArena ${arena} (deployment written to ${relative(root, deployed.path)})`);

    // A fresh chain each run: yesterday's state would name the same contract address.
    rmSync(dataDir, { recursive: true, force: true });
    const artifactsDir = join(dataDir, "artifacts");
    mkdirSync(artifactsDir, { recursive: true });
    const server = await startArtifactHttpServer({ directory: artifactsDir });
    cleanups.push(() => server.close());
    const store = createLocalFolderStore({ directory: artifactsDir, baseUri: server.url });
    const storage = await openDatabase({ pglitePath: join(dataDir, "pglite"), environment: {} });
    cleanups.push(() => storage.close());

    const transport = http(node.url, { retryCount: 0 });
    const publicClient = createPublicClient({ transport, pollingInterval: 50 });
    const operator = devAccount(0);
    const retry = { ...defaultRpcRetryPolicy };
    const clock = devChainFastForwardClock({ publicClient, retry, log });
    const created = await createDemoSeason({
      publicClient,
      transport,
      operator,
      arena,
      store,
      clock,
      retry,
      preset: "llmtrader",
      rounds: options.rounds,
      seed: options.seed,
      entrants: options.entrants,
      entryFee: 10n ** 16n,
      protocolFeeBps: 500,
      rewardSplitBps: [5000, 3000, 2000],
      roundSeconds: 3_600,
    });
    log(
      `season ${created.seasonId}: ${created.entrants.length} wallets entered (0.01 ETH each), manifest ${created.manifestUri}`,
    );
    const outcome = await runSeasonOnChain({
      publicClient,
      account: operator,
      arena,
      seasonId: created.seasonId,
      storage,
      store,
      mode: "fast-forward",
      log: () => undefined,
    });

    // Dispute window: move the chain's clock past it, then the winners claim with their proofs.
    const season = (await publicClient.readContract({
      address: arena,
      abi: podiumArenaAbi,
      functionName: "getSeason",
      args: [created.seasonId],
    })) as { disputeEndsAt: bigint; payout: Address };
    await publicClient.request({
      method: "evm_setNextBlockTimestamp",
      params: [`0x${season.disputeEndsAt.toString(16)}`],
    } as never);
    await publicClient.request({ method: "evm_mine" } as never);
    const results = outcome.resultsCommitment.artifact;
    const tree = StandardMerkleTree.of(
      results.results.map((entry) => [
        results.domain.chainId,
        results.domain.arena,
        results.domain.seasonId,
        String(entry.entrantIndex),
        entry.wallet,
        String(entry.rank),
        String(entry.score),
        String(entry.reward),
      ]),
      ["uint256", "address", "uint256", "uint256", "address", "uint256", "int256", "uint256"],
    );
    if (tree.root !== outcome.resultsCommitment.resultsRoot)
      throw new PodiumError(
        "The results tree rebuilt with @openzeppelin/merkle-tree has another root than the one committed.",
      );
    const claimed: ArenaReturnType["claimed"] = [];
    let claimGas = 0n;
    for (const [valueIndex, entry] of results.results.entries()) {
      if (entry.reward === 0n) continue;
      const player = created.entrants.find((e) => e.entrantIndex === entry.entrantIndex);
      if (player === undefined) continue;
      const account = devAccount(1 + created.entrants.indexOf(player));
      const wallet = createWalletClient({ account, transport });
      const hash = await wallet.writeContract({
        chain: null,
        address: season.payout,
        abi: seasonPayoutAbi,
        functionName: "claim",
        args: [
          BigInt(entry.entrantIndex),
          BigInt(entry.rank),
          entry.score,
          entry.reward,
          tree.getProof(valueIndex) as Hex[],
        ],
      } as never);
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new PodiumError(`The claim of entrant ${entry.entrantIndex} reverted.`);
      claimGas += receipt.gasUsed;
      claimed.push({ entrantIndex: entry.entrantIndex, wallet: entry.wallet, reward: entry.reward });
    }

    // ---- summary: ranks, and how each entrant fared with the rules (denials from the published artifacts)
    const roundArtifacts = await Promise.all(
      outcome.rounds.map(
        async (round) =>
          JSON.parse(new TextDecoder().decode(await store.get(round.artifactUri))) as RoundArtifactRecords,
      ),
    );
    const denials = countDenials(roundArtifacts);
    const summary: ArenaEntrantSummary[] = outcome.results.entrants.map((entry) => ({
      entrantIndex: entry.index,
      bot: entry.name,
      status: entry.status,
      rank: entry.rank,
      denials: denials.get(entry.index) ?? { total: 0, byReason: new Map() },
      violations: entry.conduct.map((c) => `${c.action} ${c.rule}`),
    }));
    log("");
    log(
      `Season ${created.seasonId} — ${options.rounds} rounds, llmtrader preset, synthetic market (seed ${JSON.stringify(options.seed)})`,
    );
    const deniedWidth = Math.max(8, ...summary.map((row) => formatDenials(row.denials).length + 2));
    log(
      `rank  entrant  bot                  status        score       reward (ETH)  ${"denied".padEnd(deniedWidth)}violations`,
    );
    for (const entry of outcome.results.entrants) {
      const result = results.results.find((r) => r.entrantIndex === entry.index);
      const row = summary.find((r) => r.entrantIndex === entry.index);
      log(
        `${String(entry.rank ?? "-").padEnd(6)}${String(entry.index).padEnd(9)}${entry.name.padEnd(21)}${entry.status.padEnd(14)}${(entry.score === null ? "-" : entry.score.toFixed(4)).padEnd(12)}${formatEther(result?.reward ?? 0n).padEnd(14)}${formatDenials(row?.denials).padEnd(deniedWidth)}${row?.violations.join(", ") || "-"}`,
      );
    }
    log(
      "denied: orders and stop-loss moves refused, by reason (UPPER_CASE: a risk rule; lower-case: a banned strategy the preset enforces with deny)",
    );
    log("");
    log(
      `gas: createSeason + entries ${created.gasUsed}, ${outcome.rounds.length} commitRound + finalize ${outcome.gasUsed}, claims ${claimGas}`,
    );
    log(`claims: ${claimed.map((c) => `entrant ${c.entrantIndex} ${formatEther(c.reward)} ETH`).join(", ")}`);
    log(`artifacts: ${server.url} (round 0: ${outcome.rounds[0]?.artifactUri}, results: ${outcome.resultsUri})`);
    log(
      `data: ${relative(root, artifactsDir)}/, runner database ${relative(root, join(dataDir, "pglite"))}, deployment ${relative(root, deployed.path)}`,
    );
    log(`elapsed: ${((performance.now() - started) / 1000).toFixed(1)} s`); // determinism-ok

    // ---- independent verification
    let verified: boolean | undefined;
    const verifier = join(root, "scripts", "src", "verify", "cli.ts");
    if (existsSync(verifier)) {
      log("");
      log("verifying with the independent verifier ...");
      // Asynchronously: the artifact server it reads from runs in this process.
      const child = spawn(
        process.execPath,
        [verifier, "--rpc", node.url, "--arena", arena, "--season", String(created.seasonId)],
        { cwd: root, stdio: "inherit" },
      );
      const status = await new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
      verified = status === 0;
      log(verified ? "verification: OK" : `verification FAILED (exit ${status})`);
    } else log("verification: not available yet (scripts/src/verify/cli.ts is missing)");
    if (options.keepRunning) log(`\nchain ${node.url} and artifacts ${server.url} keep running: Ctrl-C to stop.`);
    return { rpcUrl: node.url, arena, seasonId: created.seasonId, claimed, entrants: summary, verified, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The command (arenaCommand.ts has built the contracts by then): runs the arena on `argv`, prints
 * the help or the error, and returns the exit code (0 verified, 1 failed, 2 bad arguments).
 */
export async function runArenaCommand(argv: readonly string[]): Promise<number> {
  try {
    const parsed = parseArenaArguments(argv);
    if (parsed === "help") {
      process.stdout.write(`${arenaHelp}\n`);
      return 0;
    }
    const arena = await runArena(parsed);
    if (parsed.keepRunning) {
      process.once("SIGINT", () => void arena.close().then(() => process.exit(0)));
      return 0;
    }
    await arena.close();
    return arena.verified === false ? 1 : 0;
  } catch (error) {
    process.stderr.write(`${error instanceof PodiumError ? error.message : String((error as Error).stack ?? error)}\n`);
    return error instanceof ArenaUsageError ? 2 : 1;
  }
}
