/**
 * The season runner after a reorg, on a real `hardhat node` with automine off (issue 6): a commit or
 * finalize that fails after its block left the chain, while the chain holds the same commitment made
 * by another transaction (another attempt of the nonce, the runner's own earlier broadcast, another
 * operator). Reorgs are staged with `evm_snapshot` before the transaction's block and `evm_revert`
 * right before the runner mines its 2nd of 3 confirmations, as in operatorTransactions.test.ts. Also:
 * restarts after the finalization landed, without any reorg.
 */
import { podiumArenaAbi } from "@podium/contracts/abi";
import {
  type Address,
  decodeFunctionData,
  encodeFunctionData,
  type Hex,
  keccak256,
  type LocalAccount,
  parseTransaction,
  stringToHex,
} from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getRound, listRounds } from "../storage/roundRepository.ts";
import type { SeasonKey } from "../storage/seasonKey.ts";
import { getSeason } from "../storage/seasonRepository.ts";
import { type StoredTransaction, seasonTransactions } from "../storage/transactionRepository.ts";
import { devAccount } from "./createDemoSeason.ts";
import { RunnerError } from "./runnerError.ts";
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

/** Another holder of OPERATOR_ROLE (the demo season's entrants are accounts 1 and 2). */
const otherOperator = devAccount(9);

let chain: RunnerTestChain;
beforeAll(async () => {
  chain = await startRunnerTestChain({ label: "season-reorg" });
}, 120_000);
afterAll(async () => {
  await chain?.close();
});

function runner(key: SeasonKey, clock: InjectedClock, publicClient = chain.publicClient) {
  return runSeasonWithClock(chain, key, clock, { publicClient, confirmations: 3 });
}

const transactionsOf = (key: SeasonKey) => seasonTransactions(chain.storage, key);

/** The rows as [kind, round, status, sender is the operator], the way the assertions read them. */
async function rows(key: SeasonKey) {
  return (await transactionsOf(key)).map((tx) => [
    tx.kind,
    tx.roundIndex,
    tx.status,
    tx.sender === operator.address.toLowerCase() ? "operator" : tx.sender,
  ]);
}

/** Signs an EIP-1559 call of `account` with its next pending nonce (or `nonce`) at the network's fees. */
async function signCall(
  account: LocalAccount,
  call: { to: Address; data: Hex; nonce?: number; gas?: bigint; feeBump?: bigint },
): Promise<Hex> {
  const fees = await chain.publicClient.estimateFeesPerGas();
  const nonce =
    call.nonce ?? (await chain.publicClient.getTransactionCount({ address: account.address, blockTag: "pending" }));
  const gas = call.gas ?? (await chain.publicClient.estimateGas({ account, to: call.to, data: call.data }));
  return account.signTransaction({
    chainId: CHAIN_ID,
    type: "eip1559",
    to: call.to,
    data: call.data,
    nonce,
    gas,
    maxFeePerGas: fees.maxFeePerGas + (call.feeBump ?? 0n),
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas + (call.feeBump ?? 0n),
  });
}

/**
 * The same call as the runner's stored transaction, same nonce and gas, signed again with fees 1 wei
 * higher: another attempt of that nonce, whose hash the runner never stored (a second process with
 * the operator's key, or a signer that re-signed it).
 */
async function anotherAttemptOf(tx: StoredTransaction, data: Hex = tx.data as Hex): Promise<Hex> {
  const first = parseTransaction(tx.attempts[0]?.rawTransaction as Hex);
  return signCall(operator, { to: tx.to as Address, data, nonce: tx.nonce, gas: first.gas ?? 0n, feeBump: 1n });
}

/**
 * Stages the reorg of issue 6 for the season's `kind` transaction: when it is first sent, the test
 * takes a snapshot and mines its block (1 of 3 confirmations); right before the runner mines the 2nd,
 * the block is reverted, the node forgets the transaction, and the new chain gets `inNewChain(tx)`
 * instead, which the runner's own evm_mine puts in the block. Every other sent transaction is mined
 * at the runner's next poll. `seen` then lists what storage said of the transaction with the new
 * chain's hash at each of the runner's later evm_mine calls, with the confirmations it had.
 */
