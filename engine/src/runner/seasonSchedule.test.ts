/**
 * The season's schedule. roundDueAt is checked on hand-computed windows; waitForChainTime and a
 * whole wall-clock season run on a real `hardhat node`. The runner's clock is injected: its sleep
 * moves a fake wall clock on and has the node produce a block once that clock has passed the head
 * (a live chain, whose blocks follow the wall clock), so nothing really waits. The runner reaches
 * the node through a recording proxy, so the tests see every call it makes; the test's own calls
 * (mining, reads) go to the node directly.
 */
import { podiumArenaAbi } from "@podium/contracts/abi";
import { type Chain, createPublicClient, http, numberToHex, type PublicClient, type Transport } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Sleep } from "../agents/callWithRetries.ts";
import type { ArtifactStore } from "../artifacts/store/artifactStore.ts";
import { RunnerError } from "./runnerError.ts";
import { runSeasonOnChain } from "./seasonRunner.ts";
import {
  type ChainClockContext,
  checkRunnerMode,
  type RunnerMode,
  roundDueAt,
  waitForChainTime,
} from "./seasonSchedule.ts";
import { type RecordedRpcCall, type RecordingRpcProxy, startRecordingRpcProxy } from "./testing/recordingRpcProxy.ts";
import { chainCommitments, operator, type RunnerTestChain, startRunnerTestChain } from "./testing/runnerTestChain.ts";
import { defaultRpcRetryPolicy } from "./withRetries.ts";

describe("roundDueAt: round i is due at the end of its slot", () => {
  test("a 300 s window in 3 rounds: due at +100, +200, +300", () => {
    const window = { startsAt: 1_000n, endsAt: 1_300n, roundCount: 3 };
    expect([0, 1, 2].map((i) => roundDueAt(window, i))).toEqual([1_100n, 1_200n, 1_300n]);
  });

  test("uneven slots round down, and the last round is due exactly at endsAt", () => {
    // 100 s in 3 rounds: 100·1/3 = 33.3, 100·2/3 = 66.7, 100·3/3 = 100.
    const window = { startsAt: 0n, endsAt: 100n, roundCount: 3 };
    expect([0, 1, 2].map((i) => roundDueAt(window, i))).toEqual([33n, 66n, 100n]);
    expect(roundDueAt({ startsAt: 5n, endsAt: 7n, roundCount: 1 }, 0)).toBe(7n);
  });

  test("a week of one-minute rounds at real timestamps: one minute apart, the last at endsAt", () => {
    const startsAt = 1_700_000_000n;
    const window = { startsAt, endsAt: startsAt + 7n * 86_400n, roundCount: 10_080 };
    const due = Array.from({ length: window.roundCount }, (_, i) => roundDueAt(window, i));
    const oneMinuteApart = Array.from({ length: window.roundCount }, (_, i) => startsAt + 60n * BigInt(i + 1));
    expect(due).toEqual(oneMinuteApart);
    expect(due.at(-1)).toBe(window.endsAt);
  });
});

const ROUND_SECONDS = 60;
let chain: RunnerTestChain;
let runnerClient: PublicClient<Transport, Chain | undefined>;
let proxy: RecordingRpcProxy;

/** What happened, in order: the runner's RPC calls, sleeps and log lines, and its artifact publications. */
type TimelineEvent =
  | { kind: "rpc"; call: RecordedRpcCall }
  | { kind: "sleep"; ms: number }
  | { kind: "log"; line: string; atMs: number }
  | { kind: "publish"; roundIndex: number; atMs: number; chainTime: bigint };
const timeline: TimelineEvent[] = [];

beforeAll(async () => {
  // The node keeps automining: the runner's transactions are mined as they are sent.
  chain = await startRunnerTestChain({ label: "schedule" });
  proxy = await startRecordingRpcProxy({
    target: chain.url,
    onCall: (call) => timeline.push({ kind: "rpc", call }),
  });
  runnerClient = createPublicClient({ transport: http(proxy.url, { retryCount: 0 }), pollingInterval: 50 });
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await chain?.close();
});

const blockTime = async (blockNumber?: bigint | null) =>
  (await chain.publicClient.getBlock(blockNumber == null ? { blockTag: "latest" } : { blockNumber })).timestamp;
async function mineAt(timestamp: bigint): Promise<void> {
  await chain.node("evm_setNextBlockTimestamp", [numberToHex(timestamp)]);
  await chain.node("evm_mine");
}

