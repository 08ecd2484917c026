/**
 * Replay from public data alone, against the real runner (engine/src/runner): a demo season with the
 * eight demo bots (four of them rule-breakers) is created with its manifest and run to finalization
 * on an in-process Hardhat node, with PGlite storage and the local artifact store served over HTTP.
 * The verifier then gets nothing but the chain: it finds the manifest through metadataURI, replays
 * every round and recomputes the results, protocol fee and conduct outcomes included.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  canonicalJson,
  createDemoSeason,
  createLocalFolderStore,
  defaultRpcRetryPolicy,
  devAccount,
  devChainFastForwardClock,
  openDatabase,
  type RunSeasonOnChainReturnType,
  runSeasonOnChain,
} from "@podium/engine";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManifestReplay } from "./manifestReplay.ts";
import { startTestChain, type TestChain } from "./testing/committedSeason.ts";
import { verifySeason } from "./verifySeason.ts";

let chain: TestChain;
let run: RunSeasonOnChainReturnType;
let closeStorage: () => Promise<void>;
const databaseFolder = mkdtempSync(join(tmpdir(), "podium-verify-runner-"));

beforeAll(async () => {
  chain = await startTestChain();
  const storage = await openDatabase({ pglitePath: join(databaseFolder, "pglite"), environment: {} });
  closeStorage = () => storage.close();
  const store = createLocalFolderStore({ directory: chain.artifactsDirectory, baseUri: chain.artifactsUrl });
  const transport = http(chain.rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ transport, pollingInterval: 50 });
  const operator = devAccount(0);
  const retry = { ...defaultRpcRetryPolicy };
  const created = await createDemoSeason({
    publicClient,
    transport,
    operator,
    arena: chain.arena,
    store,
    clock: devChainFastForwardClock({ publicClient, retry }),
    retry,
    preset: "llmtrader",
    rounds: 16,
    seed: "podium-verify",
    entrants: 8,
    entryFee: 10n ** 16n,
    protocolFeeBps: 500,
    rewardSplitBps: [5_000, 3_000, 2_000],
    roundSeconds: 3_600,
  });
  run = await runSeasonOnChain({
    publicClient,
    account: operator,
    arena: chain.arena,
    seasonId: created.seasonId,
    storage,
    store,
    mode: "fast-forward",
  });
}, 180_000);

afterAll(async () => {
  await closeStorage?.();
  await chain?.close();
  rmSync(databaseFolder, { recursive: true, force: true });
});

describe("createManifestReplay on a season the runner ran", () => {
  it("replays every round and the results (ranks, scores, rewards after the protocol fee) from the chain alone", async () => {
    const records = run.rounds.flatMap((round) => {
      const path = new URL(round.artifactUri).pathname.slice(1);
      return JSON.parse(readFileSync(join(chain.artifactsDirectory, path), "utf8")).records as { type: string }[];
    });
    // The runner commits the rule-breakers' conduct records: LLMTrader denies the stop-loss widener's
    // moves and disqualifies the banned strategies it finds (engine/src/config/presets).
    expect(records.filter((record) => record.type === "conductDenied").length).toBeGreaterThan(0);
    expect(records.filter((record) => record.type === "conductOutcome").length).toBeGreaterThan(0);
    expect(run.results.entrants.some((entry) => entry.rank === null)).toBe(true);
    // The results artifact publishes every entrant's conduct and the settlement's records (LLMTrader
    // has no settlement requirement: none), which the replay below compares with its own.
    const published = JSON.parse(
      readFileSync(join(chain.artifactsDirectory, new URL(run.resultsUri).pathname.slice(1)), "utf8"),
    ) as { settlement: unknown[]; results: { entrantId: string; conduct: unknown[] }[] };
    expect(published.settlement).toEqual(JSON.parse(canonicalJson(run.results.settlementRecords)));
    expect(published.settlement).toEqual([]);
    const conductById = new Map(run.results.entrants.map((entry) => [entry.entrantId, entry.conduct]));
    for (const row of published.results)
      expect(row.conduct).toEqual(JSON.parse(canonicalJson(conductById.get(row.entrantId))));
    expect(published.results.some((row) => row.conduct.length > 0)).toBe(true);

    const summary = await verifySeason({
      rpcUrl: chain.rpcUrl,
      arena: chain.arena,
      seasonId: run.seasonId,
      replay: createManifestReplay(),
    });
    expect(summary).toMatchObject({ roundsChecked: 16, finalized: true });
    expect(summary.replay).toEqual({
      roundsReplayed: 16,
      resultsReplayed: true,
      rewardsReplayed: true,
      source: "the season manifest",
    });
  }, 60_000);
});