function stageReorg(
  key: SeasonKey,
  kind: StoredTransaction["kind"],
  inNewChain: (tx: StoredTransaction) => Promise<Hex>,
  options: { snapshotAfterRevert?: boolean } = {},
) {
  const staged: {
    snapshot?: string;
    transactionId?: number;
    reverted?: StoredTransaction;
    /** A snapshot of the chain right after the revert, before the new chain's transaction. */
    afterRevert?: string;
    newChainRaw?: Hex;
    newChainHash?: Hex;
    seen: string[];
  } = { seen: [] };
  const clock = injectedClock(async () => {
    const tx = (await transactionsOf(key)).find((candidate) => candidate.status === "sent");
    if (tx === undefined) return;
    if (tx.kind === kind && staged.snapshot === undefined) {
      staged.snapshot = String(await chain.node("evm_snapshot"));
      staged.transactionId = tx.id;
    }
    await chain.mine();
  });
  const client = chain.clientActingBefore(async (method) => {
    if (method !== "evm_mine") return;
    const mined = (await transactionsOf(key)).find((tx) => tx.status === "mined" && tx.kind === kind);
    if (mined === undefined) return;
    if (staged.newChainHash === undefined) {
      if (mined.id !== staged.transactionId || staged.snapshot === undefined) return;
      staged.reverted = mined;
      expect(await chain.node("evm_revert", [staged.snapshot])).toBe(true);
      await chain.node("hardhat_dropTransaction", [mined.minedTxHash]);
      if (options.snapshotAfterRevert === true) staged.afterRevert = String(await chain.node("evm_snapshot"));
      staged.newChainRaw = await inNewChain(mined);
      staged.newChainHash = keccak256(staged.newChainRaw);
      await chain.node("eth_sendRawTransaction", [staged.newChainRaw]);
    } else if (mined.minedTxHash === staged.newChainHash) {
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      staged.seen.push(`${await storedState(chain, key, mined)} at ${head - (mined.blockNumber ?? head) + 1n}`);
    }
  });
  return { staged, clock, client };
}

