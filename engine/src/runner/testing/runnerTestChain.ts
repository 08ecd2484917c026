import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { podiumArenaAbi } from "@podium/contracts/abi";
import { deployPodium } from "@podium/contracts/deployPodium";
import {
  type Address,
  type Chain,
  createPublicClient,
  custom,
  type Hex,
  http,
  type PublicClient,
  TransactionReceiptNotFoundError,
  type Transport,
} from "viem";
import { startArtifactHttpServer } from "../../artifacts/store/artifactHttpServer.ts";
import type { ArtifactStore } from "../../artifacts/store/artifactStore.ts";
import { createLocalFolderStore } from "../../artifacts/store/localFolderStore.ts";
import { inMemoryPglitePath, openDatabase, type PodiumStorage } from "../../storage/openDatabase.ts";
import { getRound } from "../../storage/roundRepository.ts";
import type { SeasonKey } from "../../storage/seasonKey.ts";
import { getSeason } from "../../storage/seasonRepository.ts";
import type { StoredTransaction } from "../../storage/transactionRepository.ts";
import { type CreateDemoSeasonParameters, createDemoSeason, devAccount } from "../createDemoSeason.ts";
import { runSeasonOnChain } from "../seasonRunner.ts";
import { devChainFastForwardClock } from "../seasonSchedule.ts";
import { defaultRpcRetryPolicy } from "../withRetries.ts";
import { startHardhatNode } from "./hardhatNode.ts";

/**
 * The runner tests' chain: a real `hardhat node` with a deployed arena, an artifact folder and the
 * runner's database. Tests that decide when blocks are mined create their seasons with
 * `newSeasonMinedByHand` (automine off afterwards) and stage reorgs with `evm_snapshot` /
 * `evm_revert`; the functions below this one read the chain and storage the way they assert.
 */
export type RunnerTestChain = TestChain & { storage: PodiumStorage };

/** The chain for a runner the test spawns (the runSeason command): its database is a folder. */
export type RunnerCommandTestChain = TestChain & { databaseFolder: string };

export type StartRunnerTestChainParameters = {
  /** Names the temporary folder: podium-<label>-… */
  label: string;
  /**
   * in-memory (default): storage opened for a runner in the test's process. folder: a PGlite folder
   * for a runner the test spawns, created and migrated here, then closed (so that kills hit the
   * runner, not initdb).
   */
  database?: "in-memory" | "folder";
  /**
   * Serve the artifact folder over HTTP at the store's base URI, for a runner that reads the season
   * manifest over HTTP (the runSeason command). Without it the base URI is never fetched: a runner
   * given the store reads the manifest from it (store.has).
   */
  serveArtifacts?: boolean;
};

type TestChain = {
  /** The node's JSON-RPC URL. */
  url: string;
  publicClient: PublicClient<Transport, Chain | undefined>;
  transport: Transport;
  arena: Address;
  artifactsDirectory: string;
  /** The store's base URI (with serveArtifacts, the artifact server's URL). */
  artifactsUrl: string;
  store: ArtifactStore;
  /** A raw JSON-RPC request to the node (evm_mine, evm_snapshot, hardhat_dropTransaction...). */
  node(method: string, params?: unknown[]): Promise<unknown>;
  mine(): Promise<unknown>;
  /** A demo season, created by fast-forward on the chain as it is (automine untouched). */
  createSeason(season: TestSeasonParameters): Promise<SeasonKey>;
  /** A season of `rounds` rounds with two entrants, created with automine on; automine is off afterwards. */
  newSeasonMinedByHand(rounds: number, seed: string): Promise<SeasonKey>;
  /**
   * A client for the runner whose requests first call `before(method)`: the test acts on the chain
   * between two of the runner's requests (e.g. right before the `evm_mine` of a confirmation). Every
   * request still goes to the same real node.
   */
  clientActingBefore(before: (method: string) => Promise<void>): PublicClient<Transport, Chain | undefined>;
  close(): Promise<void>;
};

