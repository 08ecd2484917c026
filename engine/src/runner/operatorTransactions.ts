import {
  type Address,
  BlockNotFoundError,
  type Chain,
  type Hex,
  keccak256,
  type LocalAccount,
  type PublicClient,
  parseTransaction,
  type Signature,
  serializeTransaction,
  type Transaction,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
  type Transport,
} from "viem";
import type { Sleep } from "../agents/callWithRetries.ts";
import type { PodiumStorage } from "../storage/openDatabase.ts";
import type { SeasonKey } from "../storage/seasonKey.ts";
import {
  adoptMinedTransaction,
  highestNonce,
  markTransactionConfirmed,
  markTransactionFailed,
  markTransactionMined,
  markTransactionReorged,
  markTransactionSent,
  pendingTransactions,
  prepareTransaction,
  recordReplacementAttempt,
  type StoredTransaction,
  seasonTransactions,
  type TransactionAttemptInput,
  type TransactionCommitment,
} from "../storage/transactionRepository.ts";
import { RunnerError } from "./runnerError.ts";
import { errorChainText, isTransientRpcError, type RpcRetryPolicy, withRetries } from "./withRetries.ts";

/** A fee bump of at least 12.5% (most nodes require 10% to replace a pending transaction). */
export const REPLACEMENT_BUMP_PER_MILLE = 125n;

export type OperatorContext = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  account: LocalAccount;
  chainId: number;
  storage: PodiumStorage;
  retry: RpcRetryPolicy;
  /** Blocks on top of the receipt's (the receipt's block counts as 1). */
  confirmations: number;
  /** How long to wait for a receipt before replacing the transaction with a higher fee. */
  replaceAfterMs: number;
  pollIntervalMs: number;
  sleep: Sleep;
  /** Milliseconds, for stuck-transaction timing only (injected: never read in the engine's core). */
  now: () => number;
  /** A local dev chain: blocks are mined on demand for confirmations. */
  devChain: boolean;
  log: (line: string) => void;
};

/** The commitment to send: what prepareTransaction stores, without the sender, nonce and signature. */
export type OperatorCall = TransactionCommitment & {
  readonly season: SeasonKey;
  readonly to: Address;
  readonly data: Hex;
};

const rpc = <T>(context: OperatorContext, work: () => Promise<T>) => withRetries(work, context.retry);

/** The next nonce: the higher of the chain's pending count and the highest live stored nonce + 1. */
export async function nextNonce(context: OperatorContext): Promise<number> {
  const onChain = await rpc(context, () =>
    context.publicClient.getTransactionCount({ address: context.account.address, blockTag: "pending" }),
  );
  const stored = await highestNonce(context.storage, { chainId: context.chainId, sender: context.account.address });
  return Math.max(onChain, stored === undefined ? 0 : stored + 1);
}

/**
 * Signs the call, persists it as `prepared` (BEFORE anything is broadcast), then drives it to
 * confirmation. Returns the receipt, or undefined when the transaction can never be mined (its
 * nonce was taken by another transaction): the commitment is free again for a new attempt.
 */
export async function sendOperatorCall(
  context: OperatorContext,
  call: OperatorCall,
): Promise<TransactionReceipt | undefined> {
  const { publicClient, account } = context;
  let gas: bigint;
  try {
    gas = await rpc(context, () => publicClient.estimateGas({ account, to: call.to, data: call.data }));
  } catch (error) {
    throw new RunnerError(`The arena refuses the ${call.kind} transaction.`, {
      details: errorChainText(error).slice(0, 600),
      hint: "Check the season's status and schedule, and that the operator key holds OPERATOR_ROLE.",
      cause: error,
    });
  }
  const fees = await rpc(context, () => publicClient.estimateFeesPerGas());
  const nonce = await nextNonce(context);
  const signed = await signAttempt(context, {
    to: call.to,
    data: call.data,
    nonce,
    gas: (gas * 5n) / 4n,
    maxFeePerGas: fees.maxFeePerGas,
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
  });
  const stored = await prepareTransaction(context.storage, {
    ...call,
    sender: account.address,
    nonce,
    attempt: signed,
  });
  context.log(`  ${describe(stored)}: prepared nonce ${nonce}, ${signed.txHash}`);
  return driveTransaction(context, stored);
}

