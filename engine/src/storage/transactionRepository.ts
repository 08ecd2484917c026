import { and, asc, eq, inArray, max, ne, sql } from "drizzle-orm";
import type { Address, Hex } from "viem";
import { inTransaction, now, type StorageContext } from "./podiumDatabase.ts";
import { lockRound, setRoundStatus } from "./roundRepository.ts";
import { rounds, seasons, type TransactionStatus, transactionAttempts, transactions } from "./schema.ts";
import { describeSeason, normalizeSeasonKey, type SeasonKey } from "./seasonKey.ts";
import { lockSeason, requireSeason, type StoredSeason } from "./seasonRepository.ts";
import {
  InvalidStorageInputError,
  StatusTransitionError,
  StorageConflictError,
  StorageNotFoundError,
} from "./storageErrors.ts";
import {
  storedAddress,
  storedBytes32,
  storedHexBytes,
  storedIndex,
  storedText,
  storedUint256,
} from "./storageValues.ts";

/**
 * The "persist before send" bookkeeping of the runner's on-chain writes (commitRound, finalize).
 *
 *   prepareTransaction      write `prepared` with the signed transaction and its nonce, BEFORE broadcasting
 *   markTransactionSent     after the node accepted it
 *   recordReplacement...    BEFORE broadcasting a replacement (same nonce, higher fee)
 *   markTransactionMined    a receipt was seen (a reverted receipt marks it failed)
 *   adoptMinedTransaction   the chain shows the commitment made by a transaction without a live row
 *                           (a failed one revived, or one the runner never stored): recorded `mined`
 *   markTransactionReorged  the receipt's block left the chain before the confirmations: back to `sent`
 *   markTransactionConfirmed  after enough confirmations
 *   markTransactionFailed   it can never be mined (nonce taken by another transaction, reverted)
 *
 * Each step moves the round (or season) it commits in the same database transaction, so the two
 * never disagree after a crash: a round is `commit-sent` exactly while a live transaction commits it.
 * A database constraint allows one live (not failed) transaction per commitment and per nonce.
 */

export type StoredAttempt = typeof transactionAttempts.$inferSelect;
export type StoredTransaction = typeof transactions.$inferSelect & { attempts: StoredAttempt[] };

export type TransactionAttemptInput = {
  /** keccak256 of `rawTransaction`, as viem's `signTransaction` + `keccak256` give it. */
  readonly txHash: Hex;
  /** The signed, serialized transaction. */
  readonly rawTransaction: Hex;
  readonly gasPrice?: bigint;
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
};

type PrepareCommon = {
  readonly season: SeasonKey;
  readonly sender: Address;
  readonly nonce: number;
  /** The contract called; the season's contract when absent. */
  readonly to?: Address;
  /** The call's ABI-encoded calldata. */
  readonly data: Hex;
  readonly attempt: TransactionAttemptInput;
};

/** What a transaction commits: a round's roots, or the season's results. */
export type TransactionCommitment =
  | { readonly kind: "commitRound"; readonly roundIndex: number }
  | {
      readonly kind: "finalize";
      readonly resultsRoot: Hex;
      readonly totalPayout: bigint;
      readonly resultsDigest: Hex;
      readonly resultsUri: string;
    };

export type PrepareTransactionParameters = PrepareCommon & TransactionCommitment;

/**
 * Stores a signed transaction as `prepared`; call it before broadcasting. A commitRound needs its
 * round `artifact-published` and moves it to `commit-sent`; a finalize needs every round committed,
 * stores the results it commits (immutable afterwards) and moves the season to `finalizing`.
 * Preparing the same signed transaction again returns the stored one (a retry after a crash between
 * the write and the broadcast), or prepares again the failed transaction those bytes belong to (the
 * same call, nonce and fees signed again); a different transaction for a commitment that already has a live
 * one, or a nonce already used by a live transaction, is a StorageConflictError.
 */