/**
 * The demo season's rounds and seed, and where a test differs from the defaults: two entrants
 * (dev accounts 1 and 2) sharing 60/40, 3,600 s rounds. Always the LLMTrader preset, a 0.01 ETH
 * fee and a 5% protocol fee.
 */
export type TestSeasonParameters = Pick<CreateDemoSeasonParameters, "rounds" | "seed"> &
  Partial<Pick<CreateDemoSeasonParameters, "entrants" | "rewardSplitBps" | "roundSeconds" | "entrySeconds">>;

export const CHAIN_ID = 31_337;
export const operator = devAccount(0);
/** The runner's stuck-transaction timing in these tests: replaced after 4 polls of the injected clock. */
export const REPLACE_AFTER_MS = 1_000;
export const POLL_MS = 250;

export function startRunnerTestChain(
  parameters: StartRunnerTestChainParameters & { database?: "in-memory" },
): Promise<RunnerTestChain>;
export function startRunnerTestChain(
  parameters: StartRunnerTestChainParameters & { database: "folder" },
): Promise<RunnerCommandTestChain>;
export async function startRunnerTestChain(
  parameters: StartRunnerTestChainParameters,
): Promise<RunnerTestChain | RunnerCommandTestChain> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const folder = mkdtempSync(join(tmpdir(), `podium-${parameters.label}-`));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    // The database first: opening PGlite takes seconds, and a connection left idle that long by the
    // deploy may be closed by the node just as the next request reuses it.
    const databaseFolder = join(folder, "db");
    let storage: PodiumStorage | undefined;
    if (parameters.database === "folder") {
      await (await openDatabase({ pglitePath: databaseFolder, environment: {} })).close();
    } else {
      const opened = await openDatabase({ pglitePath: inMemoryPglitePath, environment: {} });
      cleanups.push(() => opened.close());
      storage = opened;
    }
    const hardhat = await startHardhatNode();
    cleanups.push(hardhat.stop);
    const arena = (await deployPodium({ rpcUrl: hardhat.url, outDir: folder })).deployment.arena as Address;
    const transport = http(hardhat.url, { retryCount: 0 });
    const publicClient = createPublicClient({ transport, pollingInterval: 50 });
    const artifactsDirectory = join(folder, "artifacts");
    let artifactsUrl = "http://artifacts.test/";
    if (parameters.serveArtifacts === true) {
      const server = await startArtifactHttpServer({ directory: artifactsDirectory });
      cleanups.push(() => server.close());
      artifactsUrl = server.url;
    }
    const store = createLocalFolderStore({ directory: artifactsDirectory, baseUri: artifactsUrl });
    const node = (method: string, params: unknown[] = []) => publicClient.request({ method, params } as never);
    const createSeason = async (season: TestSeasonParameters): Promise<SeasonKey> => {
      const retry = { ...defaultRpcRetryPolicy };
      const { seasonId } = await createDemoSeason({
        publicClient,
        transport,
        operator,
        arena,
        store,
        clock: devChainFastForwardClock({ publicClient, retry }),
        retry,
        preset: "llmtrader",
        rounds: season.rounds,
        seed: season.seed,
        entrants: season.entrants ?? 2,
        entryFee: 10n ** 16n,
        protocolFeeBps: 500,
        rewardSplitBps: season.rewardSplitBps ?? [6_000, 4_000],
        roundSeconds: season.roundSeconds ?? 3_600,
        ...(season.entrySeconds === undefined ? {} : { entrySeconds: season.entrySeconds }),
      });
      return { chainId: CHAIN_ID, contract: arena, seasonId };
    };
    const chain: TestChain = {
      url: hardhat.url,
      publicClient,
      transport,
      arena,
      artifactsDirectory,
      artifactsUrl,
      store,
      node,
      mine: () => node("evm_mine"),
      createSeason,
      newSeasonMinedByHand: async (rounds, seed) => {
        await node("evm_setAutomine", [true]);
        const key = await createSeason({ rounds, seed });
        await node("evm_setAutomine", [false]);
        return key;
      },
      clientActingBefore: (before) =>
        createPublicClient({
          transport: custom(
            {
              request: async ({ method, params }: { method: string; params?: unknown }) => {
                await before(method);
                return publicClient.request({ method, params } as never);
              },
            },
            { retryCount: 0 },
          ),
          pollingInterval: 50,
        }),
      close,
    };
    return storage === undefined ? { ...chain, databaseFolder } : { ...chain, storage };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The runner's clock: each sleep moves it on by what was asked, then lets the test act. */