/**
 * Settles every transaction a previous run left prepared, sent or mined (restart reconciliation):
 * the operator's, then, with `season`, that season's live transactions of other senders (another
 * operator's transaction that committed one of its rounds, recorded by confirmFoundTransaction).
 */
export async function settlePendingTransactions(context: OperatorContext, season?: SeasonKey): Promise<void> {
  const pending = await pendingTransactions(context.storage, {
    chainId: context.chainId,
    sender: context.account.address,
  });
  if (season !== undefined)
    for (const transaction of await seasonTransactions(context.storage, season))
      if (isLive(transaction) && !signedByOperator(context, transaction)) pending.push(transaction);
  for (const transaction of pending) {
    context.log(`  reconciling ${describe(transaction)} (nonce ${transaction.nonce}, ${transaction.status})`);
    await driveTransaction(context, transaction);
  }
}

/** The commitment a transaction found on-chain makes (the stored call, without its signed bytes). */
export type FoundCommitment = TransactionCommitment & { readonly season: SeasonKey };

/** Where the chain holds the transaction that made a commitment (from its event's log). */
export type FoundTransaction = { readonly txHash: Hex; readonly blockNumber: bigint; readonly blockHash: Hex };

/**
 * The chain holds a commitment no live stored transaction makes (found by its event, with the same
 * values as the runner's): records the transaction that made it (adoptMinedTransaction: a failed
 * one of the runner's revived, or one it never stored, with its signed bytes rebuilt from the
 * chain), then drives it like any other: N confirmations of its block, back to sent on a reorg.
 * Returns its receipt once confirmed, or undefined when it failed after all (the chain moved again:
 * the caller reconciles once more). The gas is not this run's: it sent nothing.
 */
export async function confirmFoundTransaction(
  context: OperatorContext,
  commitment: FoundCommitment,
  found: FoundTransaction,
): Promise<TransactionReceipt | undefined> {
  const transaction = await rpc(context, () => context.publicClient.getTransaction({ hash: found.txHash }));
  const stored = await adoptMinedTransaction(context.storage, {
    ...commitment,
    sender: transaction.from,
    nonce: transaction.nonce,
    ...(transaction.to === null ? {} : { to: transaction.to }),
    data: transaction.input,
    attempt: attemptOf(transaction),
    blockNumber: found.blockNumber,
    blockHash: found.blockHash,
  });
  context.log(
    `  ${describe(stored)}: made by ${found.txHash} (${transaction.from}, nonce ${transaction.nonce}) in block ${found.blockNumber}, recorded ${stored.status}`,
  );
  // Already confirmed in storage (final): nothing to wait for.
  if (stored.status === "confirmed")
    return rpc(context, () => context.publicClient.getTransactionReceipt({ hash: found.txHash }));
  return driveTransaction(context, stored);
}

/** A mined transaction as a stored attempt: its signed bytes rebuilt from its fields and signature. */
function attemptOf(transaction: Transaction): TransactionAttemptInput {
  const { r, s, v, yParity } = transaction;
  const signature: Signature = transaction.type === "legacy" ? { r, s, v } : { r, s, yParity: yParity ?? Number(v) };
  const rawTransaction = serializeTransaction({ ...transaction, data: transaction.input } as never, signature);
  if (keccak256(rawTransaction).toLowerCase() !== transaction.hash.toLowerCase())
    throw new RunnerError(`Cannot rebuild the signed bytes of transaction ${transaction.hash}.`, {
      details: `a ${transaction.type} transaction; the bytes rebuilt from its fields hash to ${keccak256(rawTransaction)}`,
      hint: "The runner stores the bytes of every transaction it settles: report the transaction type.",
    });
  return {
    txHash: transaction.hash,
    rawTransaction,
    // A legacy or access-list transaction's fee is its gas price; an EIP-1559 one's, its two caps.
    ...(transaction.maxFeePerGas === undefined && transaction.gasPrice !== undefined
      ? { gasPrice: transaction.gasPrice }
      : {}),
    ...(transaction.maxFeePerGas === undefined ? {} : { maxFeePerGas: transaction.maxFeePerGas }),
    ...(transaction.maxPriorityFeePerGas === undefined
      ? {}
      : { maxPriorityFeePerGas: transaction.maxPriorityFeePerGas }),
  };
}