export async function prepareTransaction(
  context: StorageContext,
  parameters: PrepareTransactionParameters,
): Promise<StoredTransaction> {
  const values = transactionValues(parameters);
  return inTransaction(context, async (tx) => {
    const season = await lockSeason(tx, values.key);
    const live = await liveTransactionOf(tx, season.id, values);
    if (live !== undefined) {
      const stored = await withAttempts(tx, live);
      if (stored.attempts.some((a) => a.txHash === values.attempt.txHash) && stored.nonce === values.nonce)
        return stored;
      throw new StorageConflictError({
        subject: values.subject,
        field: "live transaction",
        stored: `transaction ${live.id} (nonce ${live.nonce}, ${live.status})`,
        attempted: `a new transaction with nonce ${values.nonce}`,
        hint: "Resume the stored transaction (rebroadcast or replace it), or mark it failed before preparing another.",
      });
    }
    const at = now(tx);
    const row = await ownerOfAttempt(tx, values.attempt.txHash);
    if (row !== undefined) {
      // The same signed bytes as an earlier transaction that was marked failed (same call, nonce and
      // fees: e.g. its evidence of failure was reorged away): that transaction is prepared again.
      if (row.status !== "failed" || !commitsTheSame(row, season.id, values)) {
        throw new StorageConflictError({
          subject: `attempt ${values.attempt.txHash}`,
          field: "transaction",
          stored: `transaction ${row.id} (${row.kind}${row.roundIndex === null ? "" : ` of round ${row.roundIndex}`}, ${row.status})`,
          attempted: values.subject,
          hint: "These signed bytes already belong to another stored transaction: compare the chain with this database.",
        });
      }
      await claimCommitment(tx, season, values, "commit-sent");
      const revived = await tx.db
        .update(transactions)
        .set({ status: "prepared", preparedAt: at, updatedAt: at, failureReason: null, failedAt: null })
        .where(eq(transactions.id, row.id))
        .returning();
      return withAttempts(tx, revived[0] ?? row);
    }
    await claimCommitment(tx, season, values, "commit-sent");
    return insertTransaction(tx, season, values, parameters.to, { status: "prepared", preparedAt: at, updatedAt: at });
  });
}

export type AdoptMinedTransactionParameters = PrepareTransactionParameters & {
  /** The block that holds the transaction, as the commitment's event names it. */
  readonly blockNumber: bigint;
  readonly blockHash: Hex;
};

/**
 * The chain holds a commitment of this season that no live stored transaction makes (the round
 * committed, or the season finalized, by a transaction whose receipt the runner never recorded: an
 * attempt whose receipt it missed before failing it, an earlier broadcast that a reorg brought back,
 * another holder of the operator role). Records that transaction as `mined` in the given block and
 * moves its round to `committed` (a finalize: the results it committed stored, the season
 * `finalizing`), so that it is confirmed like any other and its round cannot be sent again.
 *
 * `attempt` is the mined transaction's signed bytes. A stored attempt with that hash belongs to a
 * transaction of the same commitment: a failed one is revived (`failed` ▶ `mined`, its failure
 * cleared); a live one is recorded mined (as markTransactionMined); a confirmed one is returned as it
 * is. An unknown hash is inserted as a new transaction of `sender` and `nonce`, already `mined`.
 * Another live transaction of the commitment, or of that nonce, is a StorageConflictError.
 */
export async function adoptMinedTransaction(
  context: StorageContext,
  parameters: AdoptMinedTransactionParameters,
): Promise<StoredTransaction> {
  const values = transactionValues(parameters);
  const blockHash = storedBytes32("blockHash", parameters.blockHash);
  const blockNumber = storedBlockNumber(parameters.blockNumber);
  const { txHash } = values.attempt;
  return inTransaction(context, async (tx) => {
    const season = await lockSeason(tx, values.key);
    const row = await ownerOfAttempt(tx, txHash);
    const at = now(tx);
    const mined = { status: "mined" as const, minedTxHash: txHash, blockNumber, blockHash, updatedAt: at };
    if (row !== undefined) {
      if (!commitsTheSame(row, season.id, values)) {
        throw new StorageConflictError({
          subject: `attempt ${txHash}`,
          field: "commitment",
          stored: `transaction ${row.id} (${row.kind}${row.roundIndex === null ? "" : ` of round ${row.roundIndex}`})`,
          attempted: values.subject,
          hint: "The chain names this hash for another commitment than the stored transaction's: compare the chain with this database.",
        });
      }
      if (row.status === "confirmed") return withAttempts(tx, row);
      if (row.status === "failed") {
        await refuseSecondLive(tx, season.id, values, txHash);
        // Failed too early (its receipt missed, or a reorg brought it back): it is the one that committed.
        await claimCommitment(
          tx,
          season,
          { ...values, nonce: row.nonce, sender: storedAddress("sender", row.sender) },
          "committed",
        );
        const revived = await tx.db
          .update(transactions)
          .set({ ...mined, minedAt: at, failureReason: null, failedAt: null })
          .where(eq(transactions.id, row.id))
          .returning();
        return withAttempts(tx, revived[0] ?? row);
      }
      return recordMined(tx, row, { txHash, blockNumber, blockHash }, at);
    }

    await refuseSecondLive(tx, season.id, values, txHash);
    await claimCommitment(tx, season, values, "committed");
    return insertTransaction(tx, season, values, parameters.to, { ...mined, preparedAt: at, minedAt: at });
  });
}

