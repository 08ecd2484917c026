/**
 * Stuck transactions and confirmations on a real `hardhat node` with automine off: a transaction is
 * mined only when the test mines a block, so a commitment the runner sends stays pending until the
 * test decides otherwise. Time is the runner's injected clock: each poll (its `sleep`) moves it on,
 * and the test acts on the chain from inside that sleep, between two of the runner's steps.
 */
import { podiumArenaAbi } from "@podium/contracts/abi";
import {
  type Chain,
  createPublicClient,
  custom,
  encodeFunctionData,
  type Hex,
  keccak256,
  type PublicClient,
  parseTransaction,
  stringToHex,
  type Transport,
} from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getRound, listRounds, markRoundArtifactPublished, saveSimulatedRound } from "../storage/roundRepository.ts";
import type { SeasonKey } from "../storage/seasonKey.ts";
import { getSeason, registerSeason } from "../storage/seasonRepository.ts";
import { type StoredTransaction, seasonTransactions } from "../storage/transactionRepository.ts";
import { type OperatorContext, sendOperatorCall, settlePendingTransactions } from "./operatorTransactions.ts";
import {
  blockHashAt,
  CHAIN_ID,
  chainCommitments,
  type InjectedClock,
  injectedClock,
  minedBy,
  operator,
  POLL_MS,
  REPLACE_AFTER_MS,
  type RunnerTestChain,
  receiptOrUndefined,
  runSeasonWithClock,
  startRunnerTestChain,
  storedState,
} from "./testing/runnerTestChain.ts";
import { defaultRpcRetryPolicy } from "./withRetries.ts";

let chain: RunnerTestChain;
beforeAll(async () => {
  chain = await startRunnerTestChain({ label: "operator-tx" });
}, 120_000);
afterAll(async () => {
  await chain?.close();
});

/** The live (prepared or sent) transaction of the season, if any. */
async function liveTransaction(key: SeasonKey): Promise<StoredTransaction | undefined> {
  return (await seasonTransactions(chain.storage, key)).find((tx) => tx.status === "prepared" || tx.status === "sent");
}

/** The fields of a signed attempt, decoded from its raw bytes (not from the runner's bookkeeping). */
function signedFields(rawTransaction: string) {
  const parsed = parseTransaction(rawTransaction as Hex);
  if (parsed.type !== "eip1559" || parsed.maxFeePerGas === undefined || parsed.maxPriorityFeePerGas === undefined)
    throw new Error(`attempt is a ${parsed.type} transaction, not EIP-1559`);
  return {
    nonce: parsed.nonce,
    to: parsed.to,
    data: parsed.data,
    gas: parsed.gas,
    maxFeePerGas: parsed.maxFeePerGas,
    maxPriorityFeePerGas: parsed.maxPriorityFeePerGas,
  };
}

/** A 1-round season whose round 0 is due on-chain and stored as artifact-published, ready to commit. */
async function roundReadyToCommit(seed: string) {
  const key = await chain.newSeasonMinedByHand(1, seed);
  const season = (await chain.publicClient.readContract({
    address: chain.arena,
    abi: podiumArenaAbi,
    functionName: "getSeason",
    args: [key.seasonId],
  })) as { params: { endsAt: bigint; rulesHash: Hex } };
  await chain.node("evm_setNextBlockTimestamp", [`0x${season.params.endsAt.toString(16)}`]);
  await chain.mine();
  await registerSeason(chain.storage, {
    ...key,
    rulesHash: season.params.rulesHash,
    datasetHash: keccak256(stringToHex(`dataset ${seed}`)),
    params: { seed },
    roundCount: 1,
  });
  const roots = {
    recordsRoot: keccak256(stringToHex(`records ${seed}`)),
    standingsRoot: keccak256(stringToHex(seed)),
  };
  await saveSimulatedRound(chain.storage, { season: key, roundIndex: 0, ...roots, records: [], standings: [] });
  const artifact = {
    artifactDigest: keccak256(stringToHex(`artifact ${seed}`)),
    artifactUri: `http://artifacts.test/${seed}`,
  };
  await markRoundArtifactPublished(chain.storage, { season: key, roundIndex: 0, ...artifact });
  const data = encodeFunctionData({
    abi: podiumArenaAbi,
    functionName: "commitRound",
    args: [key.seasonId, 0n, roots.recordsRoot, roots.standingsRoot, artifact.artifactDigest, artifact.artifactUri],
  });
  return { key, call: { kind: "commitRound", roundIndex: 0, season: key, to: chain.arena, data } as const };
}

