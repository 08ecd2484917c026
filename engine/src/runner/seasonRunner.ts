import { podiumArenaAbi } from "@podium/contracts/abi";
import {
  type Address,
  type Chain,
  encodeFunctionData,
  type Hex,
  type LocalAccount,
  type PublicClient,
  stringToBytes,
  type Transport,
} from "viem";
import type { Sleep } from "../agents/callWithRetries.ts";
import type { ArtifactReader, ArtifactStore } from "../artifacts/store/artifactStore.ts";
import { createHttpArtifactReader } from "../artifacts/store/httpArtifactReader.ts";
import { createBuiltInBot } from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { CommitmentDomain } from "../commitments/commitmentDomain.ts";
import {
  type CreateResultsArtifactReturnType,
  createResultsArtifact,
  type ResultArtifactEntry,
} from "../commitments/resultsArtifact.ts";
import { createRoundArtifact } from "../commitments/roundArtifact.ts";
import type { CommittedRound } from "../commitments/roundChain.ts";
import { NULL_METRIC, scaledMetric } from "../commitments/scaledMetric.ts";
import type { MetricValue } from "../metrics/metric.ts";
import type { Season } from "../season/createSeason.ts";
import { resumeSeason } from "../season/resumeSeason.ts";
import type { SeasonEntrant } from "../season/seasonEntrant.ts";
import type { SeasonResults } from "../season/seasonResults.ts";
import { getCheckpoint } from "../storage/checkpointRepository.ts";
import type { PodiumStorage } from "../storage/openDatabase.ts";
import {
  getRound,
  type LeafInput,
  listRounds,
  markRoundArtifactPublished,
  saveSimulatedRound,
} from "../storage/roundRepository.ts";
import type { ConfigCheck } from "../storage/schema.ts";
import type { SeasonKey } from "../storage/seasonKey.ts";
import { getSeason as getStoredSeason, registerSeason, upsertEntrants } from "../storage/seasonRepository.ts";
import {
  type CommittedOnChainContext,
  type FinalizedOnChain,
  roundCommittedOnChain,
  seasonFinalizedOnChain,
} from "./committedOnChain.ts";
import {
  confirmFoundTransaction,
  type OperatorContext,
  sendOperatorCall,
  settlePendingTransactions,
} from "./operatorTransactions.ts";
import { distributablePot, rewardSplit } from "./rewardSplit.ts";
import { roundCommitmentInput } from "./roundCommitmentInput.ts";
import { RunnerError } from "./runnerError.ts";
import { decodeSeasonManifest, type SeasonManifest, seasonInputs } from "./seasonManifest.ts";
import {
  type ChainClockContext,
  checkRunnerMode,
  devChainIds,
  type RunnerMode,
  roundDueAt,
  waitForChainTime,
} from "./seasonSchedule.ts";
import { defaultRpcRetryPolicy, type RpcRetryPolicy, realSleep, withRetries } from "./withRetries.ts";

/** PodiumArena's EntrantStatus.Active. */
const ENTRANT_ACTIVE = 1;
const ZERO_HASH = `0x${"00".repeat(32)}` as const;

export type RunSeasonOnChainParameters = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** The operator (OPERATOR_ROLE): signs every commitment locally. */
  account: LocalAccount;
  arena: Address;
  seasonId: bigint;
  storage: PodiumStorage;
  /** Where round and results artifacts are published (the URIs go on-chain). */
  store: ArtifactStore;
  /** Reads the season manifest named by the season's metadataURI; default an HTTP reader. */
  reader?: ArtifactReader;
  /** fast-forward (default on a dev chain): as fast as possible; wall-clock: rounds on the season's schedule. */
  mode?: RunnerMode;
  /** Default 1 on a dev chain, 3 elsewhere. */
  confirmations?: number;
  retry?: Partial<RpcRetryPolicy>;
  /** Default 60 s. */
  replaceAfterMs?: number;
  /** Default 250 ms on a dev chain, 2 s elsewhere. */
  pollIntervalMs?: number;
  sleep?: Sleep;
  /** Milliseconds since the epoch (stuck-transaction timing and wall-clock waits); injected. */
  now?: () => number;
  /** First block to scan for the season's events (the arena's deployment block). */
  fromBlock?: bigint;
  log?: (line: string) => void;
};