/** The state columns of a new transaction row: prepared, or already mined. */
type NewTransactionState = Pick<
  typeof transactions.$inferInsert,
  "status" | "preparedAt" | "updatedAt" | "minedTxHash" | "blockNumber" | "blockHash" | "minedAt"
>;

/**
 * Inserts a new transaction of the commitment with its signed bytes as attempt 0, in the state
 * given (prepared, or already mined); called after claimCommitment, in the same database transaction.
 */
async function insertTransaction(
  tx: StorageContext,
  season: StoredSeason,
  values: TransactionValues,
  to: Address | undefined,
  state: NewTransactionState,
): Promise<StoredTransaction> {
  const inserted = await tx.db
    .insert(transactions)
    .values({
      seasonRef: season.id,
      chainId: season.chainId,
      kind: values.kind,
      roundIndex: values.roundIndex,
      sender: values.sender,
      nonce: values.nonce,
      to: to === undefined ? season.contract : storedAddress("to", to),
      data: values.data,
      ...state,
    })
    .returning();
  const row = inserted[0];
  if (row === undefined) throw new Error("insert into transactions returned no row");
  await tx.db
    .insert(transactionAttempts)
    .values({ transactionId: row.id, attempt: 0, ...values.attempt, preparedAt: state.preparedAt });
  return withAttempts(tx, row);
}

/**
 * Records a live transaction `mined` in the receipt's block (keeping when it was first seen mined)
 * and moves its round to `committed` (markTransactionMined, and adoptMinedTransaction of a hash it holds).
 */
async function recordMined(
  tx: StorageContext,
  row: typeof transactions.$inferSelect,
  receipt: { readonly txHash: Hex; readonly blockNumber: bigint; readonly blockHash: Hex },
  at: Date,
): Promise<StoredTransaction> {
  const updated = await tx.db
    .update(transactions)
    .set({
      status: "mined",
      minedTxHash: receipt.txHash,
      blockNumber: receipt.blockNumber,
      blockHash: receipt.blockHash,
      minedAt: row.minedAt ?? at,
      updatedAt: at,
    })
    .where(eq(transactions.id, row.id))
    .returning();
  if (row.kind === "commitRound" && row.roundIndex !== null) {
    await setRoundStatus(tx, row.seasonRef, row.roundIndex, "committed");
  }
  return withAttempts(tx, updated[0] ?? row);
}

/** A transaction's checked values and the commitment it makes (what prepare and adopt store). */
type TransactionValues = ReturnType<typeof transactionValues>;

function transactionValues(parameters: PrepareTransactionParameters) {
  const key = normalizeSeasonKey(parameters.season);
  const roundIndex = parameters.kind === "commitRound" ? storedIndex("roundIndex", parameters.roundIndex) : null;
  return {
    key,
    kind: parameters.kind,
    roundIndex,
    sender: storedAddress("sender", parameters.sender),
    nonce: storedIndex("nonce", parameters.nonce),
    data: storedHexBytes("data", parameters.data, true),
    attempt: attemptValues(parameters.attempt),
    results:
      parameters.kind === "finalize"
        ? {
            resultsRoot: storedBytes32("resultsRoot", parameters.resultsRoot),
            totalPayout: storedUint256("totalPayout", parameters.totalPayout),
            resultsDigest: storedBytes32("resultsDigest", parameters.resultsDigest),
            resultsUri: storedText("resultsUri", parameters.resultsUri),
          }
        : undefined,
    subject:
      roundIndex === null
        ? `the finalization of ${describeSeason(key)}`
        : `round ${roundIndex} of ${describeSeason(key)}`,
  };
}

