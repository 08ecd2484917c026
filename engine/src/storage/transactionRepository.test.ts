import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { getRound, lastConfirmedRound, markRoundArtifactPublished, saveSimulatedRound } from "./roundRepository.ts";
import { getSeason, registerSeason } from "./seasonRepository.ts";
import { InvalidStorageInputError, StatusTransitionError, StorageConflictError } from "./storageErrors.ts";
import { address, hash, seasonParameters, testSeason } from "./testing/storageFixtures.ts";
import { openTestStorage, storageBackendsUnderTest, type TestStorage, testClock } from "./testing/testStorage.ts";
import {
  adoptMinedTransaction,
  getTransaction,
  highestNonce,
  markTransactionConfirmed,
  markTransactionFailed,
  markTransactionMined,
  markTransactionReorged,
  markTransactionSent,
  pendingTransactions,
  prepareTransaction,
  recordReplacementAttempt,
  seasonTransactions,
} from "./transactionRepository.ts";

const operator = address(0x0e);

/** A stand-in signed transaction: distinct bytes and hash per label. */
function attempt(label: string, maxFeePerGas = 2_000_000_000n) {
  return { txHash: hash(`tx ${label}`), rawTransaction: `0x02${hash(label).slice(2)}` as const, maxFeePerGas };
}

function commit(roundIndex: number, nonce: number, label = `commit ${roundIndex}`) {
  return {
    season: testSeason,
    kind: "commitRound" as const,
    roundIndex,
    sender: operator,
    nonce,
    data: "0xc0ffee" as const,
    attempt: attempt(label),
  };
}