function isLive(transaction: StoredTransaction): boolean {
  return transaction.status === "prepared" || transaction.status === "sent" || transaction.status === "mined";
}

/** Whether the operator's key signed it (another operator's transaction is never replaced by this one). */
function signedByOperator(context: OperatorContext, transaction: StoredTransaction): boolean {
  return transaction.sender.toLowerCase() === context.account.address.toLowerCase();
}

type SignedAttempt = {
  txHash: Hex;
  rawTransaction: Hex;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
};

async function signAttempt(
  context: OperatorContext,
  fields: { to: Address; data: Hex; nonce: number; gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint },
): Promise<SignedAttempt & { gas: bigint }> {
  const rawTransaction = await context.account.signTransaction({
    chainId: context.chainId,
    type: "eip1559",
    ...fields,
  });
  return {
    txHash: keccak256(rawTransaction),
    rawTransaction,
    maxFeePerGas: fields.maxFeePerGas,
    maxPriorityFeePerGas: fields.maxPriorityFeePerGas,
    gas: fields.gas,
  };
}

function describe(transaction: StoredTransaction): string {
  return transaction.kind === "commitRound" ? `commitRound ${transaction.roundIndex}` : "finalize";
}

/**
 * The receipt of whichever attempt is mined in the chain as it is now, or undefined. A receipt
 * counts only while the block at its height is still its block: a node may keep serving the
 * receipt of a block a reorg dropped.
 */
async function findReceipt(
  context: OperatorContext,
  transaction: StoredTransaction,
): Promise<TransactionReceipt | undefined> {
  for (const attempt of [...transaction.attempts].reverse()) {
    const receipt = await rpc(context, async () => {
      try {
        return await context.publicClient.getTransactionReceipt({ hash: attempt.txHash as Hex });
      } catch (error) {
        if (error instanceof TransactionReceiptNotFoundError) return undefined;
        throw error;
      }
    });
    if (receipt === undefined) continue;
    if (await inCanonicalChain(context, receipt)) return receipt;
    context.log(
      `  ${describe(transaction)}: receipt of ${receipt.transactionHash} names block ${receipt.blockNumber} (${receipt.blockHash}), no longer in the chain`,
    );
  }
  return undefined;
}

/** Whether the chain's block at the receipt's height is the receipt's block. */
async function inCanonicalChain(context: OperatorContext, receipt: TransactionReceipt): Promise<boolean> {
  const block = await rpc(context, async () => {
    try {
      return await context.publicClient.getBlock({ blockNumber: receipt.blockNumber });
    } catch (error) {
      // The chain that replaced the receipt's block is not that high (yet).
      if (error instanceof BlockNotFoundError) return undefined;
      throw error;
    }
  });
  return block?.hash?.toLowerCase() === receipt.blockHash.toLowerCase();
}

/**
 * The per-transaction state machine: receipt of any attempt → mined → confirmed; the nonce taken
 * by someone else → failed; otherwise (re)broadcast the last signed attempt's exact bytes (same
 * hash: never a second commitment) and replace it with a higher fee when it stays unmined (another
 * sender's transaction, recorded because it made a commitment, is failed instead: the caller then
 * reconciles with the chain). A receipt whose block leaves the chain before the confirmations (a
 * reorg) sends it back to `sent`, and the same loop takes it from there.
 */