/** The live (not failed) transaction of the commitment, if any. */
async function liveTransactionOf(
  tx: StorageContext,
  seasonRef: number,
  values: Pick<TransactionValues, "kind" | "roundIndex">,
): Promise<typeof transactions.$inferSelect | undefined> {
  const live = await tx.db
    .select()
    .from(transactions)
    .where(
      and(
        eq(transactions.seasonRef, seasonRef),
        eq(transactions.kind, values.kind),
        values.roundIndex === null
          ? sql`${transactions.roundIndex} is null`
          : eq(transactions.roundIndex, values.roundIndex),
        ne(transactions.status, "failed"),
      ),
    );
  return live[0];
}

/** Another live transaction already makes the commitment: the mined one cannot be recorded beside it. */
async function refuseSecondLive(tx: StorageContext, seasonRef: number, values: TransactionValues, txHash: Hex) {
  const live = await liveTransactionOf(tx, seasonRef, values);
  if (live !== undefined) {
    throw new StorageConflictError({
      subject: values.subject,
      field: "live transaction",
      stored: `transaction ${live.id} (nonce ${live.nonce}, ${live.status})`,
      attempted: `the mined transaction ${txHash}`,
      hint: "Settle the stored transaction first: its receipt, or its nonce taken, decides it.",
    });
  }
}

/**
 * Takes the commitment for a new live transaction, inside the caller's database transaction: its
 * nonce must be free, a round must be `artifact-published` (moved to `roundStatus`), a finalize
 * needs every round committed and stores the results it commits (equal to any stored before) with
 * the season `finalizing`.
 */
async function claimCommitment(
  tx: StorageContext,
  season: StoredSeason,
  values: TransactionValues,
  roundStatus: "commit-sent" | "committed",
): Promise<void> {
  const nonceHolder = await tx.db
    .select({ id: transactions.id, status: transactions.status })
    .from(transactions)
    .where(
      and(
        eq(transactions.chainId, season.chainId),
        eq(transactions.sender, values.sender),
        eq(transactions.nonce, values.nonce),
        ne(transactions.status, "failed"),
      ),
    );
  if (nonceHolder[0] !== undefined) {
    throw new StorageConflictError({
      subject: `nonce ${values.nonce} of ${values.sender} on chain ${season.chainId}`,
      field: "transaction",
      stored: `transaction ${nonceHolder[0].id} (${nonceHolder[0].status})`,
      attempted: values.subject,
      hint: "Take the next nonce: the higher of the chain's pending count and highestNonce + 1.",
    });
  }

  if (values.roundIndex !== null) {
    const round = await lockRound(tx, season.id, values.roundIndex, values.subject);
    if (round.status !== "artifact-published") {
      throw new StatusTransitionError({
        subject: values.subject,
        from: round.status,
        to: roundStatus,
        hint:
          round.status === "pending" || round.status === "simulated"
            ? "Publish the round's artifact (markRoundArtifactPublished) before preparing its commit."
            : "The round is already committed.",
      });
    }
    await setRoundStatus(tx, season.id, values.roundIndex, roundStatus);
    return;
  }
  const results = values.results;
  if (results === undefined) return;
  if (season.status === "cancelled" || season.status === "finalized") {
    throw new StatusTransitionError({
      subject: describeSeason(values.key),
      from: season.status,
      to: "finalizing",
      hint: "A cancelled or finalized season is not finalized again.",
    });
  }
  const open = await tx.db
    .select({ roundIndex: rounds.roundIndex, status: rounds.status })
    .from(rounds)
    .where(
      and(
        eq(rounds.seasonRef, season.id),
        inArray(rounds.status, ["pending", "simulated", "artifact-published", "commit-sent"]),
      ),
    )
    .orderBy(asc(rounds.roundIndex))
    .limit(1);
  if (open[0] !== undefined) {
    throw new StatusTransitionError({
      subject: describeSeason(values.key),
      from: season.status,
      to: "finalizing",
      hint: `Round ${open[0].roundIndex} is ${open[0].status}: every round is committed before the season is finalized.`,
    });
  }
  for (const field of ["resultsRoot", "totalPayout", "resultsDigest", "resultsUri"] as const) {
    const stored = season[field];
    if (stored !== null && String(stored) !== String(results[field])) {
      throw new StorageConflictError({
        subject: describeSeason(values.key),
        field,
        stored: String(stored),
        attempted: String(results[field]),
        hint: "The results of a season are computed once: a different value on a re-run means the inputs changed.",
      });
    }
  }
  await tx.db
    .update(seasons)
    .set({ ...results, status: "finalizing", updatedAt: now(tx) })
    .where(eq(seasons.id, season.id));
}

