/**
 * Fault test: the runner CLI is killed with SIGKILL at seeded random moments of a season on a real
 * local node, behind an RPC proxy that drops, fails and delays requests; after each restart it goes
 * on, and the final on-chain commitments equal those of an uninterrupted run on an identical chain
 * (same deployment addresses, same season id), with exactly one RoundCommitted per round.
 * PODIUM_CRASH_KILLS / PODIUM_CRASH_ROUNDS make it longer for manual runs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { forkRandom } from "../random/seededRandom.ts";
import { startFaultyRpcProxy } from "./testing/faultyRpcProxy.ts";
import { repositoryRoot } from "./testing/hardhatNode.ts";
import { chainCommitments, type RunnerCommandTestChain, startRunnerTestChain } from "./testing/runnerTestChain.ts";

const kills = Number(process.env.PODIUM_CRASH_KILLS ?? 8);
const rounds = Number(process.env.PODIUM_CRASH_ROUNDS ?? 12);
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Season 1 on a new chain, for the runner command: its database a migrated PGlite folder, its artifacts served. */
async function chainWithSeason(label: string): Promise<RunnerCommandTestChain> {
  const chain = await startRunnerTestChain({ label: `crash-${label}`, database: "folder", serveArtifacts: true });
  cleanups.push(chain.close);
  await chain.createSeason({ rounds, seed: "crash", entrants: 6, rewardSplitBps: [5000, 3000, 2000] });
  return chain;
}

function runner(rpcUrl: string, chain: RunnerCommandTestChain): ChildProcess {
  return spawn(
    process.execPath,
    [
      join(repositoryRoot, "engine/src/cli/runSeason.ts"),
      "--season",
      "1",
      "--arena",
      chain.arena,
      "--db",
      chain.databaseFolder,
      "--artifacts-dir",
      chain.artifactsDirectory,
      "--artifacts-url",
      chain.artifactsUrl,
    ],
    { env: { PATH: process.env.PATH ?? "", PODIUM_RPC_URL: rpcUrl }, stdio: ["ignore", "ignore", "pipe"] },
  );
}

/** The runner's exit code, with its stderr attached so that a failure says why. */
async function finished(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const code = await exited(child);
  return { code, stderr };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once("exit", (code) => done(code));
  });

/** Every season's commitments (not only season 1's: a second season would show). */
async function commitments(chain: RunnerCommandTestChain) {
  const { committed, finalized } = await chainCommitments(chain);
  return {
    rounds: committed.map(({ args }) => [
      String(args.roundIndex),
      args.recordsRoot,
      args.standingsRoot,
      args.artifactDigest,
    ]),
    finalized: finalized.map(({ args }) => [
      args.resultsRoot,
      String(args.totalPayout),
      String(args.protocolFee),
      args.artifactDigest,
    ]),
  };
}

describe("the runner killed with SIGKILL at random points", () => {
  test(`${kills} kills in a ${rounds}-round season give the commitments of an uninterrupted run`, async () => {
    const reference = await chainWithSeason("reference");
    const referenceRun = await finished(runner(reference.url, reference));
    expect(referenceRun.code, referenceRun.stderr).toBe(0);
    const expected = await commitments(reference);
    expect(expected.rounds).toHaveLength(rounds);
    expect(expected.finalized).toHaveLength(1);

    const crashed = await chainWithSeason("crashed");
    const proxy = await startFaultyRpcProxy({
      target: crashed.url,
      seed: "crash-proxy",
      dropRate: 0.03,
      dropReplyRate: 0.03,
      failRate: 0.05,
      delayRate: 0.1,
      maxDelayMs: 200,
    });
    cleanups.push(() => proxy.close());
    const random = forkRandom("crash-test", "kill-delays");
    let killedMidway = 0;
    for (let kill = 0; kill < kills; kill++) {
      const child = runner(proxy.url, crashed);
      const run = finished(child); // drains stderr so the child never blocks on a full pipe
      const delay = 1_500 + random.nextInt(3_500); // module loading + PGlite take ~1-2 s; then rounds go by
      const done = await Promise.race([run, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), delay))]);
      if (done === "timeout") {
        child.kill("SIGKILL");
        await run;
        killedMidway++;
      } else {
        expect(done.code, done.stderr).toBe(0);
        break; // finished before the kill: nothing left to interrupt
      }
    }
    const finalRun = await finished(runner(proxy.url, crashed));
    expect(finalRun.code, finalRun.stderr).toBe(0);
    const actual = await commitments(crashed);
    expect(killedMidway).toBeGreaterThan(0);
    // Exactly one RoundCommitted per round, in order, with the reference run's roots and digests.
    expect(actual.rounds).toEqual(expected.rounds);
    expect(actual.finalized).toEqual(expected.finalized);
    expect(proxy.stats.dropped + proxy.stats.failed + proxy.stats.droppedReplies).toBeGreaterThan(0);
  }, 180_000);
});
