/**
 * Test support: a real small season, created from a season manifest the way the runner creates
 * one (engine/src/runner: seasonInputs, built-in bots, roundCommitmentInput, rewardSplit), simulated
 * by the engine's season loop and committed to a PodiumArena on an in-process Hardhat JSON-RPC
 * server, with its artifacts and manifest served by the engine's artifact HTTP server. This is the
 * OPERATOR's side, so it uses the engine's commitments code; the verifier under test does not.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { podiumArenaAbi } from "@podium/contracts/abi";
import { deployPodium } from "@podium/contracts/deployPodium";
import type { CommittedRound, ManifestAgent, SeasonEntrant, SeasonManifest, SeasonResults } from "@podium/engine";
import {
  type CreateRoundArtifactParameters,
  canonicalJson,
  createBuiltInBot,
  createResultsArtifact,
  createRoundArtifact,
  createSeason,
  devAccount,
  distributablePot,
  encodeSeasonManifest,
  manifestAgentConfigHash,
  NULL_METRIC,
  rewardSplit,
  roundCommitmentInput,
  SEASON_MANIFEST_FORMAT,
  type SeasonHeader,
  scaledMetric,
  seasonInputs,
  startArtifactHttpServer,
} from "@podium/engine";
import { network } from "hardhat";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  keccak256,
  parseEther,
  stringToHex,
} from "viem";
import { hardhat } from "viem/chains";

export const ENTRY_FEE = parseEther("1");

/**
 * Two ordinary bots and three others, two of them rule-breakers: under LLMTrader's rules on this
 * market the stop-loss widener (entrant 2) is refused by the banned-strategy rule at rounds 1, 8 and
 * 15 (conductDenied) and the wash trader (entrant 3) is disqualified at round 8 (conductOutcome).
 */
export const TEST_AGENTS: readonly ManifestAgent[] = [
  { bot: "buy-and-hold", name: "buy-and-hold" },
  { bot: "momentum", name: "momentum", parameters: { fast: 2, slow: 4 } },
  { bot: "stop-loss-widening", name: "stop-loss-widening" },
  { bot: "wash-trading", name: "wash-trading" },
  { bot: "random", name: "random", parameters: { tradeProbability: 0.5 } },
];

/** 16 hourly rounds of LLMTrader's rules on the seeded synthetic market, split 60/40. */
export function testManifest(): SeasonManifest {
  return {
    format: SEASON_MANIFEST_FORMAT,
    preset: "llmtrader",
    dataset: { kind: "synthetic", seed: "podium-verify" },
    rounds: 16,
    seed: "verify",
    rewardSplitBps: [6_000, 4_000],
    agents: TEST_AGENTS.map((agent) => ({ ...agent })),
  };
}

export type SimulatedRound = Omit<CreateRoundArtifactParameters, "domain" | "roundIndex">;
export type SimulatedSeason = {
  manifest: SeasonManifest;
  header: SeasonHeader;
  rounds: SimulatedRound[];
  results: SeasonResults;
};

// roundCommitmentInput passes the domain through; the real one is known once the season exists.
const NO_DOMAIN = { chainId: 0n, arena: "0x0000000000000000000000000000000000000000" as Address, seasonId: 0n };

/** The manifest's season, entrant i running agent i, simulated to the end as the runner would. */
export function simulateSeason(manifest: SeasonManifest = testManifest()): SimulatedSeason {
  const inputs = seasonInputs(manifest);
  const entrants: SeasonEntrant[] = manifest.agents.map((agent, index) => ({
    index,
    name: agent.name,
    modelFamily: agent.modelFamily ?? "rule-based",
    configHash: manifestAgentConfigHash(agent),
    agent: createBuiltInBot({
      bot: agent.bot,
      id: agent.name,
      seed: manifest.seed,
      parameters: agent.parameters ?? {},
    }),
  }));
  const season = createSeason({
    rules: inputs.rules,
    dataset: inputs.dataset,
    datasetHash: inputs.datasetHash,
    entrants,
    seed: manifest.seed,
    rewardSplitBps: manifest.rewardSplitBps,
  });
  const rounds: SimulatedRound[] = [];
  while (!season.finished) {
    const output = season.step();
    const {
      domain: _domain,
      roundIndex: _roundIndex,
      ...round
    } = roundCommitmentInput({
      domain: NO_DOMAIN,
      roundIndex: rounds.length,
      output,
      season,
    });
    rounds.push(round);
  }
  return { manifest, header: season.header, rounds, results: season.results() };
}

export type TestChain = {
  rpcUrl: string;
  arena: Address;
  chainId: bigint;
  artifactsDirectory: string;
  artifactsUrl: string;
  close(): Promise<void>;
};