export type MarkTransactionSentParameters = { readonly transactionId: number; readonly txHash: Hex };

/** The node accepted the attempt `txHash` (a first broadcast, a rebroadcast or a replacement). */
export async function markTransactionSent(
  context: StorageContext,
  parameters: MarkTransactionSentParameters,
): Promise<StoredTransaction> {
  const txHash = storedBytes32("txHash", parameters.txHash);
  return inTransaction(context, async (tx) => {
    const row = await lockTransaction(tx, parameters.transactionId);
    const attempt = await requireAttempt(tx, row, txHash);
    if (row.status !== "prepared" && row.status !== "sent") {
      // A late "sent" after the receipt was already recorded changes nothing.
      if (row.status === "mined" || row.status === "confirmed") return withAttempts(tx, row);
      throw transition(row, "sent", "A failed transaction is not sent again: prepare a new one.");
    }
    const at = now(tx);
    if (attempt.sentAt === null) {
      await tx.db
        .update(transactionAttempts)
        .set({ sentAt: at })
        .where(and(eq(transactionAttempts.transactionId, row.id), eq(transactionAttempts.attempt, attempt.attempt)));
    }
    const updated = await tx.db
      .update(transactions)
      .set({ status: "sent", sentAt: row.sentAt ?? at, updatedAt: at })
      .where(eq(transactions.id, row.id))
      .returning();
    return withAttempts(tx, updated[0] ?? row);
  });
}

export type RecordReplacementAttemptParameters = {
  readonly transactionId: number;
  readonly attempt: TransactionAttemptInput;
};

/**
 * Stores a replacement of a stuck transaction (same nonce and calldata, higher fee) BEFORE it is
 * broadcast, so that after a crash the runner knows every hash that may get mined. Idempotent for
 * an attempt already stored.
 */
export async function recordReplacementAttempt(
  context: StorageContext,
  parameters: RecordReplacementAttemptParameters,
): Promise<StoredTransaction> {
  const attempt = attemptValues(parameters.attempt);
  return inTransaction(context, async (tx) => {
    const row = await lockTransaction(tx, parameters.transactionId);
    const stored = await withAttempts(tx, row);
    if (stored.attempts.some((a) => a.txHash === attempt.txHash)) return stored;
    if (row.status !== "prepared" && row.status !== "sent") {
      throw transition(row, row.status, "Only a prepared or sent transaction is replaced.");
    }
    const next = stored.attempts.length;
    await tx.db
      .insert(transactionAttempts)
      .values({ transactionId: row.id, attempt: next, ...attempt, preparedAt: now(tx) });
    return withAttempts(tx, row);
  });
}

export type MarkTransactionMinedParameters = {
  readonly transactionId: number;
  /** The attempt whose receipt was found. */
  readonly txHash: Hex;
  readonly blockNumber: bigint;
  readonly blockHash: Hex;
  /** The receipt's status was `reverted`: the transaction is failed and its commitment free again. */
  readonly reverted?: boolean;
};

/**
 * A receipt for one of the transaction's attempts was seen: `mined`, and its round `committed`.
 * Seen again in another block (a reorg moved it) it updates the block. A reverted receipt marks the
 * transaction failed (see markTransactionFailed).
 */