async function driveTransaction(
  context: OperatorContext,
  initial: StoredTransaction,
): Promise<TransactionReceipt | undefined> {
  let transaction = initial;
  const sentAt = new Map<string, number>();
  let refusals = 0;
  for (;;) {
    const receipt = await findReceipt(context, transaction);
    if (receipt !== undefined) {
      transaction = await markTransactionMined(context.storage, {
        transactionId: transaction.id,
        txHash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
        blockHash: receipt.blockHash,
        reverted: receipt.status === "reverted",
      });
      if (receipt.status === "reverted")
        throw new RunnerError(`The ${describe(transaction)} transaction reverted (${receipt.transactionHash}).`, {
          hint: "The chain disagrees with the runner's state: check the season on-chain before restarting.",
        });
      if (await waitForConfirmations(context, transaction, receipt)) {
        await markTransactionConfirmed(context.storage, { transactionId: transaction.id });
        context.log(
          `  ${describe(transaction)}: confirmed in block ${receipt.blockNumber} (${receipt.transactionHash})`,
        );
        return receipt;
      }
      // A reorg moved or dropped the receipt's block: look again from the top.
      continue;
    }
    if (transaction.status === "mined" && transaction.blockHash !== null) {
      // The recorded receipt's block left the chain and no attempt is mined in the new one (seen
      // while confirming, or on a restart). The transaction is live again: back to sent, and the
      // normal path below (rebroadcast, replacement, nonce taken) resumes it.
      context.log(
        `  ${describe(transaction)}: block ${transaction.blockNumber} (${transaction.blockHash}) left the chain, not mined any more`,
      );
      transaction = await markTransactionReorged(context.storage, {
        transactionId: transaction.id,
        blockHash: transaction.blockHash as Hex,
      });
      // The node that dropped the block may have forgotten the transaction too: broadcast again.
      sentAt.clear();
      refusals = 0;
    }
    const minedNonce = await rpc(context, () =>
      context.publicClient.getTransactionCount({ address: transaction.sender as Address, blockTag: "latest" }),
    );
    if (minedNonce > transaction.nonce) {
      // A receipt may have been missed by a dropped request: look once more before giving up on it.
      if ((await findReceipt(context, transaction)) !== undefined) continue;
      await markTransactionFailed(context.storage, {
        transactionId: transaction.id,
        reason: `nonce ${transaction.nonce} was used by another transaction`,
      });
      context.log(`  ${describe(transaction)}: nonce ${transaction.nonce} taken by another transaction, failed`);
      return undefined;
    }
    const last = transaction.attempts[transaction.attempts.length - 1];
    if (last === undefined) throw new RunnerError(`Transaction ${transaction.id} has no signed attempt.`);
    if (!sentAt.has(last.txHash)) {
      try {
        await context.publicClient.sendRawTransaction({ serializedTransaction: last.rawTransaction as Hex });
        refusals = 0;
      } catch (error) {
        // "Known transaction": the node already holds these exact bytes (a rebroadcast after a
        // restart), so they are out: count them as sent and let the replacement clock run. Refusing
        // them instead would stop every restart while the transaction is pending, and it would never
        // be replaced. Other refusals ("nonce too low": the nonce was mined) the next loop resolves.
        if (!isKnownTransactionError(error)) {
          if (!isTransientRpcError(error) && ++refusals > 3)
            throw new RunnerError(`The node refuses the ${describe(transaction)} transaction.`, {
              details: errorChainText(error).slice(0, 600),
              cause: error,
            });
          await context.sleep(context.pollIntervalMs);
          continue;
        }
      }
      sentAt.set(last.txHash, context.now());
      transaction = await markTransactionSent(context.storage, {
        transactionId: transaction.id,
        txHash: last.txHash as Hex,
      });
    }
    await context.sleep(context.pollIntervalMs);
    if (context.now() - (sentAt.get(last.txHash) ?? 0) >= context.replaceAfterMs) {
      if (!signedByOperator(context, transaction)) {
        // Another operator's transaction (recorded because it made the commitment, then reorged out):
        // only its key can replace it. Give the commitment back; the runner reconciles with the chain.
        await markTransactionFailed(context.storage, {
          transactionId: transaction.id,
          reason: `not mined after ${context.replaceAfterMs} ms, and signed by ${transaction.sender}: not the operator's to replace`,
        });
        context.log(`  ${describe(transaction)}: another sender's transaction is not mined again, failed`);
        return undefined;
      }
      transaction = await replaceTransaction(context, transaction, last);
    }
  }
}