export async function startTestChain(): Promise<TestChain> {
  const server = await network.createServer("default", "127.0.0.1", 0);
  const { address, port } = await server.listen();
  const rpcUrl = `http://${address}:${port}`;
  const outDir = mkdtempSync(join(tmpdir(), "podium-verify-deployments-"));
  const { deployment } = await deployPodium({ rpcUrl, outDir });
  const artifactsDirectory = mkdtempSync(join(tmpdir(), "podium-verify-artifacts-"));
  const artifacts = await startArtifactHttpServer({ directory: artifactsDirectory });
  return {
    rpcUrl,
    arena: deployment.arena,
    chainId: BigInt(deployment.chainId),
    artifactsDirectory,
    artifactsUrl: artifacts.url,
    async close() {
      await artifacts.close();
      await server.close();
    },
  };
}

/** How a test changes what the operator commits (the honest run changes nothing). */
export type CommitTampering = {
  /** Publishes another manifest as the season's metadataURI, or none ("" as metadataURI). */
  manifest?: ((manifest: SeasonManifest) => SeasonManifest) | "none";
  /** Changes a round's content before its artifact, roots and digest are built (a consistently lying operator). */
  round?: (roundIndex: number, round: SimulatedRound) => SimulatedRound;
  /**
   * Changes a round artifact's parsed JSON after its roots were built: the digest committed is the
   * changed text's, the roots are the original ones (an artifact that does not match its roots).
   */
  artifact?: (roundIndex: number, artifact: Record<string, unknown>) => Record<string, unknown>;
  /** Changes the results artifact's entries before it is built. */
  results?: (entries: ResultRow[]) => ResultRow[];
  /** Changes the settlement's records before the results artifact is built (its digest is the changed one's). */
  settlement?: (records: SettlementRecords) => SettlementRecords;
  /** Overrides the totalPayout given to finalize. */
  totalPayout?: (computed: bigint) => bigint;
};

type ResultRow = Parameters<typeof createResultsArtifact>[0]["results"][number];
type SettlementRecords = SeasonResults["settlementRecords"];

export type CommittedSeason = { seasonId: bigint; roundPaths: string[]; resultsPath: string; manifestPath: string };