export async function markTransactionMined(
  context: StorageContext,
  parameters: MarkTransactionMinedParameters,
): Promise<StoredTransaction> {
  const txHash = storedBytes32("txHash", parameters.txHash);
  const blockHash = storedBytes32("blockHash", parameters.blockHash);
  storedBlockNumber(parameters.blockNumber);
  if (parameters.reverted === true) {
    return markTransactionFailed(context, {
      transactionId: parameters.transactionId,
      reason: `reverted in block ${parameters.blockNumber} (${txHash})`,
      minedIn: { txHash, blockNumber: parameters.blockNumber, blockHash },
    });
  }
  return inTransaction(context, async (tx) => {
    const row = await lockTransaction(tx, parameters.transactionId);
    await requireAttempt(tx, row, txHash);
    if (row.status === "confirmed" || row.status === "failed") {
      throw transition(row, "mined", "A confirmed or failed transaction's receipt is final.");
    }
    return recordMined(tx, row, { txHash, blockNumber: parameters.blockNumber, blockHash }, now(tx));
  });
}

export type MarkTransactionReorgedParameters = {
  readonly transactionId: number;
  /** The block of the recorded receipt, which the chain no longer holds (checked against the row). */
  readonly blockHash: Hex;
};

/**
 * A reorg dropped the block of the recorded receipt before it had its confirmations, and no attempt
 * is mined in the chain that replaced it: `mined` back to `sent` (the receipt's hash and block
 * cleared), its round back to `commit-sent`. The transaction stays live, so its commitment is
 * still taken: the runner resumes it (rebroadcast, replacement) and never prepares a second one.
 * Idempotent: a transaction already `sent` is returned as it is.
 */
export async function markTransactionReorged(
  context: StorageContext,
  parameters: MarkTransactionReorgedParameters,
): Promise<StoredTransaction> {
  const blockHash = storedBytes32("blockHash", parameters.blockHash);
  return inTransaction(context, async (tx) => {
    const row = await lockTransaction(tx, parameters.transactionId);
    if (row.status === "sent") return withAttempts(tx, row);
    if (row.status !== "mined") {
      throw transition(
        row,
        "sent",
        row.status === "confirmed"
          ? "A confirmed transaction is final; a reorg deeper than the confirmations needs an operator."
          : "Only a mined transaction goes back to sent when its block leaves the chain.",
      );
    }
    if (row.blockHash !== blockHash) {
      // The caller saw another block than the one stored: its view is stale, recording it would lose a receipt.
      throw new StorageConflictError({
        subject: `transaction ${row.id}`,
        field: "blockHash",
        stored: String(row.blockHash),
        attempted: blockHash,
        hint: "Read the transaction again and check its receipt against the chain before recording a reorg.",
      });
    }
    const updated = await tx.db
      .update(transactions)
      .set({ status: "sent", minedTxHash: null, blockNumber: null, blockHash: null, minedAt: null, updatedAt: now(tx) })
      .where(eq(transactions.id, row.id))
      .returning();
    if (row.kind === "commitRound" && row.roundIndex !== null) {
      await setRoundStatus(tx, row.seasonRef, row.roundIndex, "commit-sent");
    }
    return withAttempts(tx, updated[0] ?? row);
  });
}

/**
 * The mined transaction has enough confirmations: `confirmed`, its round `confirmed`, or for a
 * finalize the season `finalized`. Idempotent.
 */
export async function markTransactionConfirmed(
  context: StorageContext,
  parameters: { readonly transactionId: number },
): Promise<StoredTransaction> {
  return inTransaction(context, async (tx) => {
    const row = await lockTransaction(tx, parameters.transactionId);
    if (row.status === "confirmed") return withAttempts(tx, row);
    if (row.status !== "mined") {
      throw transition(row, "confirmed", "Record the receipt (markTransactionMined) before confirming.");
    }
    const at = now(tx);
    const updated = await tx.db
      .update(transactions)
      .set({ status: "confirmed", confirmedAt: at, updatedAt: at })
      .where(eq(transactions.id, row.id))
      .returning();
    if (row.kind === "commitRound" && row.roundIndex !== null) {
      await setRoundStatus(tx, row.seasonRef, row.roundIndex, "confirmed");
    } else {
      await tx.db.update(seasons).set({ status: "finalized", updatedAt: at }).where(eq(seasons.id, row.seasonRef));
    }
    return withAttempts(tx, updated[0] ?? row);
  });
}