/** Same nonce and calldata, fees raised by at least 12.5% (and to the network's current level). */
async function replaceTransaction(
  context: OperatorContext,
  transaction: StoredTransaction,
  last: StoredTransaction["attempts"][number],
): Promise<StoredTransaction> {
  const bump = (value: bigint) => (value * (1000n + REPLACEMENT_BUMP_PER_MILLE) + 999n) / 1000n + 1n;
  const fees = await rpc(context, () => context.publicClient.estimateFeesPerGas());
  const previousMax = last.maxFeePerGas ?? fees.maxFeePerGas;
  const previousTip = last.maxPriorityFeePerGas ?? fees.maxPriorityFeePerGas;
  const maxPriorityFeePerGas = larger(bump(previousTip), fees.maxPriorityFeePerGas);
  const maxFeePerGas = larger(larger(bump(previousMax), fees.maxFeePerGas), maxPriorityFeePerGas);
  // The gas limit of the attempt it replaces: the same call needs the same gas. Estimating it again
  // cannot work: the node's pending state already holds the stuck call, so the estimate reverts.
  const gas = parseTransaction(last.rawTransaction as Hex).gas;
  if (gas === undefined) throw new RunnerError(`Transaction ${transaction.id}'s last attempt has no gas limit.`);
  const signed = await signAttempt(context, {
    to: transaction.to as Address,
    data: transaction.data as Hex,
    nonce: transaction.nonce,
    gas,
    maxFeePerGas,
    maxPriorityFeePerGas,
  });
  context.log(`  ${describe(transaction)}: stuck, replacing with ${signed.txHash} (max fee ${maxFeePerGas})`);
  return recordReplacementAttempt(context.storage, {
    transactionId: transaction.id,
    attempt: {
      txHash: signed.txHash,
      rawTransaction: signed.rawTransaction,
      maxFeePerGas,
      maxPriorityFeePerGas,
    },
  });
}

/**
 * Waits until the receipt's block has `confirmations` blocks (itself included). Each look re-reads
 * the receipt by the stored hashes and checks its block is still the chain's block at that height:
 * true once confirmed, false as soon as a reorg moved or dropped it.
 */
async function waitForConfirmations(
  context: OperatorContext,
  transaction: StoredTransaction,
  receipt: TransactionReceipt,
): Promise<boolean> {
  for (;;) {
    // The head first: a reorg between the two reads then shows in the receipt check, instead of its
    // new blocks being counted as confirmations of a receipt it dropped.
    const head = await rpc(context, () => context.publicClient.getBlockNumber({ cacheTime: 0 }));
    const current = await findReceipt(context, transaction);
    if (
      current === undefined ||
      current.blockHash.toLowerCase() !== receipt.blockHash.toLowerCase() ||
      current.transactionHash.toLowerCase() !== receipt.transactionHash.toLowerCase()
    )
      return false;
    if (head - receipt.blockNumber + 1n >= BigInt(context.confirmations)) return true;
    if (context.devChain) await rpc(context, () => context.publicClient.request({ method: "evm_mine" } as never));
    else await context.sleep(context.pollIntervalMs);
  }
}

/** The node already has this transaction (Hardhat: "Known transaction"; geth, Erigon: "already known"). */
function isKnownTransactionError(error: unknown): boolean {
  return /known transaction|already known|alreadyknown|already imported/i.test(errorChainText(error));
}

function larger(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