describe("a reorged commit fails, and the chain shows its round already committed with the same values", () => {
  test("by another attempt of its nonce: the runner records that transaction, waits for its 3 confirmations, and the round ends confirmed", async () => {
    const key = await chain.newSeasonMinedByHand(1, "found-commit-same-nonce");
    const fromBlock = (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    const { staged, clock, client } = stageReorg(key, "commitRound", (tx) => anotherAttemptOf(tx));
    const outcome = await runner(key, clock, client);

    const transactions = await transactionsOf(key);
    const [failed, found, finalize] = transactions;
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "failed", "operator"],
      ["commitRound", 0, "confirmed", "operator"],
      ["finalize", null, "confirmed", "operator"],
    ]);
    expect(failed?.failureReason).toBe(`nonce ${failed?.nonce} was used by another transaction`);
    // The transaction that committed the round, as the chain holds it: its hash, nonce, exact signed bytes.
    expect(found?.minedTxHash).toBe(staged.newChainHash);
    expect(found?.nonce).toBe(failed?.nonce);
    expect(found?.attempts.map((attempt) => attempt.rawTransaction)).toEqual([staged.newChainRaw]);
    const receipt = await receiptOrUndefined(chain, staged.newChainHash ?? "0x");
    expect([receipt?.status, found?.blockNumber, found?.blockHash]).toEqual([
      "success",
      receipt?.blockNumber,
      receipt?.blockHash,
    ]);
    expect(await blockHashAt(chain, found?.blockNumber ?? -1n)).toBe(found?.blockHash);
    // Waited for the confirmations like any commit: committed at 1 and 2, confirmed at 3 (the runner mined 2).
    expect(staged.seen).toEqual(["mined/committed at 1", "mined/committed at 2"]);
    expect((await getRound(chain.storage, key, 0))?.status).toBe("confirmed");

    const { committed, finalized } = await chainCommitments(chain, key.seasonId);
    expect(committed.map((event) => event.transactionHash)).toEqual([staged.newChainHash]);
    expect(finalized.map((event) => event.transactionHash)).toEqual([finalize?.minedTxHash]);
    expect((await getSeason(chain.storage, key))?.status).toBe("finalized");
    // Nothing else was sent: the new chain's commit and the runner's finalize.
    expect((await minedBy(chain, operator.address, fromBlock)).map((tx) => tx.hash)).toEqual([
      staged.newChainHash,
      finalize?.minedTxHash,
    ]);
    expect(outcome.rounds).toHaveLength(1);
  }, 180_000);

  test("by the failed transaction itself, brought back by a second reorg: it is revived (failed ▶ mined) and confirmed", async () => {
    const key = await chain.newSeasonMinedByHand(1, "found-commit-revived");
    let phase: "first chain" | "nonce taken" | "original back" = "first chain";
    let firstSnapshot: string | undefined;
    let beforeOther: string | undefined;
    let failedWith: string | null | undefined;
    const seen: string[] = [];
    const clock = injectedClock(async () => {
      const tx = (await transactionsOf(key)).find((candidate) => candidate.status === "sent");
      if (tx === undefined) return;
      if (tx.kind === "commitRound" && firstSnapshot === undefined)
        firstSnapshot = String(await chain.node("evm_snapshot"));
      await chain.mine();
    });
    const client = chain.clientActingBefore(async (method) => {
      if ((await getSeason(chain.storage, key)) === undefined) return; // not registered yet
      const [commit] = await transactionsOf(key);
      if (commit === undefined) return;
      if (phase === "first chain" && method === "evm_mine" && commit.status === "mined") {
        // Reorg 1: the new chain gives the commit's nonce to another transaction of the operator's key.
        phase = "nonce taken";
        expect(await chain.node("evm_revert", [firstSnapshot])).toBe(true);
        await chain.node("hardhat_dropTransaction", [commit.minedTxHash]);
        beforeOther = String(await chain.node("evm_snapshot"));
        const transfer = await operator.signTransaction({
          chainId: CHAIN_ID,
          type: "eip1559",
          to: operator.address,
          value: 0n,
          nonce: commit.nonce,
          gas: 21_000n,
          ...(await chain.publicClient.estimateFeesPerGas()),
        });
        await chain.node("eth_sendRawTransaction", [transfer]);
      } else if (phase === "nonce taken" && commit.status === "failed") {
        // Reorg 2, before the runner's next request: back to a chain whose block at that height holds the commit.
        phase = "original back";
        failedWith = commit.failureReason;
        expect(await chain.node("evm_revert", [beforeOther])).toBe(true);
        await chain.node("eth_sendRawTransaction", [commit.attempts[0]?.rawTransaction]);
        await chain.mine();
      } else if (phase === "original back" && method === "evm_mine" && commit.status === "mined") {
        const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
        seen.push(`${await storedState(chain, key, commit)} at ${head - (commit.blockNumber ?? head) + 1n}`);
      }
    });
    await runner(key, clock, client);

    expect(phase).toBe("original back");
    expect(failedWith).toMatch(/^nonce \d+ was used by another transaction$/);
    const [commit] = await transactionsOf(key);
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "confirmed", "operator"],
      ["finalize", null, "confirmed", "operator"],
    ]);
    expect([commit?.minedTxHash, commit?.failureReason, commit?.failedAt, commit?.attempts.length]).toEqual([
      commit?.attempts[0]?.txHash,
      null,
      null,
      1,
    ]);
    expect(seen).toEqual(["mined/committed at 1", "mined/committed at 2"]);
    expect(await blockHashAt(chain, commit?.blockNumber ?? -1n)).toBe(commit?.blockHash);
    expect((await getRound(chain.storage, key, 0))?.status).toBe("confirmed");
    const { committed, finalized } = await chainCommitments(chain, key.seasonId);
    expect(committed.map((event) => event.transactionHash)).toEqual([commit?.minedTxHash]);
    expect(finalized).toHaveLength(1);
  }, 180_000);

  test("by another operator: the runner's own rebroadcast reverts and stops it; restarts record the other operator's transaction, and when a reorg drops it for good the runner commits the round itself", async () => {
    const key = await chain.newSeasonMinedByHand(1, "found-commit-other-operator");
    const roleHolder = otherOperator.address;
    await chain.node("evm_setAutomine", [true]);
    const operatorRole = await chain.publicClient.readContract({
      address: chain.arena,
      abi: podiumArenaAbi,
      functionName: "OPERATOR_ROLE",
    });
    const grant = encodeFunctionData({
      abi: podiumArenaAbi,
      functionName: "grantRole",
      args: [operatorRole, roleHolder],
    });
    await chain.node("eth_sendRawTransaction", [await signCall(operator, { to: chain.arena, data: grant })]);
    await chain.node("evm_setAutomine", [false]);

    // Run 1: the commit's block is reverted and the other operator commits the round (same values) in the
    // new chain; the runner rebroadcasts its own commit, which reverts there: a revert stops the runner.
    const run1 = stageReorg(
      key,
      "commitRound",
      (tx) => signCall(otherOperator, { to: chain.arena, data: tx.data as Hex }),
      {
        snapshotAfterRevert: true,
      },
    );
    await expect(runner(key, run1.clock, run1.client)).rejects.toThrow(/commitRound 0 transaction reverted/);
    const otherHash = run1.staged.newChainHash;
    expect(await rows(key)).toEqual([["commitRound", 0, "failed", "operator"]]);
    expect((await transactionsOf(key))[0]?.failureReason).toMatch(/^reverted in block/);
    expect((await chainCommitments(chain, key.seasonId)).committed.map((event) => event.transactionHash)).toEqual([
      otherHash,
    ]);

    // Run 2 (a restart): the round is committed on-chain with the stored values by the other operator's
    // transaction: recorded (sender and all) and confirmed... but this run is killed at its 2nd confirmation.
    const seen: string[] = [];
    const killed = new Error("killed while confirming");
    const run2 = chain.clientActingBefore(async (method) => {
      if (method !== "evm_mine") return;
      const found = (await transactionsOf(key)).find((tx) => tx.minedTxHash === otherHash);
      if (found === undefined) return;
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      seen.push(`${await storedState(chain, key, found)} at ${head - (found.blockNumber ?? head) + 1n}`);
      throw killed;
    });
    const nothingToWaitFor = injectedClock(async () => {
      throw new Error("run 2 has nothing to wait for");
    });
    await expect(runner(key, nothingToWaitFor, run2)).rejects.toThrow(/killed while confirming/);
    // The runner's reverted commit sits in the block after the other operator's: 2 confirmations.
    expect(seen).toEqual(["mined/committed at 2"]);
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "failed", "operator"],
      ["commitRound", 0, "mined", roleHolder.toLowerCase()],
    ]);
    const recorded = (await transactionsOf(key))[1];
    expect(recorded?.attempts.map((attempt) => attempt.rawTransaction)).toEqual([run1.staged.newChainRaw]);

    // While it is down, a reorg drops both blocks and the network forgets the other operator's transaction.
    expect(await chain.node("evm_revert", [run1.staged.afterRevert])).toBe(true);
    expect(await receiptOrUndefined(chain, otherHash ?? "0x")).toBeUndefined();

    // Run 3: the restart settles the other operator's transaction (back to sent, rebroadcast). The network
    // loses it at every poll, and only its key could replace it: after replaceAfterMs it is given up,
    // and the chain, where the round is not committed any more, gets the runner's own commit.
    let pollsWhileOtherSent = 0;
    const run3 = injectedClock(async () => {
      const tx = (await transactionsOf(key)).find((candidate) => candidate.status === "sent");
      if (tx === undefined) return;
      if (tx.sender === roleHolder.toLowerCase()) {
        pollsWhileOtherSent++;
        await chain.node("hardhat_dropTransaction", [tx.attempts[0]?.txHash]);
      }
      await chain.mine(); // blocks go on, without it
    });
    const fromBlock = (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    await runner(key, run3);
    expect(pollsWhileOtherSent).toBe(REPLACE_AFTER_MS / POLL_MS);
    const transactions = await transactionsOf(key);
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "failed", "operator"],
      ["commitRound", 0, "failed", roleHolder.toLowerCase()],
      ["commitRound", 0, "confirmed", "operator"],
      ["finalize", null, "confirmed", "operator"],
    ]);
    expect(transactions[1]?.failureReason).toMatch(/not the operator's to replace/);
    const { committed, finalized } = await chainCommitments(chain, key.seasonId);
    expect(committed.map((event) => event.transactionHash)).toEqual([transactions[2]?.minedTxHash]);
    expect(finalized.map((event) => event.transactionHash)).toEqual([transactions[3]?.minedTxHash]);
    expect(await minedBy(chain, roleHolder, fromBlock)).toEqual([]);
    expect((await listRounds(chain.storage, key)).map((round) => round.status)).toEqual(["confirmed"]);
  }, 180_000);
});