export function injectedClock(onPoll: () => Promise<void>) {
  let at = 0;
  let polls = 0;
  return {
    now: () => at,
    sleep: async (milliseconds: number) => {
      at += milliseconds;
      // A runner that never settles would otherwise spin until the test's timeout.
      if (++polls > 500) throw new Error("the runner polled 500 times without settling");
      await onPoll();
    },
  };
}

export type InjectedClock = ReturnType<typeof injectedClock>;

/**
 * runSeasonOnChain on the season of `key` in fast-forward mode, on the injected clock, with the
 * tests' stuck-transaction timing; confirmations as the runner's default unless given.
 */
export function runSeasonWithClock(
  chain: RunnerTestChain,
  key: SeasonKey,
  clock: InjectedClock,
  options: { publicClient?: PublicClient<Transport, Chain | undefined>; confirmations?: number } = {},
) {
  return runSeasonOnChain({
    publicClient: options.publicClient ?? chain.publicClient,
    account: operator,
    arena: chain.arena,
    seasonId: key.seasonId,
    storage: chain.storage,
    store: chain.store,
    mode: "fast-forward",
    ...(options.confirmations === undefined ? {} : { confirmations: options.confirmations }),
    replaceAfterMs: REPLACE_AFTER_MS,
    pollIntervalMs: POLL_MS,
    now: clock.now,
    sleep: clock.sleep,
  });
}

/** What the reads below need of a chain (a spawned runner's chain too). */
type ChainReader = Pick<TestChain, "publicClient" | "arena">;

export async function receiptOrUndefined(chain: ChainReader, hash: string) {
  try {
    return await chain.publicClient.getTransactionReceipt({ hash: hash as Hex });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

/** Every transaction `sender` got mined in blocks fromBlock..head. */
export async function minedBy(
  chain: ChainReader,
  sender: Address,
  fromBlock: bigint,
): Promise<{ hash: Hex; nonce: number }[]> {
  const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  const mined: { hash: Hex; nonce: number }[] = [];
  for (let blockNumber = fromBlock; blockNumber <= head; blockNumber++) {
    const block = await chain.publicClient.getBlock({ blockNumber, includeTransactions: true });
    for (const tx of block.transactions)
      if (tx.from.toLowerCase() === sender.toLowerCase()) mined.push({ hash: tx.hash, nonce: tx.nonce });
  }
  return mined;
}

/**
 * The RoundCommitted and SeasonFinalized events in the chain as it is now: the season's, or without
 * `seasonId` every season's.
 */
export async function chainCommitments(chain: ChainReader, seasonId?: bigint) {
  const filter = { address: chain.arena, abi: podiumArenaAbi, fromBlock: 0n } as const;
  const args = seasonId === undefined ? {} : { args: { seasonId } };
  const committed = await chain.publicClient.getContractEvents({ ...filter, eventName: "RoundCommitted", ...args });
  const finalized = await chain.publicClient.getContractEvents({ ...filter, eventName: "SeasonFinalized", ...args });
  return { committed, finalized };
}

/** What storage says of a transaction and of the round (or, for a finalize, the season) it commits. */
export async function storedState(chain: RunnerTestChain, key: SeasonKey, tx: StoredTransaction): Promise<string> {
  const subject =
    tx.roundIndex === null
      ? (await getSeason(chain.storage, key))?.status
      : (await getRound(chain.storage, key, tx.roundIndex))?.status;
  return `${tx.status}/${subject}`;
}

export async function blockHashAt(chain: ChainReader, blockNumber: bigint): Promise<Hex | undefined> {
  const block = await chain.publicClient.getBlock({ blockNumber }).catch(() => undefined);
  return block?.hash ?? undefined;
}