export type MarkTransactionFailedParameters = {
  readonly transactionId: number;
  /** Why, for the operator: "nonce 7 taken by 0xabc..", "reverted: RoundOutOfOrder(3, 2)". */
  readonly reason: string;
  /** The receipt of a reverted attempt, when there is one. */
  readonly minedIn?: { readonly txHash: Hex; readonly blockNumber: bigint; readonly blockHash: Hex };
};

/**
 * The transaction will never commit: `failed`. Its round goes back to `artifact-published` (a
 * finalize: its season back to `running`), so the runner can prepare a new transaction. A
 * confirmed transaction cannot fail. Idempotent.
 */
export async function markTransactionFailed(
  context: StorageContext,
  parameters: MarkTransactionFailedParameters,
): Promise<StoredTransaction> {
  const reason = storedText("reason", parameters.reason);
  return inTransaction(context, async (tx) => {
    const row = await lockTransaction(tx, parameters.transactionId);
    if (row.status === "failed") return withAttempts(tx, row);
    if (row.status === "confirmed") {
      throw transition(
        row,
        "failed",
        "A confirmed transaction is final; a reorg deeper than the confirmations needs an operator.",
      );
    }
    const at = now(tx);
    const mined = parameters.minedIn;
    const updated = await tx.db
      .update(transactions)
      .set({
        status: "failed",
        failureReason: reason,
        failedAt: at,
        updatedAt: at,
        ...(mined === undefined
          ? {}
          : {
              minedTxHash: storedBytes32("minedIn.txHash", mined.txHash),
              blockNumber: mined.blockNumber,
              blockHash: storedBytes32("minedIn.blockHash", mined.blockHash),
              minedAt: at,
            }),
      })
      .where(eq(transactions.id, row.id))
      .returning();
    if (row.kind === "commitRound" && row.roundIndex !== null) {
      await setRoundStatus(tx, row.seasonRef, row.roundIndex, "artifact-published");
    } else {
      await tx.db
        .update(seasons)
        .set({ status: "running", updatedAt: at })
        .where(and(eq(seasons.id, row.seasonRef), eq(seasons.status, "finalizing")));
    }
    return withAttempts(tx, updated[0] ?? row);
  });
}

export async function getTransaction(
  context: StorageContext,
  transactionId: number,
): Promise<StoredTransaction | undefined> {
  const found = await context.db
    .select()
    .from(transactions)
    .where(eq(transactions.id, storedIndex("transactionId", transactionId)));
  return found[0] === undefined ? undefined : withAttempts(context, found[0]);
}

export type PendingTransactionsParameters = { readonly chainId: number; readonly sender?: Address };

/**
 * The transactions a restarted runner must settle before sending anything new: prepared, sent or
 * mined (not yet confirmed), across all seasons (nonces are per sender), in nonce order.
 */
export async function pendingTransactions(
  context: StorageContext,
  parameters: PendingTransactionsParameters,
): Promise<StoredTransaction[]> {
  const conditions = [
    eq(transactions.chainId, storedIndex("chainId", parameters.chainId)),
    inArray(transactions.status, ["prepared", "sent", "mined"] satisfies TransactionStatus[]),
  ];
  if (parameters.sender !== undefined)
    conditions.push(eq(transactions.sender, storedAddress("sender", parameters.sender)));
  const rows = await context.db
    .select()
    .from(transactions)
    .where(and(...conditions))
    .orderBy(asc(transactions.sender), asc(transactions.nonce));
  return Promise.all(rows.map((row) => withAttempts(context, row)));
}

/**
 * The highest nonce a live (not failed) transaction of `sender` holds on the chain, or undefined.
 * The next nonce is the higher of this + 1 and the chain's pending transaction count.
 */
export async function highestNonce(
  context: StorageContext,
  parameters: { readonly chainId: number; readonly sender: Address },
): Promise<number | undefined> {
  const found = await context.db
    .select({ highest: max(transactions.nonce) })
    .from(transactions)
    .where(
      and(
        eq(transactions.chainId, storedIndex("chainId", parameters.chainId)),
        eq(transactions.sender, storedAddress("sender", parameters.sender)),
        ne(transactions.status, "failed"),
      ),
    );
  const highest = found[0]?.highest;
  return highest === null || highest === undefined ? undefined : Number(highest);
}