describe("a reorged finalize fails, and the season turns out already finalized on-chain", () => {
  test("with the runner's results, by another attempt of its nonce: recorded, confirmed, and the season ends finalized", async () => {
    const key = await chain.newSeasonMinedByHand(1, "found-finalize-same-results");
    const { staged, clock, client } = stageReorg(key, "finalize", (tx) => anotherAttemptOf(tx));
    const outcome = await runner(key, clock, client);

    const transactions = await transactionsOf(key);
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "confirmed", "operator"],
      ["finalize", null, "failed", "operator"],
      ["finalize", null, "confirmed", "operator"],
    ]);
    const [, failed, found] = transactions;
    expect(failed?.failureReason).toBe(`nonce ${failed?.nonce} was used by another transaction`);
    expect([found?.minedTxHash, found?.nonce]).toEqual([staged.newChainHash, failed?.nonce]);
    expect(found?.attempts.map((attempt) => attempt.rawTransaction)).toEqual([staged.newChainRaw]);
    expect(staged.seen).toEqual(["mined/finalizing at 1", "mined/finalizing at 2"]);
    expect(await blockHashAt(chain, found?.blockNumber ?? -1n)).toBe(found?.blockHash);
    expect(await getSeason(chain.storage, key)).toMatchObject({
      status: "finalized",
      resultsRoot: outcome.resultsCommitment.resultsRoot,
      totalPayout: outcome.resultsCommitment.totalPayout,
    });
    const { finalized } = await chainCommitments(chain, key.seasonId);
    expect(finalized.map((event) => [event.transactionHash, event.args.resultsRoot])).toEqual([
      [staged.newChainHash, outcome.resultsCommitment.resultsRoot],
    ]);
    // The gas of what this run got mined itself: its commit (the finalize it recorded was not its own).
    const commitReceipt = await receiptOrUndefined(chain, transactions[0]?.minedTxHash ?? "0x");
    expect(outcome.gasUsed).toBe(commitReceipt?.gasUsed);
  }, 180_000);

  test("with other results: the runner stops with a RunnerError naming both, and sends nothing", async () => {
    const key = await chain.newSeasonMinedByHand(1, "found-finalize-other-results");
    const otherRoot = keccak256(stringToHex("other results"));
    const otherDigest = keccak256(stringToHex("other results artifact"));
    let ours: readonly unknown[] | undefined;
    const { staged, clock, client } = stageReorg(key, "finalize", (tx) => {
      ours = decodeFunctionData({ abi: podiumArenaAbi, data: tx.data as Hex }).args;
      const [seasonId, , totalPayout] = ours as [bigint, Hex, bigint];
      const data = encodeFunctionData({
        abi: podiumArenaAbi,
        functionName: "finalize",
        args: [seasonId, otherRoot, totalPayout, otherDigest, "http://elsewhere.test/results.json"],
      });
      return anotherAttemptOf(tx, data);
    });
    const error = await runner(key, clock, client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunnerError);
    const [, ourRoot, payout, ourDigest] = ours as [bigint, Hex, bigint, Hex];
    expect((error as RunnerError).shortMessage).toBe(
      `Season ${key.seasonId} is finalized on-chain with other results than this runner's.`,
    );
    expect((error as RunnerError).details).toBe(
      `on-chain results root ${otherRoot}, total payout ${payout}, results digest ${otherDigest} (transaction ${staged.newChainHash}, block ${(await receiptOrUndefined(chain, staged.newChainHash ?? "0x"))?.blockNumber}); this runner results root ${ourRoot}, total payout ${payout}, results digest ${ourDigest}`,
    );

    // Nothing sent after the failure: no new finalize stored, nothing pending in the node, nothing mined.
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "confirmed", "operator"],
      ["finalize", null, "failed", "operator"],
    ]);
    expect((await getSeason(chain.storage, key))?.status).toBe("running");
    const pending = await chain.publicClient.getTransactionCount({ address: operator.address, blockTag: "pending" });
    const latest = await chain.publicClient.getTransactionCount({ address: operator.address, blockTag: "latest" });
    expect(pending).toBe(latest);
    const { finalized } = await chainCommitments(chain, key.seasonId);
    expect(finalized.map((event) => event.transactionHash)).toEqual([staged.newChainHash]);
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    expect(await minedBy(chain, operator.address, (staged.reverted?.blockNumber ?? head) + 1n)).toEqual([]);
  }, 180_000);
});

