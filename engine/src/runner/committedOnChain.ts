import { podiumArenaAbi } from "@podium/contracts/abi";
import type { Address, Chain, Hex, PublicClient, Transport } from "viem";
import type { CommittedRound } from "../commitments/roundChain.ts";
import type { FoundTransaction } from "./operatorTransactions.ts";
import { RunnerError } from "./runnerError.ts";
import { type RpcRetryPolicy, withRetries } from "./withRetries.ts";

/**
 * What the arena already holds of a season, read from its events: the runner compares it with its
 * own stored values before sending anything, and records the transaction that made it.
 */
export type CommittedOnChainContext = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  retry: RpcRetryPolicy;
  arena: Address;
  seasonId: bigint;
  /** First block to scan (the arena's deployment block). */
  fromBlock: bigint;
};

/** The season's finalization as the chain holds it, and where. */
export type FinalizedOnChain = FoundTransaction & {
  resultsRoot: Hex;
  totalPayout: bigint;
  resultsDigest: Hex;
  resultsUri: string;
};

/**
 * The transaction that committed `expected.roundIndex`, after checking that its RoundCommitted event
 * carries the runner's roots and digest (else a RunnerError: another operator, or another database).
 */
export async function roundCommittedOnChain(
  context: CommittedOnChainContext,
  expected: CommittedRound,
): Promise<FoundTransaction> {
  const events = await withRetries(
    () =>
      context.publicClient.getContractEvents({
        address: context.arena,
        abi: podiumArenaAbi,
        eventName: "RoundCommitted",
        args: { seasonId: context.seasonId, roundIndex: BigInt(expected.roundIndex) },
        fromBlock: context.fromBlock,
      }),
    context.retry,
  );
  const event = events[0];
  const args = event?.args as Partial<CommittedRound> | undefined;
  const same =
    args !== undefined &&
    args.recordsRoot?.toLowerCase() === expected.recordsRoot.toLowerCase() &&
    args.standingsRoot?.toLowerCase() === expected.standingsRoot.toLowerCase() &&
    args.artifactDigest?.toLowerCase() === expected.artifactDigest.toLowerCase();
  if (!same)
    throw new RunnerError(`Round ${expected.roundIndex} is committed on-chain with other values than this runner's.`, {
      details: `on-chain ${JSON.stringify(args ?? null, (_, value) => (typeof value === "bigint" ? String(value) : value))}`,
      hint: "Another operator committed this season: stop and compare the databases.",
    });
  return foundIn(event, `round ${expected.roundIndex}'s RoundCommitted event`);
}

/**
 * The season's SeasonFinalized event (call it once `getSeason` shows a results root), or a
 * RunnerError when the chain holds none from `fromBlock` on.
 */
export async function seasonFinalizedOnChain(context: CommittedOnChainContext): Promise<FinalizedOnChain> {
  const events = await withRetries(
    () =>
      context.publicClient.getContractEvents({
        address: context.arena,
        abi: podiumArenaAbi,
        eventName: "SeasonFinalized",
        args: { seasonId: context.seasonId },
        fromBlock: context.fromBlock,
      }),
    context.retry,
  );
  const event = events[0];
  if (event === undefined)
    throw new RunnerError(`Season ${context.seasonId} has a results root on-chain but no SeasonFinalized event.`, {
      details: `events read from block ${context.fromBlock}`,
      hint: "Give the runner the arena's deployment block as fromBlock, or check the node's log index.",
    });
  const args = event.args as { resultsRoot: Hex; totalPayout: bigint; artifactDigest: Hex; artifactUri: string };
  return {
    resultsRoot: args.resultsRoot,
    totalPayout: args.totalPayout,
    resultsDigest: args.artifactDigest,
    resultsUri: args.artifactUri,
    ...foundIn(event, "the SeasonFinalized event"),
  };
}

function foundIn(
  event: { transactionHash: Hex | null; blockNumber: bigint | null; blockHash: Hex | null } | undefined,
  what: string,
): FoundTransaction {
  if (event?.transactionHash == null || event.blockNumber == null || event.blockHash == null)
    throw new RunnerError(`The node returned ${what} without its transaction and block.`, {
      hint: "A pending log: ask again once it is mined, or use another node.",
    });
  return { txHash: event.transactionHash, blockNumber: event.blockNumber, blockHash: event.blockHash };
}