/** Every transaction of a season, failed ones included, in the order they were prepared. */
export async function seasonTransactions(context: StorageContext, key: SeasonKey): Promise<StoredTransaction[]> {
  const season = await requireSeason(context, key);
  const rows = await context.db
    .select()
    .from(transactions)
    .where(eq(transactions.seasonRef, season.id))
    .orderBy(asc(transactions.id));
  return Promise.all(rows.map((row) => withAttempts(context, row)));
}

/** The stored transaction one of whose attempts has this hash (locked), if any. */
async function ownerOfAttempt(tx: StorageContext, txHash: Hex) {
  const owner = await tx.db
    .select({ transactionId: transactionAttempts.transactionId })
    .from(transactionAttempts)
    .where(eq(transactionAttempts.txHash, txHash));
  return owner[0] === undefined ? undefined : lockTransaction(tx, owner[0].transactionId);
}

/** Whether a stored transaction commits what `values` commit (same season, kind and round). */
const commitsTheSame = (row: typeof transactions.$inferSelect, seasonRef: number, values: TransactionValues) =>
  row.seasonRef === seasonRef && row.kind === values.kind && row.roundIndex === values.roundIndex;

async function lockTransaction(context: StorageContext, transactionId: number) {
  const found = await context.db
    .select()
    .from(transactions)
    .where(eq(transactions.id, storedIndex("transactionId", transactionId)))
    .for("update");
  const row = found[0];
  if (row === undefined) {
    throw new StorageNotFoundError(`transaction ${transactionId}`, "Use the id prepareTransaction returned.");
  }
  return row;
}

async function requireAttempt(
  context: StorageContext,
  row: typeof transactions.$inferSelect,
  txHash: Hex,
): Promise<StoredAttempt> {
  const found = await context.db
    .select()
    .from(transactionAttempts)
    .where(and(eq(transactionAttempts.transactionId, row.id), eq(transactionAttempts.txHash, txHash)));
  const attempt = found[0];
  if (attempt === undefined) {
    throw new InvalidStorageInputError(
      "txHash",
      `${txHash} is not an attempt of transaction ${row.id}`,
      "Store a replacement (recordReplacementAttempt) before broadcasting it.",
    );
  }
  return attempt;
}

async function withAttempts(
  context: StorageContext,
  row: typeof transactions.$inferSelect,
): Promise<StoredTransaction> {
  const attempts = await context.db
    .select()
    .from(transactionAttempts)
    .where(eq(transactionAttempts.transactionId, row.id))
    .orderBy(asc(transactionAttempts.attempt));
  return { ...row, attempts };
}

function attemptValues(input: TransactionAttemptInput) {
  return {
    txHash: storedBytes32("attempt.txHash", input.txHash),
    rawTransaction: storedHexBytes("attempt.rawTransaction", input.rawTransaction, false),
    gasPrice: input.gasPrice === undefined ? null : storedUint256("attempt.gasPrice", input.gasPrice),
    maxFeePerGas: input.maxFeePerGas === undefined ? null : storedUint256("attempt.maxFeePerGas", input.maxFeePerGas),
    maxPriorityFeePerGas:
      input.maxPriorityFeePerGas === undefined
        ? null
        : storedUint256("attempt.maxPriorityFeePerGas", input.maxPriorityFeePerGas),
  };
}

function storedBlockNumber(blockNumber: bigint): bigint {
  if (typeof blockNumber !== "bigint" || blockNumber < 0n) {
    throw new InvalidStorageInputError("blockNumber", `${String(blockNumber)} is not a block number bigint`);
  }
  return blockNumber;
}

function transition(row: typeof transactions.$inferSelect, to: string, hint: string): StatusTransitionError {
  const what = row.kind === "commitRound" ? `commitRound of round ${row.roundIndex}` : "finalize";
  return new StatusTransitionError({ subject: `transaction ${row.id} (${what})`, from: row.status, to, hint });
}