describe("a restart after the finalization landed (no reorg)", () => {
  /** A clock that mines a block whenever the season has a sent transaction. */
  const miningClock = (key: SeasonKey) =>
    injectedClock(async () => {
      if ((await transactionsOf(key)).some((tx) => tx.status === "sent")) await chain.mine();
    });

  test("finalized and confirmed: the restart sends nothing, mines nothing and returns the same results", async () => {
    const key = await chain.newSeasonMinedByHand(1, "restart-after-finalized");
    const first = await runner(key, miningClock(key));
    const before = {
      head: await chain.publicClient.getBlockNumber({ cacheTime: 0 }),
      transactions: await transactionsOf(key),
    };
    const again = await runner(
      key,
      injectedClock(async () => {
        throw new Error("the restart waited for something");
      }),
    );
    expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(before.head);
    expect(await transactionsOf(key)).toEqual(before.transactions);
    expect(again.gasUsed).toBe(0n);
    expect([again.resultsCommitment.resultsRoot, again.resultsUri, again.rounds]).toEqual([
      first.resultsCommitment.resultsRoot,
      first.resultsUri,
      first.rounds,
    ]);
    expect((await getSeason(chain.storage, key))?.status).toBe("finalized");
    expect((await chainCommitments(chain, key.seasonId)).finalized).toHaveLength(1);
  }, 180_000);

  test("the finalize was mined while the runner was down: the restart records and confirms it, and sends nothing", async () => {
    const key = await chain.newSeasonMinedByHand(1, "restart-finalize-mined-while-down");
    const killed = new Error("killed after the finalize broadcast");
    const firstRun = injectedClock(async () => {
      const sent = (await transactionsOf(key)).find((tx) => tx.status === "sent");
      if (sent?.kind === "finalize") throw killed;
      if (sent !== undefined) await chain.mine();
    });
    await expect(runner(key, firstRun)).rejects.toBe(killed);
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "confirmed", "operator"],
      ["finalize", null, "sent", "operator"],
    ]);
    await chain.mine(); // the finalize lands while the runner is down
    const [, sent] = await transactionsOf(key);
    const landed = await receiptOrUndefined(chain, sent?.attempts[0]?.txHash ?? "0x");
    expect(landed?.status).toBe("success");

    const again = await runner(key, miningClock(key));
    const [, finalize] = await transactionsOf(key);
    expect(await rows(key)).toEqual([
      ["commitRound", 0, "confirmed", "operator"],
      ["finalize", null, "confirmed", "operator"],
    ]);
    expect([finalize?.minedTxHash, finalize?.blockNumber, finalize?.attempts.length]).toEqual([
      landed?.transactionHash,
      landed?.blockNumber,
      1,
    ]);
    // The restart mined the 2 missing confirmations and nothing else.
    expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe((landed?.blockNumber ?? 0n) + 2n);
    expect(again.gasUsed).toBe(0n);
    expect((await getSeason(chain.storage, key))?.status).toBe("finalized");
    const { finalized } = await chainCommitments(chain, key.seasonId);
    expect(finalized.map((event) => event.transactionHash)).toEqual([landed?.transactionHash]);
  }, 180_000);
});