export type RunSeasonOnChainReturnType = {
  chainId: number;
  seasonId: bigint;
  manifest: SeasonManifest;
  rounds: { roundIndex: number; artifactUri: string; artifactDigest: Hex }[];
  results: SeasonResults;
  resultsCommitment: CreateResultsArtifactReturnType;
  resultsUri: string;
  /** Gas of the transactions this run sent (a resumed run counts only its own). */
  gasUsed: bigint;
  /** Entrant index → how its config compared with the frozen on-chain hash. */
  configChecks: Map<number, ConfigCheck>;
};

/**
 * Runs a season the arena holds, from wherever a previous run stopped, to its finalization:
 * reads the season and its entrants from the chain, checks each agent config against its frozen
 * hash, runs the rounds, publishes each round's artifact, commits its roots (persisting the signed
 * transaction before it is broadcast), and finalizes with the season's reward split.
 */
export async function runSeasonOnChain(parameters: RunSeasonOnChainParameters): Promise<RunSeasonOnChainReturnType> {
  const { publicClient, account, arena, seasonId, storage, store } = parameters;
  const log = parameters.log ?? (() => undefined);
  const sleep = parameters.sleep ?? realSleep;
  const now = parameters.now ?? (() => Date.now()); // determinism-ok: the runner's own timing, never hashed
  const retry: RpcRetryPolicy = {
    ...defaultRpcRetryPolicy,
    sleep,
    onRetry: (error, attempt, delay) =>
      log(
        `  RPC error (attempt ${attempt}), retrying in ${delay} ms: ${String((error as Error).message).split("\n")[0]}`,
      ),
    ...parameters.retry,
  };
  const rpc = <T>(work: () => Promise<T>) => withRetries(work, retry);
  let chainId: number;
  try {
    chainId = await rpc(() => publicClient.getChainId());
  } catch (error) {
    throw new RunnerError("Cannot reach the JSON-RPC node.", {
      details: String((error as Error).message).split("\n")[0] ?? "",
      hint: "Start a local node (npm run chain) or set PODIUM_RPC_URL to a reachable node.",
      cause: error,
    });
  }
  const devChain = devChainIds.has(chainId);
  const mode = parameters.mode ?? (devChain ? "fast-forward" : "wall-clock");
  checkRunnerMode(mode, devChain);
  const pollIntervalMs = parameters.pollIntervalMs ?? (devChain ? 250 : 2_000);
  const clock: ChainClockContext = {
    publicClient,
    mode,
    devChain,
    retry,
    sleep,
    nowSeconds: () => Math.floor(now() / 1000),
    log,
  };
  const operator: OperatorContext = {
    publicClient,
    account,
    chainId,
    storage,
    retry,
    confirmations: parameters.confirmations ?? (devChain ? 1 : 3),
    replaceAfterMs: parameters.replaceAfterMs ?? 60_000,
    pollIntervalMs,
    sleep,
    now,
    devChain,
    log,
  };
  const read = <T>(functionName: string, args: readonly unknown[]) =>
    rpc(
      () =>
        publicClient.readContract({ address: arena, abi: podiumArenaAbi, functionName, args } as never) as Promise<T>,
    );

  // ---- the season and its operator, from the chain
  const code = await rpc(() => publicClient.getCode({ address: arena }));
  if (code === undefined || code === "0x")
    throw new RunnerError(`No contract at ${arena} on chain ${chainId}.`, {
      hint: "Deploy PodiumArena (npm run deploy) or pass the arena address of this chain.",
    });
  const operatorRole = await read<Hex>("OPERATOR_ROLE", []);
  if (!(await read<boolean>("hasRole", [operatorRole, account.address])))
    throw new RunnerError(`${account.address} does not hold OPERATOR_ROLE on ${arena}.`, {
      hint: "Use the operator's key (PODIUM_OPERATOR_KEY), or have the admin grant it the role.",
    });
  const onChain = await readSeason(read, seasonId);
  const window = {
    startsAt: onChain.params.startsAt,
    endsAt: onChain.params.endsAt,
    roundCount: Number(onChain.params.roundCount),
  };
  const created = await rpc(() =>
    publicClient.getContractEvents({
      address: arena,
      abi: podiumArenaAbi,
      eventName: "SeasonCreated",
      args: { seasonId },
      fromBlock: parameters.fromBlock ?? 0n,
    }),
  );
  const metadataUri = (created[0]?.args as { metadataURI?: string } | undefined)?.metadataURI;
  if (metadataUri === undefined) throw new RunnerError(`No SeasonCreated event for season ${seasonId}.`);
  const reader = parameters.reader ?? createHttpArtifactReader();
  const manifestBytes = (await store.has(metadataUri).catch(() => false))
    ? await store.get(metadataUri)
    : await withRetries(
        () => reader.get(metadataUri),
        { ...retry, attempts: 4 },
        () => true,
      );
  const manifest = decodeSeasonManifest(new TextDecoder().decode(manifestBytes), metadataUri);
  const inputs = seasonInputs(manifest);
  if (inputs.rulesHash.toLowerCase() !== onChain.params.rulesHash.toLowerCase())
    throw new RunnerError(`Season ${seasonId}'s rules hash does not match its manifest.`, {
      details: `on-chain ${onChain.params.rulesHash}, manifest rules and dataset hash to ${inputs.rulesHash}`,
      hint: "The manifest at the season's metadataURI is not the one the season was created with.",
    });
  if (manifest.rounds !== window.roundCount)
    throw new RunnerError(
      `Season ${seasonId} has ${window.roundCount} rounds on-chain, its manifest ${manifest.rounds}.`,
    );

  // ---- entrants and their frozen configs
  const configChecks = new Map<number, ConfigCheck>();
  const entrants: SeasonEntrant[] = [];
  const wallets = new Map<number, Address>();
  const names = new Set<string>();
  for (let index = 0; index < Number(onChain.entrantCount); index++) {
    const entrant = await read<{ wallet: Address; configHash: Hex; status: number }>("getEntrant", [
      seasonId,
      BigInt(index),
    ]);
    if (entrant.status !== ENTRANT_ACTIVE) continue;
    wallets.set(index, entrant.wallet);
    const agent = inputs.agentsByConfigHash.get(entrant.configHash.toLowerCase());
    configChecks.set(index, agent === undefined ? "missing" : "matched");
    let name = agent?.name ?? `entrant-${index}`;
    while (names.has(name)) name = `${name}#${index}`;
    names.add(name);
    entrants.push({
      index,
      wallet: entrant.wallet,
      name,
      modelFamily: agent?.modelFamily ?? (agent === undefined ? "unknown" : "rule-based"),
      configHash: agent === undefined ? ZERO_HASH : entrant.configHash,
      frozenConfigHash: entrant.configHash,
      agent:
        agent === undefined
          ? holdingAgent(name)
          : createBuiltInBot({ bot: agent.bot, id: name, seed: manifest.seed, parameters: agent.parameters ?? {} }),
    });
  }
  if (entrants.length === 0)
    throw new RunnerError(`Season ${seasonId} has no active entrant.`, {
      hint: "Nothing to run: cancel the season (cancelSeason) so that nobody's fee is locked.",
    });
  for (const [index, check] of configChecks)
    if (check !== "matched")
      log(`  entrant ${index}: config hash not in the season's catalog (${check}): it holds cash and cannot trade`);

  const key: SeasonKey = { chainId, contract: arena, seasonId };
  const domain: CommitmentDomain = { chainId: BigInt(chainId), arena, seasonId };
  await registerSeason(storage, {
    ...key,
    rulesHash: inputs.rulesHash,
    datasetHash: inputs.datasetHash,
    params: { metadataUri, onChain: onChain.params as unknown as Record<string, bigint | string> },
    roundCount: window.roundCount,
  });
  await upsertEntrants(
    storage,
    key,
    entrants.map((entrant) => ({
      entrantIndex: entrant.index,
      wallet: (wallets.get(entrant.index) as Address).toLowerCase() as Hex,
      configHash: (entrant.frozenConfigHash as Hex).toLowerCase() as Hex,
      agentRef: metadataUri,
      configCheck: configChecks.get(entrant.index) ?? "unchecked",
    })),
  );

  // ---- restart reconciliation: settle what a previous run left in flight, then resume the season
  await settlePendingTransactions(operator, key);
  const onChainCommitments: CommittedOnChainContext = {
    publicClient,
    retry,
    arena,
    seasonId,
    fromBlock: parameters.fromBlock ?? 0n,
  };
  const storedRounds = await listRounds(storage, key);
  const artifacts = new Map<number, string>();
  const persistedOutputs: string[] = [];
  for (const round of storedRounds) {
    if (round.status === "pending") break;
    const checkpoint = await getCheckpoint(storage, key, round.roundIndex);
    if (checkpoint === undefined) throw new RunnerError(`Round ${round.roundIndex} is stored without its checkpoint.`);
    const [output, artifact] = splitCheckpoint(new TextDecoder().decode(checkpoint.state));
    persistedOutputs.push(output);
    artifacts.set(round.roundIndex, artifact);
  }
  if (persistedOutputs.length > 0) log(`  resuming after ${persistedOutputs.length} stored round(s)`);
  const season: Season = await resumeSeason({
    rules: inputs.rules,
    dataset: inputs.dataset,
    datasetHash: inputs.datasetHash,
    entrants,
    seed: manifest.seed,
    rewardSplitBps: manifest.rewardSplitBps,
    persistedRounds: persistedOutputs,
  });

  let gasUsed = 0n;
  const roundSummaries: RunSeasonOnChainReturnType["rounds"] = [];
  const artifactPath = (name: string) => `${chainId}/${arena.toLowerCase()}/${seasonId}/${name}`;

  for (let roundIndex = 0; roundIndex < window.roundCount; roundIndex++) {
    let round = await getRound(storage, key, roundIndex);
    if (round === undefined) throw new RunnerError(`Round ${roundIndex} is not registered.`);
    if (round.status === "pending") {
      if (mode === "wall-clock") await waitForChainTime(clock, roundDueAt(window, roundIndex));
      const output = await season.runRound();
      const commitment = await createRoundArtifact(roundCommitmentInput({ domain, roundIndex, output, season }));
      await saveSimulatedRound(storage, {
        season: key,
        roundIndex,
        recordsRoot: commitment.recordsRoot,
        standingsRoot: commitment.standingsRoot,
        records: treeLeaves(commitment.recordsTree, (values) => String(values[6])),
        standings: treeLeaves(commitment.standingsTree, () => "standing"),
        checkpoint: stringToBytes(`${canonicalJson(output)}\n${commitment.json}`),
      });
      artifacts.set(roundIndex, commitment.json);
      round = await getRound(storage, key, roundIndex);
    }
    if (round === undefined) throw new RunnerError(`Round ${roundIndex} disappeared from storage.`);
    if (round.status === "simulated") {
      const json = artifacts.get(roundIndex);
      if (json === undefined) throw new RunnerError(`Round ${roundIndex}'s artifact is not in its checkpoint.`);
      const put = await store.put(
        artifactPath(`round-${String(roundIndex).padStart(4, "0")}.json`),
        stringToBytes(json),
      );
      round = await markRoundArtifactPublished(storage, {
        season: key,
        roundIndex,
        artifactDigest: put.digest,
        artifactUri: put.uri,
      });
      log(`  round ${roundIndex}: artifact ${put.uri}`);
    }
    while (round.status === "artifact-published") {
      await waitForChainTime(clock, roundDueAt(window, roundIndex));
      const committed = (await readSeason(read, seasonId)).roundsCommitted;
      const values: CommittedRound = {
        roundIndex,
        recordsRoot: round.recordsRoot as Hex,
        standingsRoot: round.standingsRoot as Hex,
        artifactDigest: round.artifactDigest as Hex,
      };
      if (committed > BigInt(roundIndex)) {
        // Committed with the stored values by a transaction without a live row (after a reorg: another
        // attempt of the failed commit's nonce, the failed commit itself brought back, another
        // operator): record that transaction and wait for its confirmations like any other commit. If
        // it fails after all (the chain moved again), the round is artifact-published: look again.
        const found = await roundCommittedOnChain(onChainCommitments, values);
        log(`  round ${roundIndex}: already committed on-chain with the same values (${found.txHash})`);
        await confirmFoundTransaction(operator, { kind: "commitRound", roundIndex, season: key }, found);
        round = (await getRound(storage, key, roundIndex)) ?? round;
        continue;
      }
      if (committed < BigInt(roundIndex))
        throw new RunnerError(`The arena has ${committed} rounds committed; round ${roundIndex} cannot be next.`, {
          hint: "Another operator or an older database is involved: compare the chain's RoundCommitted events with this database.",
        });
      const receipt = await sendOperatorCall(operator, {
        kind: "commitRound",
        roundIndex,
        season: key,
        to: arena,
        data: encodeFunctionData({
          abi: podiumArenaAbi,
          functionName: "commitRound",
          args: [
            seasonId,
            BigInt(roundIndex),
            values.recordsRoot,
            values.standingsRoot,
            values.artifactDigest,
            round.artifactUri as string,
          ],
        }),
      });
      if (receipt !== undefined) gasUsed += receipt.gasUsed;
      round = (await getRound(storage, key, roundIndex)) ?? round;
    }
    if (round.status !== "confirmed")
      throw new RunnerError(`Round ${roundIndex} is ${round.status} after its commit was settled.`);
    roundSummaries.push({
      roundIndex,
      artifactUri: round.artifactUri as string,
      artifactDigest: round.artifactDigest as Hex,
    });
    log(`  round ${roundIndex + 1}/${window.roundCount} committed`);
  }

  // ---- results and finalization
  const results = season.results();
  const chainSeason = await readSeason(read, seasonId);
  const received = chainSeason.activeEntrants * chainSeason.params.entryFee;
  const pot = distributablePot({ received, protocolFeeBps: Number(chainSeason.params.protocolFeeBps) });
  const rewards = rewardSplit({ entrants: results.entrants, splitBps: manifest.rewardSplitBps, pot });
  const rankedCount = results.entrants.filter((entry) => entry.rank !== null).length;
  const entries: ResultArtifactEntry[] = results.entrants
    .map((entry) => ({
      entrantIndex: entry.index,
      entrantId: entry.entrantId,
      wallet: wallets.get(entry.index) as Address,
      rank: entry.rank ?? rankedCount + 1,
      score:
        entry.rank === null
          ? NULL_METRIC
          : results.scoringMethod === "totalPnl"
            ? entry.totalPnl
            : scaledMetric(entry.score, `the score of entrant ${entry.index}`),
      reward: rewards.get(entry.entrantId) ?? 0n,
      metrics: entry.metrics as Readonly<Record<string, MetricValue>>,
      conduct: entry.conduct,
    }))
    .sort((a, b) => a.entrantIndex - b.entrantIndex);
  const storedAll = await listRounds(storage, key);
  const resultsCommitment = await createResultsArtifact({
    domain,
    rulesHash: chainSeason.params.rulesHash,
    scoreMethod: results.scoringMethod,
    rounds: storedAll.map((round) => ({
      roundIndex: round.roundIndex,
      recordsRoot: round.recordsRoot as Hex,
      standingsRoot: round.standingsRoot as Hex,
      artifactDigest: round.artifactDigest as Hex,
    })),
    results: entries,
    // Conduct decided after the last round belongs to no round artifact: the results artifact publishes it.
    settlement: results.settlementRecords,
  });
  const put = await store.put(artifactPath("results.json"), stringToBytes(resultsCommitment.json));
  const storedSeason = await getStoredSeason(storage, key);
  const computed = {
    resultsRoot: resultsCommitment.resultsRoot,
    totalPayout: resultsCommitment.totalPayout,
    resultsDigest: put.digest,
    resultsUri: put.uri,
  };
  // Before every (re)send the chain decides: a finalize that failed after a reorg may have been beaten
  // by another transaction (another attempt of its nonce, another operator), and the arena refuses any
  // new one. The same results are recorded and confirmed like our own; other results stop the runner.
  while (storedSeason?.status !== "finalized") {
    if ((await readSeason(read, seasonId)).resultsRoot !== ZERO_HASH) {
      const found = await seasonFinalizedOnChain(onChainCommitments);
      checkSameResults(seasonId, found, computed);
      log(`  already finalized on-chain with the same results (${found.txHash})`);
      const { resultsRoot, totalPayout, resultsDigest, resultsUri } = found;
      const commitment = {
        kind: "finalize",
        season: key,
        resultsRoot,
        totalPayout,
        resultsDigest,
        resultsUri,
      } as const;
      if ((await confirmFoundTransaction(operator, commitment, found)) !== undefined) break;
      continue; // it failed after all (the chain moved again): look again
    }
    await waitForChainTime(clock, window.endsAt);
    const receipt = await sendOperatorCall(operator, {
      kind: "finalize",
      season: key,
      to: arena,
      ...computed,
      data: encodeFunctionData({
        abi: podiumArenaAbi,
        functionName: "finalize",
        args: [seasonId, computed.resultsRoot, computed.totalPayout, computed.resultsDigest, computed.resultsUri],
      }),
    });
    if (receipt !== undefined) {
      gasUsed += receipt.gasUsed;
      break;
    }
  }
  log(`  finalized: results ${put.uri}`);
  return {
    chainId,
    seasonId,
    manifest,
    rounds: roundSummaries,
    results,
    resultsCommitment,
    resultsUri: put.uri,
    gasUsed,
    configChecks,
  };
}

