import type { Chain, PublicClient, Transport } from "viem";
import type { Sleep } from "../agents/callWithRetries.ts";
import { RunnerError } from "./runnerError.ts";
import { type RpcRetryPolicy, withRetries } from "./withRetries.ts";

export type OnChainSeasonWindow = { startsAt: bigint; endsAt: bigint; roundCount: number };

/**
 * When round `roundIndex` may be committed: the end of its slot, the season's window cut into
 * `roundCount` equal slots (the last round is due at `endsAt`).
 */
export function roundDueAt({ startsAt, endsAt, roundCount }: OnChainSeasonWindow, roundIndex: number): bigint {
  return startsAt + ((endsAt - startsAt) * BigInt(roundIndex + 1)) / BigInt(roundCount);
}

/** Chain ids of local development nodes (Hardhat, Anvil, Ganache), whose clock the runner may move. */
export const devChainIds: ReadonlySet<number> = new Set([31_337, 1_337]);

export type RunnerMode = "fast-forward" | "wall-clock";

export type ChainClockContext = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  mode: RunnerMode;
  devChain: boolean;
  retry: RpcRetryPolicy;
  sleep: Sleep;
  /** Unix seconds, for wall-clock waits (injected). */
  nowSeconds: () => number;
  log: (line: string) => void;
};

/**
 * The clock of a local dev chain run as fast as possible (the local arena, tests): the chain's time
 * is moved, so the wall clock is never read.
 */
export function devChainFastForwardClock(parameters: {
  publicClient: ChainClockContext["publicClient"];
  retry: RpcRetryPolicy;
  log?: (line: string) => void;
}): ChainClockContext {
  const { publicClient, retry } = parameters;
  return {
    publicClient,
    mode: "fast-forward",
    devChain: true,
    retry,
    sleep: retry.sleep,
    nowSeconds: () => 0,
    log: parameters.log ?? (() => undefined),
  };
}

/** The latest block's timestamp. */
export async function chainTime(context: ChainClockContext): Promise<bigint> {
  const block = await withRetries(() => context.publicClient.getBlock({ blockTag: "latest" }), context.retry);
  return block.timestamp;
}

/** Fast-forward moves the chain's clock, which only a local dev chain allows. */
function fastForwardRefused(): RunnerError {
  return new RunnerError("Fast-forward needs a local dev chain: this chain's clock cannot be moved.", {
    hint: "Run live seasons with --mode wall-clock (the default on other chains).",
  });
}

/** Refuses fast-forward off a dev chain before anything runs (not only once a wait would move the clock). */
export function checkRunnerMode(mode: RunnerMode, devChain: boolean): void {
  if (mode === "fast-forward" && !devChain) throw fastForwardRefused();
}

/**
 * Returns once the chain's latest block is at or past `target`. Fast-forward on a dev chain moves
 * the chain's clock (evm_setNextBlockTimestamp + evm_mine); otherwise it waits on the clock, and on
 * a dev chain whose head lags a wall clock already past `target` it mines one empty block (a local
 * node produces no block without a transaction).
 */
export async function waitForChainTime(context: ChainClockContext, target: bigint): Promise<void> {
  for (;;) {
    const now = await chainTime(context);
    if (now >= target) return;
    if (context.mode === "fast-forward") {
      if (!context.devChain) throw fastForwardRefused();
      await withRetries(
        () =>
          context.publicClient.request({
            method: "evm_setNextBlockTimestamp",
            params: [`0x${target.toString(16)}`],
          } as never),
        context.retry,
      ).catch(async (error) => {
        // A dropped reply after the node applied it, then a block mined past it: the next loop sees the time.
        if ((await chainTime(context)) < target) throw error;
      });
      await withRetries(() => context.publicClient.request({ method: "evm_mine" } as never), context.retry);
      continue;
    }
    if (context.devChain && context.nowSeconds() >= Number(target)) {
      // A local node mines only when a transaction arrives: once the wall clock is past the due
      // time, one empty block stamped by the node's own clock lets the chain catch up (nothing is
      // moved; a live chain produces its blocks by itself).
      await withRetries(() => context.publicClient.request({ method: "evm_mine" } as never), context.retry);
      if ((await chainTime(context)) >= target) return;
    }
    const wait = Math.max(1, Math.min(15, Number(target) - context.nowSeconds()));
    context.log(`  waiting ${wait}s for chain time ${target}`);
    await context.sleep(wait * 1000);
  }
}
