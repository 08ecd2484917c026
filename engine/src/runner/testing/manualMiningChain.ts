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
import type { ArtifactStore } from "../../artifacts/store/artifactStore.ts";
import { createLocalFolderStore } from "../../artifacts/store/localFolderStore.ts";
import { inMemoryPglitePath, openDatabase, type PodiumStorage } from "../../storage/openDatabase.ts";
import { getRound } from "../../storage/roundRepository.ts";
import type { SeasonKey } from "../../storage/seasonKey.ts";
import { getSeason } from "../../storage/seasonRepository.ts";
import type { StoredTransaction } from "../../storage/transactionRepository.ts";
import { createDemoSeason, devAccount } from "../createDemoSeason.ts";
import { defaultRpcRetryPolicy } from "../withRetries.ts";
import { startHardhatNode } from "./hardhatNode.ts";

/**
 * A real `hardhat node` with a deployed arena, for tests that decide when blocks are mined
 * (automine off once a season is created) and stage reorgs with `evm_snapshot` / `evm_revert`; plus
 * an in-memory runner database and an artifact folder.
 */
export type ManualMiningChain = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  arena: Address;
  store: ArtifactStore;
  storage: PodiumStorage;
  /** A raw JSON-RPC request to the node (evm_mine, evm_snapshot, hardhat_dropTransaction...). */
  node(method: string, params?: unknown[]): Promise<unknown>;
  mine(): Promise<unknown>;
  /** A season of `rounds` rounds with two entrants, created with automine on; automine is off afterwards. */
  newSeason(rounds: number, seed: string): Promise<SeasonKey>;
  /**
   * A client for the runner whose requests first call `before(method)`: the test acts on the chain
   * between two of the runner's requests (e.g. right before the `evm_mine` of a confirmation). Every
   * request still goes to the same real node.
   */
  clientActingBefore(before: (method: string) => Promise<void>): PublicClient<Transport, Chain | undefined>;
  close(): Promise<void>;
};

export const CHAIN_ID = 31_337;
export const operator = devAccount(0);

export async function startManualMiningChain(label: string): Promise<ManualMiningChain> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    // Storage first: opening PGlite takes seconds, and a connection left idle that long by the deploy
    // may be closed by the node just as the next request reuses it.
    const storage = await openDatabase({ pglitePath: inMemoryPglitePath, environment: {} });
    cleanups.push(() => storage.close());
    const hardhat = await startHardhatNode();
    cleanups.push(hardhat.stop);
    const folder = mkdtempSync(join(tmpdir(), `podium-${label}-`));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const arena = (await deployPodium({ rpcUrl: hardhat.url, outDir: folder })).deployment.arena as Address;
    const transport = http(hardhat.url, { retryCount: 0 });
    const publicClient = createPublicClient({ transport, pollingInterval: 50 });
    // The runner reads the manifest from this store (store.has), so its base URI is never fetched.
    const store = createLocalFolderStore({ directory: join(folder, "artifacts"), baseUri: "http://artifacts.test/" });
    const node = (method: string, params: unknown[] = []) => publicClient.request({ method, params } as never);
    return {
      publicClient,
      arena,
      store,
      storage,
      node,
      mine: () => node("evm_mine"),
      newSeason: async (rounds, seed) => {
        await node("evm_setAutomine", [true]);
        const retry = { ...defaultRpcRetryPolicy };
        const { seasonId } = await createDemoSeason({
          publicClient,
          transport,
          operator,
          arena,
          store,
          clock: {
            publicClient,
            mode: "fast-forward",
            devChain: true,
            retry,
            sleep: retry.sleep,
            nowSeconds: () => 0,
            log: () => undefined,
          },
          retry,
          preset: "llmtrader",
          rounds,
          seed,
          entrants: 2,
          entryFee: 10n ** 16n,
          protocolFeeBps: 500,
          rewardSplitBps: [6_000, 4_000],
          roundSeconds: 3_600,
        });
        await node("evm_setAutomine", [false]);
        return { chainId: CHAIN_ID, contract: arena, seasonId };
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

export async function receiptOrUndefined(chain: ManualMiningChain, hash: string) {
  try {
    return await chain.publicClient.getTransactionReceipt({ hash: hash as Hex });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

/** Every transaction `sender` got mined in blocks fromBlock..head. */
export async function minedBy(
  chain: ManualMiningChain,
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

/** The season's RoundCommitted and SeasonFinalized events in the chain as it is now. */
export async function chainCommitments(chain: ManualMiningChain, seasonId: bigint) {
  const committed = await chain.publicClient.getContractEvents({
    address: chain.arena,
    abi: podiumArenaAbi,
    eventName: "RoundCommitted",
    args: { seasonId },
    fromBlock: 0n,
  });
  const finalized = await chain.publicClient.getContractEvents({
    address: chain.arena,
    abi: podiumArenaAbi,
    eventName: "SeasonFinalized",
    args: { seasonId },
    fromBlock: 0n,
  });
  return { committed, finalized };
}

/** What storage says of a transaction and of the round (or, for a finalize, the season) it commits. */
export async function storedState(chain: ManualMiningChain, key: SeasonKey, tx: StoredTransaction): Promise<string> {
  const subject =
    tx.roundIndex === null
      ? (await getSeason(chain.storage, key))?.status
      : (await getRound(chain.storage, key, tx.roundIndex))?.status;
  return `${tx.status}/${subject}`;
}

export async function blockHashAt(chain: ManualMiningChain, blockNumber: bigint): Promise<Hex | undefined> {
  const block = await chain.publicClient.getBlock({ blockNumber }).catch(() => undefined);
  return block?.hash ?? undefined;
}