/** The methods the runner called through the proxy since call number `from`. */
const runnerMethods = (from: number) => proxy.calls.slice(from).map((call) => call.method);
/** The dev node's own controls (set the time, mine, impersonate): a live chain has none of them. */
const isDevNodeControl = (method: string) => method.startsWith("evm_") || method.startsWith("hardhat_");
const isLatestBlockRead = (event: TimelineEvent) =>
  event.kind === "rpc" &&
  event.call.method === "eth_getBlockByNumber" &&
  (event.call.params as unknown[])[0] === "latest";

type FakeClock = { now: () => number; nowSeconds: () => number; sleep: Sleep; sleeps: number[]; lines: string[] };

/**
 * A live chain's wall clock, starting at `startSeconds`: sleeping moves it on, and once it has passed
 * the chain's head a block stamped with its time is produced. Blocks never come from the future, so
 * when the runner's own transactions got ahead of it, the clock catches up with the head.
 */
function liveChainClock(startSeconds: bigint): FakeClock {
  let atMs = Number(startSeconds) * 1_000;
  const sleeps: number[] = [];
  return {
    now: () => atMs,
    nowSeconds: () => Math.floor(atMs / 1_000),
    sleeps,
    lines: [],
    sleep: async (ms) => {
      sleeps.push(ms);
      timeline.push({ kind: "sleep", ms });
      // A runner that never gets there would otherwise spin until the test's timeout.
      if (sleeps.length > 500) throw new Error("the runner slept 500 times");
      atMs += ms;
      const clock = BigInt(Math.floor(atMs / 1_000));
      const head = await blockTime();
      if (clock > head) await mineAt(clock);
      else atMs = Math.max(atMs, Number(head) * 1_000);
    },
  };
}

function clockContext(mode: RunnerMode, devChain: boolean, clock: FakeClock): ChainClockContext {
  return {
    publicClient: runnerClient,
    mode,
    devChain,
    retry: { ...defaultRpcRetryPolicy },
    sleep: clock.sleep,
    nowSeconds: clock.nowSeconds,
    log: (line) => clock.lines.push(line),
  };
}

describe("checkRunnerMode", () => {
  test("refuses fast-forward off a dev chain before a round runs, with the wall-clock hint; allows the rest", () => {
    expect(() => checkRunnerMode("fast-forward", false)).toThrow(RunnerError);
    expect(() => checkRunnerMode("fast-forward", false)).toThrow(/needs a local dev chain/);
    expect(() => checkRunnerMode("fast-forward", true)).not.toThrow();
    expect(() => checkRunnerMode("wall-clock", false)).not.toThrow();
    expect(() => checkRunnerMode("wall-clock", true)).not.toThrow();
  });
});