function operatorContext(
  clock: InjectedClock,
  options: { devChain: boolean; confirmations: number; replaceAfterMs: number },
  client: PublicClient<Transport, Chain | undefined> = chain.publicClient,
): OperatorContext {
  return {
    publicClient: client,
    account: operator,
    chainId: CHAIN_ID,
    storage: chain.storage,
    retry: { ...defaultRpcRetryPolicy, sleep: clock.sleep },
    confirmations: options.confirmations,
    replaceAfterMs: options.replaceAfterMs,
    pollIntervalMs: POLL_MS,
    sleep: clock.sleep,
    now: clock.now,
    devChain: options.devChain,
    log: () => undefined,
  };
}

/**
 * Runs a 2-round season with every transaction stuck until the runner replaces it; `onReplaced`
 * then decides what the chain does with the two attempts of the same nonce.
 */
async function runWithStuckTransactions(
  seed: string,
  onReplaced: (tx: StoredTransaction, original: StoredTransaction["attempts"][number]) => Promise<void>,
) {
  const key = await chain.newSeasonMinedByHand(2, seed);
  const fromBlock = (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  // Per transaction: the polls seen while only the original was out.
  const pollsBeforeReplacement = new Map<number, number>();
  const clock = injectedClock(async () => {
    const tx = await liveTransaction(key);
    if (tx === undefined) return;
    const [original, replacement] = tx.attempts;
    if (original === undefined) return;
    if (replacement === undefined) {
      pollsBeforeReplacement.set(tx.id, (pollsBeforeReplacement.get(tx.id) ?? 0) + 1);
      // Nothing is mined: the original stays pending.
      expect(await receiptOrUndefined(chain, original.txHash)).toBeUndefined();
    } else if (replacement.sentAt !== null) await onReplaced(tx, original);
  });
  const outcome = await runSeasonWithClock(chain, key, clock);
  return { key, fromBlock, outcome, pollsBeforeReplacement };
}

describe("a stuck transaction is replaced (same nonce, fees +12.5%), and exactly one of the two is mined", () => {
  test("the replacement is mined: every round committed once, storage holds the replacement's hash", async () => {
    const run = await runWithStuckTransactions("stuck-replacement-mined", async () => {
      // The node swapped the original for the replacement in its pool; mining takes the replacement.
      await chain.mine();
    });
    const transactions = await seasonTransactions(chain.storage, run.key);
    expect(transactions.map((tx) => [tx.kind, tx.roundIndex, tx.status])).toEqual([
      ["commitRound", 0, "confirmed"],
      ["commitRound", 1, "confirmed"],
      ["finalize", null, "confirmed"],
    ]);
    for (const tx of transactions) {
      // Not replaced before replaceAfterMs of the injected clock: 1,000 ms / 250 ms polls.
      expect(run.pollsBeforeReplacement.get(tx.id)).toBe(REPLACE_AFTER_MS / POLL_MS);
      expect(tx.attempts).toHaveLength(2);
      const [original, replacement] = tx.attempts.map((attempt) => signedFields(attempt.rawTransaction));
      if (original === undefined || replacement === undefined) throw new Error("two attempts expected");
      expect(replacement.nonce).toBe(tx.nonce);
      expect(original.nonce).toBe(tx.nonce);
      expect(replacement.to).toBe(original.to);
      expect(replacement.data).toBe(original.data);
      // The same call needs the same gas (re-estimating it on a pending state that holds it reverts).
      expect(replacement.gas).toBe(original.gas);
      // At least +12.5% on both the tip and the max fee (docs/runner.md), in integer arithmetic.
      expect(replacement.maxPriorityFeePerGas * 1000n).toBeGreaterThanOrEqual(original.maxPriorityFeePerGas * 1125n);
      expect(replacement.maxFeePerGas * 1000n).toBeGreaterThanOrEqual(original.maxFeePerGas * 1125n);
      // The runner's persisted state names the hash that was mined: the replacement's.
      expect(tx.minedTxHash).toBe(tx.attempts[1]?.txHash);
      const receipt = await receiptOrUndefined(chain, tx.attempts[1]?.txHash ?? "0x");
      expect(receipt?.status).toBe("success");
      expect(receipt?.blockNumber).toBe(tx.blockNumber);
      expect(await receiptOrUndefined(chain, tx.attempts[0]?.txHash ?? "0x")).toBeUndefined();
      const minedTx = await chain.publicClient.getTransaction({ hash: tx.attempts[1]?.txHash as Hex });
      expect([minedTx.nonce, minedTx.maxFeePerGas, minedTx.maxPriorityFeePerGas]).toEqual([
        replacement.nonce,
        replacement.maxFeePerGas,
        replacement.maxPriorityFeePerGas,
      ]);
    }
    // One mined transaction per nonce, and they are exactly the three the runner recorded.
    const mined = await minedBy(chain, operator.address, run.fromBlock);
    expect(mined.map((tx) => tx.nonce)).toEqual(transactions.map((tx) => tx.nonce));
    expect(mined.map((tx) => tx.hash)).toEqual(transactions.map((tx) => tx.minedTxHash));
    const { committed, finalized } = await chainCommitments(chain, run.key.seasonId);
    const rounds = await listRounds(chain.storage, run.key);
    expect(committed.map(({ args }) => [args.roundIndex, args.recordsRoot, args.artifactDigest])).toEqual(
      rounds.map((round) => [BigInt(round.roundIndex), round.recordsRoot, round.artifactDigest]),
    );
    expect(rounds.map((round) => round.status)).toEqual(["confirmed", "confirmed"]);
    expect(finalized).toHaveLength(1);
    expect(run.outcome.rounds).toHaveLength(2);
  }, 180_000);

  test("the original is mined after the replacement was sent: the runner takes it and sends nothing more", async () => {
    const run = await runWithStuckTransactions("stuck-original-mined", async (tx, original) => {
      // The replacement never reaches a block producer (it leaves this node's pool), while the
      // original, still held by another node, is mined.
      const replacement = tx.attempts[1];
      if (replacement === undefined) throw new Error("no replacement");
      await chain.node("hardhat_dropTransaction", [replacement.txHash]);
      await chain.node("eth_sendRawTransaction", [original.rawTransaction]);
      await chain.mine();
    });
    const transactions = await seasonTransactions(chain.storage, run.key);
    expect(transactions.map((tx) => [tx.kind, tx.roundIndex, tx.status])).toEqual([
      ["commitRound", 0, "confirmed"],
      ["commitRound", 1, "confirmed"],
      ["finalize", null, "confirmed"],
    ]);
    for (const tx of transactions) {
      expect(tx.attempts).toHaveLength(2);
      expect(tx.minedTxHash).toBe(tx.attempts[0]?.txHash);
      expect((await receiptOrUndefined(chain, tx.attempts[0]?.txHash ?? "0x"))?.status).toBe("success");
      expect(await receiptOrUndefined(chain, tx.attempts[1]?.txHash ?? "0x")).toBeUndefined();
    }
    const mined = await minedBy(chain, operator.address, run.fromBlock);
    expect(mined.map((tx) => tx.nonce)).toEqual(transactions.map((tx) => tx.nonce));
    expect(mined.map((tx) => tx.hash)).toEqual(transactions.map((tx) => tx.minedTxHash));
    const { committed, finalized } = await chainCommitments(chain, run.key.seasonId);
    expect(committed.map(({ args }) => args.roundIndex)).toEqual([0n, 1n]);
    expect(finalized).toHaveLength(1);
    expect((await listRounds(chain.storage, run.key)).map((round) => round.status)).toEqual(["confirmed", "confirmed"]);
  }, 180_000);
});

describe("a restart while the transaction is still in the node's pool", () => {
  test("the rebroadcast is refused as already known: the runner keeps waiting, then replaces it", async () => {
    const { key, call } = await roundReadyToCommit("restart-pending");
    const options = { devChain: true, confirmations: 1, replaceAfterMs: REPLACE_AFTER_MS };
    // The first run broadcasts, then dies at its first poll: the transaction stays in the pool, unmined.
    const killed = new Error("killed after the broadcast");
    const firstRun = injectedClock(async () => {
      throw killed;
    });
    await expect(sendOperatorCall(operatorContext(firstRun, options), call)).rejects.toBe(killed);
    const [sent] = await seasonTransactions(chain.storage, key);
    expect([sent?.status, sent?.attempts.length]).toEqual(["sent", 1]);
    const pending = await chain.publicClient.getTransaction({ hash: sent?.attempts[0]?.txHash as Hex });
    expect(pending.blockNumber).toBeNull();

    // The restarted runner rebroadcasts the same bytes, which the node already holds.
    let pollsBeforeReplacement = 0;
    const restarted = injectedClock(async () => {
      const tx = await liveTransaction(key);
      if (tx === undefined) return;
      if (tx.attempts.length < 2) pollsBeforeReplacement++;
      else if (tx.attempts[1]?.sentAt !== null) await chain.mine();
    });
    await settlePendingTransactions(operatorContext(restarted, options));
    const [settled] = await seasonTransactions(chain.storage, key);
    expect(settled?.status).toBe("confirmed");
    expect(settled?.attempts).toHaveLength(2);
    expect(settled?.minedTxHash).toBe(settled?.attempts[1]?.txHash);
    // The replacement clock started at the restart's rebroadcast: replaceAfterMs of polls, not a crash.
    expect(pollsBeforeReplacement).toBe(REPLACE_AFTER_MS / POLL_MS);
    const { committed } = await chainCommitments(chain, key.seasonId);
    expect(committed).toHaveLength(1);
    expect((await getRound(chain.storage, key, 0))?.status).toBe("confirmed");
  }, 120_000);
});

describe("confirmations: a round is done only once its block has N confirmations", () => {
  test("live chain: the runner waits (polling) while others mine, and confirms at the 3rd confirmation", async () => {
    const { key, call } = await roundReadyToCommit("confirmations-live");
    // What the runner's storage says at each poll, with the confirmations the chain had then.
    const seen: string[] = [];
    const clock = injectedClock(async () => {
      const [tx] = await seasonTransactions(chain.storage, key);
      const round = await getRound(chain.storage, key, 0);
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      const confirmations = tx?.blockNumber === null || tx === undefined ? 0n : head - tx.blockNumber + 1n;
      seen.push(`${tx?.status}/${round?.status} at ${confirmations}`);
      await chain.mine(); // someone else's block: the runner never mines on a live chain
    });
    const receipt = await sendOperatorCall(
      operatorContext(clock, { devChain: false, confirmations: 3, replaceAfterMs: 60_000 }),
      call,
    );
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    expect(seen).toEqual(["sent/commit-sent at 0", "mined/committed at 1", "mined/committed at 2"]);
    expect(receipt?.status).toBe("success");
    expect(head - (receipt?.blockNumber ?? 0n) + 1n).toBe(3n);
    const [tx] = await seasonTransactions(chain.storage, key);
    expect([tx?.status, tx?.minedTxHash, (await getRound(chain.storage, key, 0))?.status]).toEqual([
      "confirmed",
      receipt?.transactionHash,
      "confirmed",
    ]);
  }, 120_000);

  test("dev chain: the runner mines the missing confirmations itself, and no more", async () => {
    const { key, call } = await roundReadyToCommit("confirmations-dev");
    const seen: string[] = [];
    const clock = injectedClock(async () => {
      const [tx] = await seasonTransactions(chain.storage, key);
      seen.push(String(tx?.status));
      if (tx?.status === "sent") await chain.mine(); // the commitment's own block
    });
    const before = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    const receipt = await sendOperatorCall(
      operatorContext(clock, { devChain: true, confirmations: 3, replaceAfterMs: 60_000 }),
      call,
    );
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    expect(seen).toEqual(["sent"]);
    expect(receipt?.blockNumber).toBe(before + 1n);
    expect(head - (receipt?.blockNumber ?? 0n) + 1n).toBe(3n);
    expect((await seasonTransactions(chain.storage, key))[0]?.status).toBe("confirmed");
  }, 120_000);
});

/**
 * A client for the runner whose `evm_mine` requests first call `beforeMine`: on a dev chain the
 * runner mines its confirmations itself without sleeping, so this is where the test acts between
 * two of them. Every request still goes to the same real node.
 */
function clientMiningThrough(beforeMine: () => Promise<void>): PublicClient<Transport, Chain | undefined> {
  return chain.clientActingBefore(async (method) => {
    if (method === "evm_mine") await beforeMine();
  });
}

/**
 * A client for the runner that answers a receipt lookup the node answers with null with the receipt
 * recorded in `stale`, if any. Mocked: Hardhat forgets a reverted block's receipts at once, while a
 * node whose transaction index lags behind a reorg (or a load balancer reaching such a node) may
 * still serve the receipt of a block that left the chain.
 */
function clientServingStaleReceipts(stale: Map<string, unknown>): PublicClient<Transport, Chain | undefined> {
  return createPublicClient({
    transport: custom(
      {
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          const result = await chain.publicClient.request({ method, params } as never);
          if (method !== "eth_getTransactionReceipt" || result !== null) return result;
          return stale.get(String((params as unknown[])[0]).toLowerCase()) ?? null;
        },
      },
      { retryCount: 0 },
    ),
    pollingInterval: 50,
  });
}