describe.each(storageBackendsUnderTest())("transactionRepository on %s", (backend) => {
  const time = testClock();
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await openTestStorage(backend, { clock: time.clock });
  });
  afterAll(() => storage?.close());
  beforeEach(async () => {
    await storage.reset();
    await registerSeason(storage, seasonParameters);
  });

  async function publishRound(roundIndex: number) {
    await saveSimulatedRound(storage, {
      season: testSeason,
      roundIndex,
      recordsRoot: hash(`records ${roundIndex}`),
      standingsRoot: hash(`standings ${roundIndex}`),
      records: [],
      standings: [],
    });
    await markRoundArtifactPublished(storage, {
      season: testSeason,
      roundIndex,
      artifactDigest: hash(`artifact ${roundIndex}`),
      artifactUri: `http://127.0.0.1:8787/round-${roundIndex}.json`,
    });
  }

  async function commitThrough(roundIndex: number, nonce: number) {
    await publishRound(roundIndex);
    const prepared = await prepareTransaction(storage, commit(roundIndex, nonce));
    await markTransactionMined(storage, {
      transactionId: prepared.id,
      txHash: hash(`tx commit ${roundIndex}`),
      blockNumber: BigInt(10 + roundIndex),
      blockHash: hash(`block ${roundIndex}`),
    });
    return markTransactionConfirmed(storage, { transactionId: prepared.id });
  }

  test("a commit goes prepared -> sent -> mined -> confirmed, moving its round with it", async () => {
    await publishRound(0);
    const prepared = await prepareTransaction(storage, commit(0, 7));
    expect(prepared).toMatchObject({
      kind: "commitRound",
      roundIndex: 0,
      nonce: 7,
      status: "prepared",
      sender: operator,
      to: testSeason.contract.toLowerCase(),
      data: "0xc0ffee",
    });
    expect(prepared.attempts).toMatchObject([
      { attempt: 0, txHash: hash("tx commit 0"), maxFeePerGas: 2_000_000_000n },
    ]);
    expect(prepared.preparedAt.getTime()).toBe(time.at);
    expect((await getRound(storage, testSeason, 0))?.status).toBe("commit-sent");

    time.at += 1000;
    const sent = await markTransactionSent(storage, { transactionId: prepared.id, txHash: hash("tx commit 0") });
    expect(sent.status).toBe("sent");
    expect(sent.sentAt?.getTime()).toBe(time.at);
    expect(sent.attempts[0]?.sentAt?.getTime()).toBe(time.at);

    const mined = await markTransactionMined(storage, {
      transactionId: prepared.id,
      txHash: hash("tx commit 0"),
      blockNumber: 12n,
      blockHash: hash("block 12"),
    });
    expect(mined).toMatchObject({ status: "mined", blockNumber: 12n, minedTxHash: hash("tx commit 0") });
    expect((await getRound(storage, testSeason, 0))?.status).toBe("committed");
    expect(await lastConfirmedRound(storage, testSeason)).toBeUndefined();

    const confirmed = await markTransactionConfirmed(storage, { transactionId: prepared.id });
    expect(confirmed.status).toBe("confirmed");
    expect((await getRound(storage, testSeason, 0))?.status).toBe("confirmed");
    expect(await lastConfirmedRound(storage, testSeason)).toBe(0);
  });

  test("persist before send: the round must be published, and the prepared transaction is all a restart needs", async () => {
    await expect(prepareTransaction(storage, commit(0, 0))).rejects.toBeInstanceOf(StatusTransitionError);
    await publishRound(0);
    await prepareTransaction(storage, commit(0, 0));
    // Crash here, before the broadcast: the restart finds the signed bytes and the nonce.
    const pending = await pendingTransactions(storage, { chainId: 31337, sender: operator });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ status: "prepared", nonce: 0 });
    expect(pending[0]?.attempts[0]?.rawTransaction).toBe(attempt("commit 0").rawTransaction);
    expect(await highestNonce(storage, { chainId: 31337, sender: operator })).toBe(0);
  });

  test("preparing the same signed transaction again returns it; another one for the same round is refused", async () => {
    await publishRound(0);
    const first = await prepareTransaction(storage, commit(0, 3));
    const again = await prepareTransaction(storage, commit(0, 3));
    expect(again.id).toBe(first.id);
    const error = await prepareTransaction(storage, commit(0, 4, "other signature")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect((error as StorageConflictError).field).toBe("live transaction");
    expect(await seasonTransactions(storage, testSeason)).toHaveLength(1);
  });

  test("concurrent prepares of one round with different transactions: exactly one wins", async () => {
    await publishRound(0);
    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3].map((n) => prepareTransaction(storage, commit(0, n, `racer ${n}`))),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await seasonTransactions(storage, testSeason)).toHaveLength(1);
  });

  test("a nonce held by a live transaction is refused, across seasons of the same sender", async () => {
    const otherSeason = { ...testSeason, seasonId: 2n };
    await registerSeason(storage, { ...seasonParameters, seasonId: 2n });
    await publishRound(0);
    await prepareTransaction(storage, commit(0, 5));
    await saveSimulatedRound(storage, {
      season: otherSeason,
      roundIndex: 0,
      recordsRoot: hash("r"),
      standingsRoot: hash("s"),
      records: [],
      standings: [],
    });
    await markRoundArtifactPublished(storage, {
      season: otherSeason,
      roundIndex: 0,
      artifactDigest: hash("a"),
      artifactUri: "u",
    });
    const error = await prepareTransaction(storage, { ...commit(0, 5, "season 2"), season: otherSeason }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StorageConflictError);
    expect((error as StorageConflictError).subject).toMatch(/^nonce 5 of 0x0{38}0e on chain 31337$/);
    expect((await prepareTransaction(storage, { ...commit(0, 6, "season 2"), season: otherSeason })).nonce).toBe(6);
    expect(await highestNonce(storage, { chainId: 31337, sender: operator })).toBe(6);
  });

  test("replacements are stored before broadcast and any of them may be the one mined", async () => {
    await publishRound(0);
    const prepared = await prepareTransaction(storage, commit(0, 1));
    await markTransactionSent(storage, { transactionId: prepared.id, txHash: hash("tx commit 0") });
    const replaced = await recordReplacementAttempt(storage, {
      transactionId: prepared.id,
      attempt: attempt("commit 0 bumped", 2_200_000_000n),
    });
    expect(replaced.attempts.map((a) => [a.attempt, a.maxFeePerGas])).toEqual([
      [0, 2_000_000_000n],
      [1, 2_200_000_000n],
    ]);
    // Idempotent: a retry of the same replacement adds nothing.
    const retried = await recordReplacementAttempt(storage, {
      transactionId: prepared.id,
      attempt: attempt("commit 0 bumped", 2_200_000_000n),
    });
    expect(retried.attempts).toHaveLength(2);
    await expect(
      markTransactionMined(storage, {
        transactionId: prepared.id,
        txHash: hash("a hash never stored"),
        blockNumber: 3n,
        blockHash: hash("b"),
      }),
    ).rejects.toBeInstanceOf(InvalidStorageInputError);
    const mined = await markTransactionMined(storage, {
      transactionId: prepared.id,
      txHash: hash("tx commit 0 bumped"),
      blockNumber: 3n,
      blockHash: hash("b"),
    });
    expect(mined.minedTxHash).toBe(hash("tx commit 0 bumped"));
  });

  test("a failed commit frees its round and its nonce; a new transaction commits it", async () => {
    await publishRound(0);
    const first = await prepareTransaction(storage, commit(0, 9));
    await markTransactionSent(storage, { transactionId: first.id, txHash: hash("tx commit 0") });
    const failed = await markTransactionFailed(storage, { transactionId: first.id, reason: "nonce 9 taken" });
    expect(failed).toMatchObject({ status: "failed", failureReason: "nonce 9 taken" });
    expect((await getRound(storage, testSeason, 0))?.status).toBe("artifact-published");
    expect(await pendingTransactions(storage, { chainId: 31337 })).toHaveLength(0);
    expect(await highestNonce(storage, { chainId: 31337, sender: operator })).toBeUndefined();
    const second = await prepareTransaction(storage, commit(0, 9, "commit 0 again"));
    expect(second.id).not.toBe(first.id);
    expect(await seasonTransactions(storage, testSeason)).toHaveLength(2);
  });

  test("the same signed bytes as a failed transaction prepare that transaction again; never another commitment's", async () => {
    await publishRound(0);
    const first = await prepareTransaction(storage, commit(0, 9));
    await markTransactionSent(storage, { transactionId: first.id, txHash: hash("tx commit 0") });
    await markTransactionFailed(storage, { transactionId: first.id, reason: "looked replaced, then reorged away" });
    // Signed again with the same call, nonce and fees: the same hash as the failed attempt.
    const again = await prepareTransaction(storage, commit(0, 9));
    expect(again).toMatchObject({ id: first.id, status: "prepared", failureReason: null, failedAt: null });
    expect(again.attempts.map((a) => a.txHash)).toEqual(first.attempts.map((a) => a.txHash));
    expect((await getRound(storage, testSeason, 0))?.status).toBe("commit-sent");
    expect(await seasonTransactions(storage, testSeason)).toHaveLength(1);
    // Those bytes for another round (a corrupted call site) are refused, not stored twice.
    await markTransactionFailed(storage, { transactionId: first.id, reason: "failed again" });
    await publishRound(1);
    await expect(prepareTransaction(storage, { ...commit(1, 9), attempt: attempt("commit 0") })).rejects.toBeInstanceOf(
      StorageConflictError,
    );
  });

  test("a reverted receipt fails the transaction and keeps where it was mined", async () => {
    await publishRound(0);
    const prepared = await prepareTransaction(storage, commit(0, 2));
    const reverted = await markTransactionMined(storage, {
      transactionId: prepared.id,
      txHash: hash("tx commit 0"),
      blockNumber: 40n,
      blockHash: hash("block 40"),
      reverted: true,
    });
    expect(reverted).toMatchObject({ status: "failed", blockNumber: 40n, minedTxHash: hash("tx commit 0") });
    expect(reverted.failureReason).toMatch(/^reverted in block 40/);
    expect((await getRound(storage, testSeason, 0))?.status).toBe("artifact-published");
  });

  test("a reorg sends a mined transaction back to sent: still live, then mined in another block and confirmed", async () => {
    await publishRound(0);
    const prepared = await prepareTransaction(storage, commit(0, 4));
    await markTransactionSent(storage, { transactionId: prepared.id, txHash: hash("tx commit 0") });
    time.at += 1000;
    const mined = await markTransactionMined(storage, {
      transactionId: prepared.id,
      txHash: hash("tx commit 0"),
      blockNumber: 20n,
      blockHash: hash("block 20"),
    });
    expect(mined.minedAt?.getTime()).toBe(time.at);
    expect((await getRound(storage, testSeason, 0))?.status).toBe("committed");

    // A caller that saw another block than the stored one is refused, and nothing changes.
    await expect(
      markTransactionReorged(storage, { transactionId: prepared.id, blockHash: hash("block 20 of another branch") }),
    ).rejects.toMatchObject({ name: "StorageConflictError", field: "blockHash" });
    expect((await getTransaction(storage, prepared.id))?.status).toBe("mined");

    const reorged = await markTransactionReorged(storage, { transactionId: prepared.id, blockHash: hash("block 20") });
    expect(reorged).toMatchObject({
      status: "sent",
      minedTxHash: null,
      blockNumber: null,
      blockHash: null,
      minedAt: null,
    });
    expect(reorged.sentAt).not.toBeNull();
    expect((await getRound(storage, testSeason, 0))?.status).toBe("commit-sent");
    // Recorded the same way again (a retry) it changes nothing.
    expect(
      (await markTransactionReorged(storage, { transactionId: prepared.id, blockHash: hash("block 20") })).status,
    ).toBe("sent");
    // Still live: a restart settles it, its nonce stays taken, and the round cannot get a second transaction.
    expect((await pendingTransactions(storage, { chainId: 31337 })).map((tx) => [tx.id, tx.status])).toEqual([
      [prepared.id, "sent"],
    ]);
    expect(await highestNonce(storage, { chainId: 31337, sender: operator })).toBe(4);
    await expect(prepareTransaction(storage, commit(0, 5, "second commit of round 0"))).rejects.toMatchObject({
      name: "StorageConflictError",
      field: "live transaction",
    });

    // Back on the normal path: replaced (same nonce), and the replacement mined in the new chain.
    await recordReplacementAttempt(storage, { transactionId: prepared.id, attempt: attempt("commit 0 after reorg") });
    time.at += 1000;
    const remined = await markTransactionMined(storage, {
      transactionId: prepared.id,
      txHash: hash("tx commit 0 after reorg"),
      blockNumber: 21n,
      blockHash: hash("block 21"),
    });
    expect(remined).toMatchObject({
      status: "mined",
      minedTxHash: hash("tx commit 0 after reorg"),
      blockNumber: 21n,
      blockHash: hash("block 21"),
    });
    expect(remined.minedAt?.getTime()).toBe(time.at);
    expect((await getRound(storage, testSeason, 0))?.status).toBe("committed");
    await markTransactionConfirmed(storage, { transactionId: prepared.id });
    expect((await getRound(storage, testSeason, 0))?.status).toBe("confirmed");
    await expect(
      markTransactionReorged(storage, { transactionId: prepared.id, blockHash: hash("block 21") }),
    ).rejects.toBeInstanceOf(StatusTransitionError);
    expect((await getTransaction(storage, prepared.id))?.status).toBe("confirmed");
  });

  test("only a mined transaction goes back to sent; a reorged finalize keeps its season finalizing", async () => {
    await publishRound(0);
    const prepared = await prepareTransaction(storage, commit(0, 0, "never mined"));
    await expect(
      markTransactionReorged(storage, { transactionId: prepared.id, blockHash: hash("block 1") }),
    ).rejects.toBeInstanceOf(StatusTransitionError);
    await markTransactionFailed(storage, { transactionId: prepared.id, reason: "nonce 0 taken" });
    await expect(
      markTransactionReorged(storage, { transactionId: prepared.id, blockHash: hash("block 1") }),
    ).rejects.toBeInstanceOf(StatusTransitionError);

    await markTransactionMined(storage, {
      transactionId: (await prepareTransaction(storage, commit(0, 1))).id,
      txHash: hash("tx commit 0"),
      blockNumber: 10n,
      blockHash: hash("block 10"),
    });
    for (const roundIndex of [1, 2, 3]) await commitThrough(roundIndex, roundIndex + 1);
    const finalize = await prepareTransaction(storage, {
      season: testSeason,
      kind: "finalize",
      sender: operator,
      nonce: 5,
      data: "0xf1",
      attempt: attempt("finalize"),
      resultsRoot: hash("results"),
      totalPayout: 1n,
      resultsDigest: hash("results artifact"),
      resultsUri: "http://127.0.0.1:8787/results.json",
    });
    await markTransactionMined(storage, {
      transactionId: finalize.id,
      txHash: hash("tx finalize"),
      blockNumber: 30n,
      blockHash: hash("block 30"),
    });
    const reorged = await markTransactionReorged(storage, { transactionId: finalize.id, blockHash: hash("block 30") });
    expect(reorged.status).toBe("sent");
    expect((await getSeason(storage, testSeason))?.status).toBe("finalizing");
    // Its nonce then taken by another transaction in the new chain: failed, the season open for a new finalize.
    await markTransactionFailed(storage, { transactionId: finalize.id, reason: "nonce 5 taken" });
    expect((await getSeason(storage, testSeason))?.status).toBe("running");
  });

  test("a confirmed transaction is final", async () => {
    const confirmed = await commitThrough(0, 0);
    await expect(markTransactionFailed(storage, { transactionId: confirmed.id, reason: "x" })).rejects.toBeInstanceOf(
      StatusTransitionError,
    );
    expect((await markTransactionConfirmed(storage, { transactionId: confirmed.id })).status).toBe("confirmed");
  });

  test("finalize needs every round committed, stores the results once and finalizes the season on confirmation", async () => {
    const finalize = {
      season: testSeason,
      kind: "finalize" as const,
      sender: operator,
      nonce: 10,
      data: "0xf1" as const,
      attempt: attempt("finalize"),
      resultsRoot: hash("results"),
      totalPayout: 9n * 10n ** 17n,
      resultsDigest: hash("results artifact"),
      resultsUri: "http://127.0.0.1:8787/results.json",
    };
    await commitThrough(0, 0);
    await expect(prepareTransaction(storage, finalize)).rejects.toThrow(/Round 1 is pending/);
    for (const roundIndex of [1, 2, 3]) await commitThrough(roundIndex, roundIndex);
    const prepared = await prepareTransaction(storage, finalize);
    expect(await getSeason(storage, testSeason)).toMatchObject({
      status: "finalizing",
      resultsRoot: hash("results"),
      totalPayout: 900_000_000_000_000_000n,
    });
    await markTransactionFailed(storage, { transactionId: prepared.id, reason: "dropped" });
    expect((await getSeason(storage, testSeason))?.status).toBe("running");
    await expect(
      prepareTransaction(storage, { ...finalize, attempt: attempt("finalize 2"), totalPayout: 1n }),
    ).rejects.toMatchObject({ field: "totalPayout" });
    const second = await prepareTransaction(storage, { ...finalize, attempt: attempt("finalize 2") });
    await markTransactionMined(storage, {
      transactionId: second.id,
      txHash: hash("tx finalize 2"),
      blockNumber: 99n,
      blockHash: hash("block 99"),
    });
    await markTransactionConfirmed(storage, { transactionId: second.id });
    expect((await getSeason(storage, testSeason))?.status).toBe("finalized");
    expect((await getTransaction(storage, second.id))?.kind).toBe("finalize");
  });

  describe("adoptMinedTransaction: the chain shows the commitment made by a transaction without a live row", () => {
    /** The transaction the chain holds, as the runner reads it: sender, nonce, signed bytes, block. */
    function found(roundIndex: number, nonce: number, label: string, sender = operator) {
      return { ...commit(roundIndex, nonce, label), sender, blockNumber: 50n, blockHash: hash(`block of ${label}`) };
    }

    test("an unknown transaction is inserted mined, its round committed; it is then confirmed like any other", async () => {
      await publishRound(0);
      time.at += 1000;
      const adopted = await adoptMinedTransaction(storage, found(0, 3, "another attempt of nonce 3"));
      expect(adopted).toMatchObject({
        kind: "commitRound",
        roundIndex: 0,
        nonce: 3,
        status: "mined",
        sender: operator,
        minedTxHash: hash("tx another attempt of nonce 3"),
        blockNumber: 50n,
        blockHash: hash("block of another attempt of nonce 3"),
        failureReason: null,
      });
      expect(adopted.minedAt?.getTime()).toBe(time.at);
      expect(adopted.attempts.map((a) => [a.attempt, a.txHash, a.rawTransaction, a.sentAt])).toEqual([
        [0, hash("tx another attempt of nonce 3"), attempt("another attempt of nonce 3").rawTransaction, null],
      ]);
      expect((await getRound(storage, testSeason, 0))?.status).toBe("committed");
      // Live like any mined transaction: a restart settles it, its nonce is taken, the round has no second one.
      expect((await pendingTransactions(storage, { chainId: 31337 })).map((tx) => tx.id)).toEqual([adopted.id]);
      expect(await highestNonce(storage, { chainId: 31337, sender: operator })).toBe(3);
      await expect(prepareTransaction(storage, commit(0, 4))).rejects.toMatchObject({ field: "live transaction" });
      // Recording it again (a retry after a crash) returns it.
      expect((await adoptMinedTransaction(storage, found(0, 3, "another attempt of nonce 3"))).id).toBe(adopted.id);
      expect(await seasonTransactions(storage, testSeason)).toHaveLength(1);
      await markTransactionConfirmed(storage, { transactionId: adopted.id });
      expect((await getRound(storage, testSeason, 0))?.status).toBe("confirmed");
      expect((await adoptMinedTransaction(storage, found(0, 3, "another attempt of nonce 3"))).status).toBe(
        "confirmed",
      );
    });

    test("a failed transaction whose attempt the chain shows is revived: failed ▶ mined, its failure cleared", async () => {
      await publishRound(0);
      const first = await prepareTransaction(storage, commit(0, 6));
      await markTransactionSent(storage, { transactionId: first.id, txHash: hash("tx commit 0") });
      await markTransactionFailed(storage, {
        transactionId: first.id,
        reason: "nonce 6 was used by another transaction",
      });
      const revived = await adoptMinedTransaction(storage, found(0, 6, "commit 0"));
      expect(revived).toMatchObject({
        id: first.id,
        status: "mined",
        minedTxHash: hash("tx commit 0"),
        blockNumber: 50n,
        failureReason: null,
        failedAt: null,
      });
      expect(revived.attempts).toHaveLength(1);
      expect(revived.sentAt).not.toBeNull();
      expect((await getRound(storage, testSeason, 0))?.status).toBe("committed");
      expect(await seasonTransactions(storage, testSeason)).toHaveLength(1);
    });

    test("a live transaction whose attempt the chain shows is recorded mined", async () => {
      await publishRound(0);
      const prepared = await prepareTransaction(storage, commit(0, 2));
      await markTransactionSent(storage, { transactionId: prepared.id, txHash: hash("tx commit 0") });
      const mined = await adoptMinedTransaction(storage, found(0, 2, "commit 0"));
      expect([mined.id, mined.status, mined.blockHash]).toEqual([prepared.id, "mined", hash("block of commit 0")]);
      expect((await getRound(storage, testSeason, 0))?.status).toBe("committed");
    });

    test("another sender's transaction is stored with its sender, and takes no nonce of the operator's", async () => {
      await publishRound(0);
      const other = address(0x0f);
      const adopted = await adoptMinedTransaction(storage, found(0, 0, "the other operator's commit", other));
      expect([adopted.sender, adopted.nonce, adopted.status]).toEqual([other, 0, "mined"]);
      expect(await highestNonce(storage, { chainId: 31337, sender: operator })).toBeUndefined();
      expect((await pendingTransactions(storage, { chainId: 31337, sender: operator })).map((tx) => tx.id)).toEqual([]);
    });

    test("what it cannot be: a second live transaction of the round, a nonce a live one holds, another commitment's hash, an unpublished round", async () => {
      await publishRound(0);
      await prepareTransaction(storage, commit(0, 1));
      await expect(adoptMinedTransaction(storage, found(0, 2, "a second commit of round 0"))).rejects.toMatchObject({
        name: "StorageConflictError",
        field: "live transaction",
      });
      await publishRound(1);
      await expect(adoptMinedTransaction(storage, found(1, 1, "round 1 with nonce 1"))).rejects.toMatchObject({
        name: "StorageConflictError",
        field: "transaction",
      });
      await expect(adoptMinedTransaction(storage, found(1, 5, "commit 0"))).rejects.toMatchObject({
        name: "StorageConflictError",
        field: "commitment",
      });
      await expect(adoptMinedTransaction(storage, found(2, 5, "round 2"))).rejects.toBeInstanceOf(
        StatusTransitionError,
      );
      // Nothing was written by the refused calls.
      expect((await seasonTransactions(storage, testSeason)).map((tx) => tx.roundIndex)).toEqual([0]);
      expect((await getRound(storage, testSeason, 1))?.status).toBe("artifact-published");
    });

    test("a finalize: the results it committed are stored, the season finalizing, then finalized on confirmation; a revived one must carry the stored results", async () => {
      for (const roundIndex of [0, 1, 2, 3]) await commitThrough(roundIndex, roundIndex);
      const results = {
        resultsRoot: hash("results"),
        totalPayout: 19n * 10n ** 15n,
        resultsDigest: hash("results artifact"),
        resultsUri: "http://127.0.0.1:8787/results.json",
      };
      const finalize = (nonce: number, label: string) => ({
        season: testSeason,
        kind: "finalize" as const,
        sender: operator,
        nonce,
        data: "0xf1" as const,
        attempt: attempt(label),
        ...results,
      });
      const failed = await prepareTransaction(storage, finalize(4, "finalize"));
      await markTransactionFailed(storage, {
        transactionId: failed.id,
        reason: "nonce 4 was used by another transaction",
      });
      expect((await getSeason(storage, testSeason))?.status).toBe("running");
      // The chain holds another attempt of nonce 4 with other results: refused, the stored results win.
      await expect(
        adoptMinedTransaction(storage, {
          ...finalize(4, "finalize with other results"),
          resultsRoot: hash("other results"),
          blockNumber: 60n,
          blockHash: hash("block 60"),
        }),
      ).rejects.toMatchObject({ name: "StorageConflictError", field: "resultsRoot" });
      expect((await getSeason(storage, testSeason))?.status).toBe("running");

      const adopted = await adoptMinedTransaction(storage, {
        ...finalize(4, "finalize signed again"),
        blockNumber: 60n,
        blockHash: hash("block 60"),
      });
      expect([adopted.kind, adopted.status, adopted.nonce]).toEqual(["finalize", "mined", 4]);
      expect(await getSeason(storage, testSeason)).toMatchObject({ status: "finalizing", ...results });
      await markTransactionConfirmed(storage, { transactionId: adopted.id });
      expect((await getSeason(storage, testSeason))?.status).toBe("finalized");
      await expect(
        adoptMinedTransaction(storage, { ...finalize(4, "finalize"), blockNumber: 60n, blockHash: hash("block 60") }),
      ).rejects.toMatchObject({ name: "StorageConflictError", field: "live transaction" });
    });
  });
});