describe("waitForChainTime on a node", () => {
  test("wall clock: sleeps on the injected clock, 15 s at most at a time, until a block at the target; moves nothing", async () => {
    const start = await blockTime();
    const target = start + 40n;
    const clock = liveChainClock(start);
    const from = proxy.calls.length;
    // On the dev chain (it could move the clock) but in wall-clock mode: it must not.
    await waitForChainTime(clockContext("wall-clock", true, clock), target);
    // 40 s to wait: 15 + 15 + 10, the chain read again after each (a wait is capped at 15 s).
    expect(clock.sleeps).toEqual([15_000, 15_000, 10_000]);
    expect(clock.lines).toEqual([
      `  waiting 15s for chain time ${target}`,
      `  waiting 15s for chain time ${target}`,
      `  waiting 10s for chain time ${target}`,
    ]);
    expect(await blockTime()).toBe(target);
    expect(new Set(runnerMethods(from))).toEqual(new Set(["eth_getBlockByNumber"]));
  }, 60_000);

  test("wall clock already past the target while a live chain's head lags: polls each second until a block at or past it", async () => {
    const start = await blockTime();
    const target = start + 5n;
    let produced = start;
    const sleeps: number[] = [];
    const from = proxy.calls.length;
    await waitForChainTime(
      {
        // A live chain (not a dev chain): its blocks come by themselves, the runner only reads.
        ...clockContext("wall-clock", false, liveChainClock(start)),
        // The wall clock says the time has come; the chain, which the contract judges by, is behind.
        nowSeconds: () => Number(target) + 100,
        sleep: async (ms) => {
          sleeps.push(ms);
          produced += 2n; // a block every 2 s
          await mineAt(produced);
        },
      },
      target,
    );
    // Blocks at +2, +4, +6: +6 is the first at or past +5. Each wait is the 1 s minimum.
    expect(sleeps).toEqual([1_000, 1_000, 1_000]);
    expect(await blockTime()).toBe(start + 6n);
    expect(runnerMethods(from).filter(isDevNodeControl)).toEqual([]);
  }, 60_000);

  test("wall clock past the target on a quiet dev node: one empty block (no timestamp set) lets the chain catch up", async () => {
    const start = await blockTime();
    const target = start + 1n;
    const clock = liveChainClock(start);
    const from = proxy.calls.length;
    // The node mines only on transactions; the wall clock says the due time has come.
    await waitForChainTime(
      { ...clockContext("wall-clock", true, clock), nowSeconds: () => Number(target) + 60 },
      target,
    );
    const calls = proxy.calls.slice(from).filter((call) => isDevNodeControl(call.method));
    expect(calls.map((call) => call.method)).toEqual(["evm_mine"]);
    // The node's own clock stamped it: no timestamp was given, so nothing was moved.
    expect(calls.map((call) => call.params ?? [])).toEqual([[]]);
    expect(await blockTime()).toBeGreaterThanOrEqual(target);
    expect(clock.sleeps).toEqual([]);
  }, 60_000);

  test("fast-forward on a chain that is not a dev chain is refused with a hint, its clock untouched", async () => {
    const start = await blockTime();
    const clock = liveChainClock(start);
    const from = proxy.calls.length;
    const context = clockContext("fast-forward", false, clock);
    const error = await waitForChainTime(context, start + 3_600n).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RunnerError);
    expect((error as RunnerError).shortMessage).toMatch(/needs a local dev chain/);
    expect((error as RunnerError).hint).toMatch(/--mode wall-clock/);
    // A time already reached needs no move, so nothing is refused.
    await waitForChainTime(context, start);
    expect(runnerMethods(from).filter(isDevNodeControl)).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    expect(await blockTime()).toBe(start);
  }, 60_000);

  test("fast-forward on a dev chain moves the clock to the target at once (the proxy sees the moves)", async () => {
    const start = await blockTime();
    const clock = liveChainClock(start);
    const from = proxy.calls.length;
    await waitForChainTime(clockContext("fast-forward", true, clock), start + 3_600n);
    expect(runnerMethods(from).filter(isDevNodeControl)).toEqual(["evm_setNextBlockTimestamp", "evm_mine"]);
    expect(clock.sleeps).toEqual([]);
    expect(await blockTime()).toBe(start + 3_600n);
  }, 60_000);
});