/** Whether the node holds the transaction unmined in its pool. */
async function pendingInNode(hash: string): Promise<boolean> {
  const found = await chain.publicClient.getTransaction({ hash: hash as Hex }).catch(() => undefined);
  return found !== undefined && found.blockNumber === null;
}

/**
 * Reorgs are simulated with `evm_snapshot` taken right before the test mines a transaction's block
 * and `evm_revert` once that block has 1 of its 3 confirmations: the block is gone, and the chain
 * that replaces it is whatever the test mines next.
 */
describe("a reorg inside the confirmation window", () => {
  test("the block and the transaction are dropped: the runner notices, resumes it (rebroadcast, then replacement), and every round is committed once", async () => {
    const key = await chain.newSeasonMinedByHand(2, "reorg-dropped");
    const fromBlock = (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    const snapshots = new Map<number, string>();
    // Per transaction: the block the reorg dropped, what storage said then and at the next poll.
    const reorgs = new Map<
      number,
      { blockNumber: bigint; blockHash: Hex; atRevert: string; afterwards?: string; rebroadcast?: boolean }
    >();
    const pollsBeforeReplacement = new Map<number, number>();
    const clock = injectedClock(async () => {
      const tx = await liveTransaction(key);
      const original = tx?.attempts[0];
      if (tx === undefined || original === undefined || tx.status !== "sent") return;
      if (!snapshots.has(tx.id)) {
        snapshots.set(tx.id, String(await chain.node("evm_snapshot")));
        await chain.mine(); // its block: 1 of 3 confirmations
        return;
      }
      const reorg = reorgs.get(tx.id);
      if (reorg === undefined) throw new Error(`transaction ${tx.id} is sent again without a reorg`);
      if (reorg.afterwards === undefined) {
        reorg.afterwards = `${await storedState(chain, key, tx)} block ${tx.blockHash}`;
        reorg.rebroadcast = await pendingInNode(original.txHash);
        // The network loses it again: it is mined only if the runner replaces it.
        await chain.node("hardhat_dropTransaction", [original.txHash]);
      }
      const replacement = tx.attempts[1];
      if (replacement === undefined) pollsBeforeReplacement.set(tx.id, (pollsBeforeReplacement.get(tx.id) ?? 0) + 1);
      else if (replacement.sentAt !== null) await chain.mine();
    });
    const runnerClient = clientMiningThrough(async () => {
      const mined = (await seasonTransactions(chain.storage, key)).find((tx) => tx.status === "mined");
      const snapshot = mined === undefined ? undefined : snapshots.get(mined.id);
      if (mined === undefined || snapshot === undefined || reorgs.has(mined.id)) return;
      // The runner is about to mine the 2nd confirmation: the chain drops the block first, and the
      // node forgets the transaction (the new chain's producer never had it).
      reorgs.set(mined.id, {
        blockNumber: mined.blockNumber ?? -1n,
        blockHash: mined.blockHash as Hex,
        atRevert: await storedState(chain, key, mined),
      });
      expect(await chain.node("evm_revert", [snapshot])).toBe(true);
      await chain.node("hardhat_dropTransaction", [mined.minedTxHash]);
    });
    const outcome = await runSeasonWithClock(chain, key, clock, { publicClient: runnerClient, confirmations: 3 });

    const transactions = await seasonTransactions(chain.storage, key);
    expect(transactions.map((tx) => [tx.kind, tx.roundIndex, tx.status])).toEqual([
      ["commitRound", 0, "confirmed"],
      ["commitRound", 1, "confirmed"],
      ["finalize", null, "confirmed"],
    ]);
    for (const tx of transactions) {
      const reorg = reorgs.get(tx.id);
      const subject = tx.kind === "finalize" ? "finalizing" : null;
      // Noticed: mined at the revert, back to sent (no block) at the next poll, its bytes in the pool again.
      expect([reorg?.atRevert, reorg?.afterwards, reorg?.rebroadcast]).toEqual([
        `mined/${subject ?? "committed"}`,
        `sent/${subject ?? "commit-sent"} block null`,
        true,
      ]);
      // Resumed as a fresh broadcast: replaced after replaceAfterMs of polls, with the same nonce.
      expect(pollsBeforeReplacement.get(tx.id)).toBe(REPLACE_AFTER_MS / POLL_MS);
      expect(tx.attempts).toHaveLength(2);
      expect(signedFields(tx.attempts[1]?.rawTransaction ?? "").nonce).toBe(tx.nonce);
      // Storage holds the hash that is on-chain, in a block of the chain as it is now.
      expect(tx.minedTxHash).toBe(tx.attempts[1]?.txHash);
      const receipt = await receiptOrUndefined(chain, tx.attempts[1]?.txHash ?? "0x");
      expect([receipt?.status, receipt?.blockNumber, receipt?.blockHash]).toEqual([
        "success",
        tx.blockNumber,
        tx.blockHash,
      ]);
      expect(await blockHashAt(chain, tx.blockNumber ?? -1n)).toBe(tx.blockHash);
      expect(await receiptOrUndefined(chain, tx.attempts[0]?.txHash ?? "0x")).toBeUndefined();
      // The dropped block is not the chain's block at its height any more.
      expect(await blockHashAt(chain, reorg?.blockNumber ?? -1n)).not.toBe(reorg?.blockHash);
    }
    const mined = await minedBy(chain, operator.address, fromBlock);
    expect(mined.map((tx) => tx.nonce)).toEqual(transactions.map((tx) => tx.nonce));
    expect(mined.map((tx) => tx.hash)).toEqual(transactions.map((tx) => tx.minedTxHash));
    const { committed, finalized } = await chainCommitments(chain, key.seasonId);
    const rounds = await listRounds(chain.storage, key);
    expect(committed.map(({ args }) => [args.roundIndex, args.recordsRoot, args.artifactDigest])).toEqual(
      rounds.map((round) => [BigInt(round.roundIndex), round.recordsRoot, round.artifactDigest]),
    );
    expect(committed.map((event) => event.transactionHash)).toEqual(
      transactions.slice(0, 2).map((tx) => tx.minedTxHash),
    );
    expect(rounds.map((round) => round.status)).toEqual(["confirmed", "confirmed"]);
    expect(finalized.map((event) => event.transactionHash)).toEqual([transactions[2]?.minedTxHash]);
    expect((await getSeason(chain.storage, key))?.status).toBe("finalized");
    expect(outcome.rounds).toHaveLength(2);
  }, 180_000);

  test("the node keeps the reverted transaction in its pool: it goes back to sent and is re-included in the new chain", async () => {
    const { key, call } = await roundReadyToCommit("reorg-reincluded");
    const seen: string[] = [];
    let snapshot: string | undefined;
    let dropped: { number: bigint; hash: Hex; timestamp: bigint } | undefined;
    let pendingAfterRevert: boolean | undefined;
    const clock = injectedClock(async () => {
      const [tx] = await seasonTransactions(chain.storage, key);
      if (tx === undefined) return;
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      seen.push(`${await storedState(chain, key, tx)} at ${tx.blockNumber === null ? 0n : head - tx.blockNumber + 1n}`);
      if (snapshot === undefined) {
        snapshot = String(await chain.node("evm_snapshot"));
        await chain.mine();
      } else if (dropped === undefined) {
        const block = await chain.publicClient.getBlock({ blockNumber: tx.blockNumber ?? -1n });
        dropped = { number: block.number, hash: block.hash, timestamp: block.timestamp };
        // EDR's snapshot holds the pool as it was: the transaction is pending again after the revert.
        expect(await chain.node("evm_revert", [snapshot])).toBe(true);
        pendingAfterRevert = await pendingInNode(tx.attempts[0]?.txHash ?? "0x");
      } else {
        // The new chain's block at that height is another producer's (a later timestamp); it takes the transaction.
        if ((await chain.publicClient.getBlockNumber({ cacheTime: 0 })) < dropped.number)
          await chain.node("evm_setNextBlockTimestamp", [`0x${(dropped.timestamp + 12n).toString(16)}`]);
        await chain.mine();
      }
    });
    const receipt = await sendOperatorCall(
      operatorContext(clock, { devChain: false, confirmations: 3, replaceAfterMs: 60_000 }),
      call,
    );
    expect(pendingAfterRevert).toBe(true);
    // 1 confirmation, the reorg noticed (back to sent: its rebroadcast is "known"), then 1, 2 and 3 again.
    expect(seen).toEqual([
      "sent/commit-sent at 0",
      "mined/committed at 1",
      "sent/commit-sent at 0",
      "mined/committed at 1",
      "mined/committed at 2",
    ]);
    const [tx] = await seasonTransactions(chain.storage, key);
    expect(tx?.attempts).toHaveLength(1);
    expect([tx?.status, tx?.minedTxHash, tx?.blockNumber, tx?.blockHash]).toEqual([
      "confirmed",
      tx?.attempts[0]?.txHash,
      dropped?.number,
      receipt?.blockHash,
    ]);
    expect(receipt?.blockHash).not.toBe(dropped?.hash);
    expect(await blockHashAt(chain, dropped?.number ?? -1n)).toBe(receipt?.blockHash);
    expect((await receiptOrUndefined(chain, tx?.minedTxHash ?? "0x"))?.blockHash).toBe(receipt?.blockHash);
    expect((await getRound(chain.storage, key, 0))?.status).toBe("confirmed");
    const { committed } = await chainCommitments(chain, key.seasonId);
    expect(committed.map((event) => event.transactionHash)).toEqual([tx?.minedTxHash]);
  }, 120_000);

  test("a node still serves the dropped block's receipt: the runner checks the chain's block at that height, not the receipt", async () => {
    const { key, call } = await roundReadyToCommit("reorg-stale-receipt");
    const stale = new Map<string, unknown>();
    const seen: string[] = [];
    let snapshot: string | undefined;
    let dropped: { number: bigint; hash: Hex } | undefined;
    const clock = injectedClock(async () => {
      const [tx] = await seasonTransactions(chain.storage, key);
      const hash = tx?.attempts[0]?.txHash;
      if (tx === undefined || hash === undefined) return;
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      seen.push(`${await storedState(chain, key, tx)} at ${tx.blockNumber === null ? 0n : head - tx.blockNumber + 1n}`);
      if (snapshot === undefined) {
        snapshot = String(await chain.node("evm_snapshot"));
        await chain.mine();
      } else if (dropped === undefined) {
        const block = await chain.publicClient.getBlock({ blockNumber: tx.blockNumber ?? -1n });
        dropped = { number: block.number, hash: block.hash };
        stale.set(hash.toLowerCase(), await chain.node("eth_getTransactionReceipt", [hash]));
        expect(await chain.node("evm_revert", [snapshot])).toBe(true);
        // The new chain's block at that height is another producer's, without the transaction; the
        // transaction stays in the pool for a later block.
        await chain.node("hardhat_dropTransaction", [hash]);
        await chain.node("evm_setNextBlockTimestamp", [`0x${(block.timestamp + 12n).toString(16)}`]);
        await chain.mine();
        await chain.node("eth_sendRawTransaction", [tx.attempts[0]?.rawTransaction]);
      } else await chain.mine();
    });
    const receipt = await sendOperatorCall(
      operatorContext(
        clock,
        { devChain: false, confirmations: 3, replaceAfterMs: 60_000 },
        clientServingStaleReceipts(stale),
      ),
      call,
    );
    // The stale receipt names a block the chain no longer has at its height: not mined, back to sent.
    expect(seen).toEqual([
      "sent/commit-sent at 0",
      "mined/committed at 1",
      "sent/commit-sent at 0",
      "mined/committed at 1",
      "mined/committed at 2",
    ]);
    const [tx] = await seasonTransactions(chain.storage, key);
    expect([tx?.status, tx?.minedTxHash, tx?.blockNumber, tx?.blockHash]).toEqual([
      "confirmed",
      tx?.attempts[0]?.txHash,
      (dropped?.number ?? -1n) + 1n,
      receipt?.blockHash,
    ]);
    expect(await blockHashAt(chain, tx?.blockNumber ?? -1n)).toBe(tx?.blockHash);
    expect(await blockHashAt(chain, dropped?.number ?? -1n)).not.toBe(dropped?.hash);
    const { committed } = await chainCommitments(chain, key.seasonId);
    expect(committed.map((event) => event.transactionHash)).toEqual([tx?.minedTxHash]);
  }, 120_000);

  test("a reorg while the runner is down: the restart finds the recorded block gone, sends it back to sent and rebroadcasts it", async () => {
    const { key, call } = await roundReadyToCommit("reorg-restart");
    const options = { devChain: false, confirmations: 3, replaceAfterMs: 60_000 };
    let snapshot: string | undefined;
    const killed = new Error("killed while confirming");
    const firstRun = injectedClock(async () => {
      if (snapshot !== undefined) throw killed; // at the first confirmation poll
      snapshot = String(await chain.node("evm_snapshot"));
      await chain.mine();
    });
    await expect(sendOperatorCall(operatorContext(firstRun, options), call)).rejects.toBe(killed);
    const [stopped] = await seasonTransactions(chain.storage, key);
    if (stopped === undefined || stopped.blockNumber === null) throw new Error("the first run recorded no block");
    expect(await storedState(chain, key, stopped)).toBe("mined/committed");
    const dropped = await chain.publicClient.getBlock({ blockNumber: stopped.blockNumber });
    // While it is down: the block is reverted and the node forgets the transaction.
    expect(await chain.node("evm_revert", [snapshot])).toBe(true);
    await chain.node("hardhat_dropTransaction", [stopped.minedTxHash]);
    expect(await pendingInNode(stopped.minedTxHash ?? "0x")).toBe(false);

    const seen: string[] = [];
    const restarted = injectedClock(async () => {
      const [tx] = await seasonTransactions(chain.storage, key);
      if (tx === undefined) return;
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      seen.push(`${await storedState(chain, key, tx)} at ${tx.blockNumber === null ? 0n : head - tx.blockNumber + 1n}`);
      if (tx.status === "sent") {
        seen.push(`pending in node: ${await pendingInNode(tx.attempts[0]?.txHash ?? "0x")}`);
        await chain.node("evm_setNextBlockTimestamp", [`0x${(dropped.timestamp + 12n).toString(16)}`]);
      }
      await chain.mine();
    });
    await settlePendingTransactions(operatorContext(restarted, options));
    expect(seen).toEqual([
      "sent/commit-sent at 0",
      "pending in node: true",
      "mined/committed at 1",
      "mined/committed at 2",
    ]);
    const [tx] = await seasonTransactions(chain.storage, key);
    expect(tx?.attempts).toHaveLength(1);
    expect([tx?.status, tx?.minedTxHash, tx?.blockNumber]).toEqual(["confirmed", stopped.minedTxHash, dropped.number]);
    expect(tx?.blockHash).not.toBe(dropped.hash);
    expect(await blockHashAt(chain, dropped.number)).toBe(tx?.blockHash);
    expect((await getRound(chain.storage, key, 0))?.status).toBe("confirmed");
    const { committed } = await chainCommitments(chain, key.seasonId);
    expect(committed.map((event) => event.transactionHash)).toEqual([tx?.minedTxHash]);
  }, 120_000);

  test("the new chain uses the nonce for another transaction: the commit fails, and the runner commits the round once with a new one", async () => {
    const key = await chain.newSeasonMinedByHand(1, "reorg-nonce-taken");
    const fromBlock = (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    let snapshot: { transactionId: number; id: string } | undefined;
    let reverted = false;
    let otherHash: Hex | undefined;
    const clock = injectedClock(async () => {
      const tx = await liveTransaction(key);
      if (tx === undefined || tx.status !== "sent") return;
      if (snapshot === undefined) snapshot = { transactionId: tx.id, id: String(await chain.node("evm_snapshot")) };
      await chain.mine();
    });
    const runnerClient = clientMiningThrough(async () => {
      const mined = (await seasonTransactions(chain.storage, key)).find((tx) => tx.status === "mined");
      if (reverted || snapshot === undefined || mined?.id !== snapshot.transactionId) return;
      reverted = true;
      expect(await chain.node("evm_revert", [snapshot.id])).toBe(true);
      await chain.node("hardhat_dropTransaction", [mined.minedTxHash]);
      // The new chain holds another transaction of the operator's key with the same nonce (another
      // process using the key); the runner's next evm_mine puts it in the block.
      const fees = await chain.publicClient.estimateFeesPerGas();
      const other = await operator.signTransaction({
        chainId: CHAIN_ID,
        type: "eip1559",
        to: operator.address,
        value: 0n,
        nonce: mined.nonce,
        gas: 21_000n,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
      otherHash = keccak256(other);
      await chain.node("eth_sendRawTransaction", [other]);
    });
    await runSeasonWithClock(chain, key, clock, { publicClient: runnerClient, confirmations: 3 });
    expect(reverted).toBe(true);
    const transactions = await seasonTransactions(chain.storage, key);
    expect(transactions.map((tx) => [tx.kind, tx.roundIndex, tx.status, tx.failureReason])).toEqual([
      ["commitRound", 0, "failed", `nonce ${transactions[0]?.nonce} was used by another transaction`],
      ["commitRound", 0, "confirmed", null],
      ["finalize", null, "confirmed", null],
    ]);
    const [failed, commit] = transactions;
    expect(await receiptOrUndefined(chain, failed?.attempts[0]?.txHash ?? "0x")).toBeUndefined();
    expect(commit?.nonce).toBe((failed?.nonce ?? -1) + 1);
    const mined = await minedBy(chain, operator.address, fromBlock);
    expect(mined.map((tx) => tx.hash)).toEqual([otherHash, commit?.minedTxHash, transactions[2]?.minedTxHash]);
    const { committed, finalized } = await chainCommitments(chain, key.seasonId);
    expect(committed.map((event) => [event.args.roundIndex, event.transactionHash])).toEqual([
      [0n, commit?.minedTxHash],
    ]);
    expect(finalized).toHaveLength(1);
    expect((await getRound(chain.storage, key, 0))?.status).toBe("confirmed");
  }, 180_000);
});