/** Publishes the manifest, creates the season, enters one dev wallet per agent, commits every round and finalizes. */
export async function commitSeason(
  chain: TestChain,
  simulated: SimulatedSeason,
  tampering: CommitTampering = {},
): Promise<CommittedSeason> {
  const transport = http(chain.rpcUrl);
  const publicClient = createPublicClient({ transport });
  const [operator] = await createWalletClient({ transport }).getAddresses();
  if (operator === undefined) throw new Error("the node has no unlocked account");
  const operatorClient = createWalletClient({ account: operator, transport, chain: hardhat });
  const send = async (hash: Promise<Hex>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };
  // Hardhat's clock keeps running between blocks: leave an hour before the entry opens.
  const now = Number((await publicClient.getBlock()).timestamp) + 3_600;
  const roundCount = simulated.rounds.length;
  const params = {
    asset: "0x0000000000000000000000000000000000000000" as Address,
    entryFee: ENTRY_FEE,
    entryOpensAt: BigInt(now + 10),
    entryClosesAt: BigInt(now + 1_000),
    startsAt: BigInt(now + 1_000),
    endsAt: BigInt(now + 1_000 + roundCount * 3_600),
    roundCount: BigInt(roundCount),
    maxEntrants: 10n,
    maxEntriesPerWallet: 1n,
    protocolFeeBps: 0n,
    disputeWindow: 3_600n,
    finalizationDeadline: BigInt(now + 1_000 + roundCount * 3_600 + 2 * 86_400),
    claimDeadline: BigInt(now + 1_000 + roundCount * 3_600 + 2 * 86_400 + 3_600 + 8 * 86_400),
    rulesHash: simulated.header.rulesHash as Hex,
  };
  const publish = (path: string, json: string) => {
    const file = join(chain.artifactsDirectory, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, json);
    return `${chain.artifactsUrl}${path}`;
  };
  const manifest = encodeSeasonManifest(
    typeof tampering.manifest === "function"
      ? tampering.manifest(structuredClone(simulated.manifest))
      : simulated.manifest,
  );
  const metadataUri = tampering.manifest === "none" ? "" : publish(manifest.path, manifest.json);
  const seasonId =
    ((await publicClient.readContract({
      address: chain.arena,
      abi: podiumArenaAbi,
      functionName: "seasonCount",
    })) as bigint) + 1n;
  await send(
    operatorClient.writeContract({
      address: chain.arena,
      abi: podiumArenaAbi,
      functionName: "createSeason",
      args: [params, metadataUri],
    }),
  );
  await warpTo(chain.rpcUrl, now + 20);
  const wallets: Address[] = [];
  for (const index of simulated.header.entrants.keys()) {
    const account = devAccount(index + 1); // dev account 0 operates
    wallets.push(account.address);
    const player = createWalletClient({ account, transport, chain: hardhat });
    const configHash = simulated.header.entrants[index]?.configHash as Hex;
    await send(
      player.writeContract({
        address: chain.arena,
        abi: podiumArenaAbi,
        functionName: "enter",
        args: [seasonId, configHash],
        value: ENTRY_FEE,
      }),
    );
  }
  await warpTo(chain.rpcUrl, now + 1_000);

  const domain = { chainId: chain.chainId, arena: chain.arena, seasonId };
  const folder = `${chain.chainId}/${chain.arena.toLowerCase()}/${seasonId}`;
  const committed: CommittedRound[] = [];
  const roundPaths: string[] = [];
  for (const [roundIndex, simulatedRound] of simulated.rounds.entries()) {
    const round =
      tampering.round === undefined ? simulatedRound : tampering.round(roundIndex, structuredClone(simulatedRound));
    const built = await createRoundArtifact({ domain, roundIndex, ...round });
    const path = `${folder}/round-${String(roundIndex).padStart(4, "0")}.json`;
    roundPaths.push(path);
    const json =
      tampering.artifact === undefined
        ? built.json
        : canonicalJson(tampering.artifact(roundIndex, JSON.parse(built.json)));
    const digest = keccak256(stringToHex(json));
    const uri = publish(path, json);
    await send(
      operatorClient.writeContract({
        address: chain.arena,
        abi: podiumArenaAbi,
        functionName: "commitRound",
        args: [seasonId, BigInt(roundIndex), built.recordsRoot, built.standingsRoot, digest, uri],
      }),
    );
    committed.push({
      roundIndex,
      recordsRoot: built.recordsRoot,
      standingsRoot: built.standingsRoot,
      artifactDigest: digest,
    });
  }
  await warpTo(chain.rpcUrl, Number(params.endsAt));

  // Rewards and scores as the runner finalizes them (engine/src/runner/seasonRunner.ts).
  const { entrants: entries, scoringMethod } = simulated.results;
  const pot = distributablePot({ received: ENTRY_FEE * BigInt(wallets.length), protocolFeeBps: 0 });
  const rewards = rewardSplit({ entrants: entries, splitBps: simulated.manifest.rewardSplitBps, pot });
  const rankedCount = entries.filter((entry) => entry.rank !== null).length;
  let rows: ResultRow[] = entries
    .map((entry) => ({
      entrantIndex: entry.index,
      entrantId: entry.entrantId,
      wallet: wallets[entry.index] as Address,
      rank: entry.rank ?? rankedCount + 1,
      score:
        entry.rank === null
          ? NULL_METRIC
          : scoringMethod === "totalPnl"
            ? entry.totalPnl
            : scaledMetric(entry.score, "score"),
      reward: rewards.get(entry.entrantId) ?? 0n,
      metrics: entry.metrics as ResultRow["metrics"],
      conduct: entry.conduct,
    }))
    .sort((a, b) => a.entrantIndex - b.entrantIndex);
  if (tampering.results !== undefined) rows = tampering.results(rows);
  const settlement =
    tampering.settlement === undefined
      ? simulated.results.settlementRecords
      : tampering.settlement(structuredClone(simulated.results.settlementRecords));
  const results = await createResultsArtifact({
    domain,
    rulesHash: simulated.header.rulesHash as Hex,
    scoreMethod: simulated.header.scoringMethod,
    rounds: committed,
    results: rows,
    settlement,
  });
  const resultsPath = `${folder}/results.json`;
  const uri = publish(resultsPath, results.json);
  const totalPayout =
    tampering.totalPayout === undefined ? results.totalPayout : tampering.totalPayout(results.totalPayout);
  await send(
    operatorClient.writeContract({
      address: chain.arena,
      abi: podiumArenaAbi,
      functionName: "finalize",
      args: [seasonId, results.resultsRoot, totalPayout, results.digest, uri],
    }),
  );
  return { seasonId, roundPaths, resultsPath, manifestPath: manifest.path };
}

async function warpTo(rpcUrl: string, timestamp: number): Promise<void> {
  const call = async (method: string, params: unknown[]) => {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as { error?: { message: string } };
    if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  };
  await call("evm_setNextBlockTimestamp", [`0x${timestamp.toString(16)}`]);
  await call("evm_mine", []);
}