type ArenaSeason = {
  params: {
    entryFee: bigint;
    startsAt: bigint;
    endsAt: bigint;
    roundCount: bigint;
    protocolFeeBps: bigint;
    rulesHash: Hex;
  };
  status: number;
  entrantCount: bigint;
  activeEntrants: bigint;
  roundsCommitted: bigint;
  resultsRoot: Hex;
};

async function readSeason(
  read: <T>(functionName: string, args: readonly unknown[]) => Promise<T>,
  seasonId: bigint,
): Promise<ArenaSeason> {
  const season = await read<ArenaSeason>("getSeason", [seasonId]).catch((error: unknown) => {
    throw new RunnerError(`Cannot read season ${seasonId} from the arena.`, {
      details: String((error as Error).message).split("\n")[0] ?? "",
      hint: "Check the season id (seasonCount() on the arena) and the arena address.",
      cause: error,
    });
  });
  if (season.status === 0) throw new RunnerError(`Season ${seasonId} does not exist on this arena.`);
  return season;
}

/** The chain's finalization must carry the results this runner computed: never a second opinion. */
function checkSameResults(
  seasonId: bigint,
  onChain: FinalizedOnChain,
  computed: { resultsRoot: Hex; totalPayout: bigint; resultsDigest: Hex },
): void {
  const describe = (values: { resultsRoot: Hex; totalPayout: bigint; resultsDigest: Hex }) =>
    `results root ${values.resultsRoot.toLowerCase()}, total payout ${values.totalPayout}, results digest ${values.resultsDigest.toLowerCase()}`;
  if (describe(onChain) !== describe(computed))
    throw new RunnerError(`Season ${seasonId} is finalized on-chain with other results than this runner's.`, {
      details: `on-chain ${describe(onChain)} (transaction ${onChain.txHash}, block ${onChain.blockNumber}); this runner ${describe(computed)}`,
      hint: "Nothing was sent. Another operator finalized the season, or this database is not the one that ran it: compare the on-chain results artifact with this runner's.",
    });
}

function splitCheckpoint(text: string): [string, string] {
  const cut = text.indexOf("\n");
  if (cut < 0) throw new RunnerError("A stored round checkpoint is not a runner checkpoint.");
  return [text.slice(0, cut), text.slice(cut + 1)];
}

function treeLeaves(
  tree: { readonly values: readonly (readonly unknown[])[]; leafHash(valueIndex: number): Hex } | undefined,
  kindOf: (values: readonly unknown[]) => string,
): LeafInput[] {
  if (tree === undefined) return [];
  return tree.values.map((values, valueIndex) => ({
    entrantIndex: Number(values[4]),
    kind: kindOf(values),
    values: values as LeafInput["values"],
    leafHash: tree.leafHash(valueIndex),
  }));
}

/** The agent of an entrant whose registered config is unknown to the operator: it never trades. */
function holdingAgent(id: string): SeasonEntrant["agent"] {
  return {
    id,
    deterministic: true,
    decide: () => ({ outcome: "hold", orders: [], stopLossUpdates: [], reasoning: "" }),
  };
}