describe("a 3-round season in wall-clock mode", () => {
  test("rounds are simulated and committed on their schedule, the runner only waits, and it finalizes after endsAt", async () => {
    // Created (and entered) with the test's fast-forward: the runner starts before the season does.
    const { seasonId } = await chain.createSeason({
      rounds: 3,
      seed: "wall-clock",
      roundSeconds: ROUND_SECONDS,
      entrySeconds: 60,
    });
    const { params } = (await chain.publicClient.readContract({
      address: chain.arena,
      abi: podiumArenaAbi,
      functionName: "getSeason",
      args: [seasonId],
    })) as { params: { startsAt: bigint; endsAt: bigint } };
    const { startsAt, endsAt } = params;
    // 3 slots of 60 s: round i is due at startsAt + 60·(i+1), the last one at endsAt.
    const due = [startsAt + 60n, startsAt + 120n, startsAt + 180n];
    expect(endsAt).toBe(startsAt + 180n);
    const start = await blockTime();
    expect(start).toBeLessThan(startsAt);

    const clock = liveChainClock(start);
    const { store } = chain;
    const publishing: ArtifactStore = {
      has: (uri) => store.has(uri),
      get: (uri, options) => store.get(uri, options),
      uriOf: (path) => store.uriOf(path),
      list: (prefix) => store.list(prefix),
      put: async (path, bytes) => {
        const round = /round-(\d+)\.json$/.exec(path);
        if (round !== null)
          timeline.push({
            kind: "publish",
            roundIndex: Number(round[1]),
            atMs: clock.now(),
            chainTime: await blockTime(),
          });
        return store.put(path, bytes);
      },
    };
    const from = timeline.length;
    const callsFrom = proxy.calls.length;
    const outcome = await runSeasonOnChain({
      publicClient: runnerClient,
      account: operator,
      arena: chain.arena,
      seasonId,
      storage: chain.storage,
      store: publishing,
      mode: "wall-clock",
      now: clock.now,
      sleep: clock.sleep,
      log: (line) => timeline.push({ kind: "log", line, atMs: clock.now() }),
    });
    expect(outcome.rounds.map((round) => round.roundIndex)).toEqual([0, 1, 2]);

    // The runner never moves the chain's clock: it only reads it...
    const methods = runnerMethods(callsFrom);
    expect(methods.filter(isDevNodeControl)).toEqual([]);
    // ...while the proxy did see everything it sent: three commitments and the finalization.
    expect(methods.filter((method) => method === "eth_sendRawTransaction")).toHaveLength(4);

    // Each round is committed in a block at or after its due time, and within its next slot.
    const { committed, finalized } = await chainCommitments(chain, seasonId);
    expect(committed.map(({ args }) => args.roundIndex)).toEqual([0n, 1n, 2n]);
    const commitTimes = await Promise.all(committed.map((event) => blockTime(event.blockNumber)));
    const outsideTheirSlot = commitTimes.flatMap((committedAt, index) => {
      const dueAt = due[index] as bigint;
      return committedAt >= dueAt && committedAt < dueAt + BigInt(ROUND_SECONDS)
        ? []
        : [{ round: index, due: dueAt, committedAt }];
    });
    expect(outsideTheirSlot).toEqual([]);

    // Each round is simulated only after its bar closed: the runner's last look at the chain's time
    // before publishing the round's artifact (the simulation runs between the two) was at or past
    // the due time, and so were the chain and the injected clock when it published.
    const events = timeline.slice(from);
    const simulatedEarly = due.flatMap((dueAt, index) => {
      const published = events.findIndex((event) => event.kind === "publish" && event.roundIndex === index);
      const publication = events[published];
      const lastLook = published < 0 ? undefined : events.slice(0, published).findLast(isLatestBlockRead);
      const round = {
        round: index,
        due: dueAt,
        lastSeenChainTime:
          lastLook?.kind === "rpc" ? BigInt((lastLook.call.result as { timestamp: string }).timestamp) : undefined,
        chainTimeAtPublication: publication?.kind === "publish" ? publication.chainTime : undefined,
        clockAtPublication: publication?.kind === "publish" ? BigInt(Math.floor(publication.atMs / 1_000)) : undefined,
      };
      const reached = (time: bigint | undefined) => time !== undefined && time >= dueAt;
      return reached(round.lastSeenChainTime) &&
        reached(round.chainTimeAtPublication) &&
        reached(round.clockAtPublication)
        ? []
        : [round];
    });
    expect(simulatedEarly).toEqual([]);

    // It waited, on the injected clock, for each round's due time (the finalization, due at endsAt
    // like the last round, had nothing left to wait for), in waits of 1 to 15 s.
    const waits = events.flatMap((event, position) => {
      const wait = event.kind === "log" ? /waiting (\d+)s for chain time (\d+)/.exec(event.line) : null;
      if (wait === null) return [];
      const slept = events.slice(position + 1).find((next) => next.kind === "sleep");
      return [
        {
          seconds: Number(wait[1]),
          target: BigInt(wait[2] as string),
          sleptMs: slept?.kind === "sleep" ? slept.ms : undefined,
        },
      ];
    });
    expect([...new Set(waits.map((wait) => wait.target))]).toEqual(due);
    expect(waits.filter((wait) => wait.seconds < 1 || wait.seconds > 15)).toEqual([]);
    expect(waits.filter((wait) => wait.sleptMs !== wait.seconds * 1_000)).toEqual([]);
    expect(events.filter((event) => event.kind === "sleep" && event.ms <= 0)).toEqual([]);
    expect(clock.now()).toBeGreaterThanOrEqual(Number(endsAt) * 1_000);

    // Finalized once, in a block at or after endsAt.
    expect(finalized).toHaveLength(1);
    expect(await blockTime(finalized[0]?.blockNumber)).toBeGreaterThanOrEqual(endsAt);
    // The schedule kept is roundDueAt's: checked last, so that the chain is first judged against the
    // hand-computed times (an early roundDueAt must show up as early commitments).
    expect([0, 1, 2].map((i) => roundDueAt({ startsAt, endsAt, roundCount: 3 }, i))).toEqual(due);
  }, 180_000);
});
