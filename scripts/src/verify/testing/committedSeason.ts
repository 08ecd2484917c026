/**
 * Test support: a real small season, simulated by the engine's season loop with built-in bots and
 * committed to a PodiumArena on an in-process Hardhat JSON-RPC server, with its artifacts served by
 * the engine's artifact HTTP server. This is the OPERATOR's side, so it uses the engine's
 * commitments code; the verifier under test does not. (Replace with the runner of engine/src/runner
 * once it exists.)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { podiumArenaAbi } from "@podium/contracts/abi";
import type { CommittedRound, EntrantStanding, RoundRecord, SeasonEntrant, SeasonResults } from "@podium/engine";
import {
  builtInBotConfigHash,
  type CreateRoundArtifactParameters,
  canonicalJson,
  createBuiltInBot,
  createResultsArtifact,
  createRoundArtifact,
  createSeason,
  generateSyntheticMarket,
  llmTraderUniverse,
  llmtraderSeason,
  type RoundDecision,
  type SeasonHeader,
  scaledMetric,
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
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { deployPodium } from "../../deploy.ts";

// Hardhat's default accounts 1-3 (public test keys, funded at genesis): the entrants' wallets.
const PLAYER_KEYS = [
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
] as const;
export const ENTRY_FEE = parseEther("1");
const RECORD_TYPES = new Set([
  "orderFilled",
  "orderCancelled",
  "stopLossUpdated",
  "stopLossUpdateDenied",
  "riskEvent",
  "forcedLiquidation",
  "statusChanged",
  "mark",
]);

export type SimulatedRound = Omit<CreateRoundArtifactParameters, "domain" | "roundIndex">;
export type SimulatedSeason = { header: SeasonHeader; rounds: SimulatedRound[]; results: SeasonResults };

/** Three bots over 16 hourly bars of synthetic BTC, ETH and SOL (LLMTrader rules). */
export function simulateSeason(): SimulatedSeason {
  const dataset = generateSyntheticMarket({
    seed: "podium-verify",
    assets: llmTraderUniverse.slice(0, 3),
    frequency: "1h",
    start: 1_704_067_200,
    bars: 16,
  });
  const seed = "verify";
  const bots = [
    { bot: "buy-and-hold", parameters: {} },
    { bot: "momentum", parameters: { fast: 2, slow: 4 } },
    { bot: "random", parameters: { tradeProbability: 0.5 } },
  ] as const;
  const entrants: SeasonEntrant[] = bots.map(({ bot, parameters }, index) => ({
    index,
    name: `${bot}-${index}`,
    modelFamily: "rule-based",
    configHash: builtInBotConfigHash(bot, `${bot}-${index}`, parameters),
    agent: createBuiltInBot({ bot, id: `${bot}-${index}`, seed, parameters }),
  }));
  const season = createSeason({ rules: llmtraderSeason, dataset, entrants, seed, rewardSplitBps: [6_000, 4_000] });
  const rounds: SimulatedRound[] = [];
  while (!season.finished) {
    const output = season.step();
    const decisions: RoundDecision[] = [];
    for (const record of output.records) {
      if (record.type !== "decision") continue;
      // The decision as the season recorded it (a private entrant's texts already hashed).
      const { type: _type, round: _round, time: _time, entrantId, ...decision } = record;
      decisions.push({ entrantIndex: Number(entrantId), decision });
    }
    decisions.sort((a, b) => a.entrantIndex - b.entrantIndex);
    const standings: EntrantStanding[] = output.standings.map((standing) => {
      const account = season.account(standing.entrantId);
      if (account === undefined) throw new Error(`no account for ${standing.entrantId}`);
      return {
        ...standing,
        entrantIndex: Number(standing.entrantId),
        equity: account.equity,
        positions: account.positions.flatMap((position) =>
          position === undefined
            ? []
            : [
                {
                  symbol: position.symbol,
                  quantity: position.quantity,
                  averageEntryPrice: position.averageEntryPrice,
                  markPrice: position.markPrice,
                  ...(position.stopLoss === undefined ? {} : { stopLoss: position.stopLoss }),
                },
              ],
        ),
      };
    });
    standings.sort((a, b) => a.entrantIndex - b.entrantIndex);
    rounds.push({
      round: output.round,
      time: output.time,
      prices: dataset.assets.map((asset) => {
        const bar = dataset.bars[asset.symbol]?.[output.round];
        if (bar === undefined) throw new Error(`no ${asset.symbol} bar in round ${output.round}`);
        return { symbol: asset.symbol, bar };
      }),
      entrants: entrants.map((entrant) => ({ entrantIndex: entrant.index, entrantId: String(entrant.index) })),
      decisions,
      records: output.records.filter((record): record is RoundRecord => RECORD_TYPES.has(record.type)),
      standings,
    });
  }
  return { header: season.header, rounds, results: season.results() };
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
  /** Changes a round's content before its artifact, roots and digest are built (a consistently lying operator). */
  round?: (roundIndex: number, round: SimulatedRound) => SimulatedRound;
  /**
   * Changes a round artifact's parsed JSON after its roots were built: the digest committed is the
   * changed text's, the roots are the original ones (an artifact that does not match its roots).
   */
  artifact?: (roundIndex: number, artifact: Record<string, unknown>) => Record<string, unknown>;
  /** Changes the results artifact's entries before it is built. */
  results?: (entries: ResultRow[]) => ResultRow[];
  /** Overrides the totalPayout given to finalize. */
  totalPayout?: (computed: bigint) => bigint;
};

type ResultRow = Parameters<typeof createResultsArtifact>[0]["results"][number];

export type CommittedSeason = { seasonId: bigint; roundPaths: string[]; resultsPath: string };

/** Creates a season on the arena, enters the three wallets, commits every round and finalizes. */
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
      args: [params, ""],
    }),
  );
  await warpTo(chain.rpcUrl, now + 20);
  const wallets: Address[] = [];
  for (const [index, key] of PLAYER_KEYS.entries()) {
    const account = privateKeyToAccount(key);
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
  const publish = (path: string, json: string) => {
    const file = join(chain.artifactsDirectory, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, json);
    return `${chain.artifactsUrl}${path}`;
  };
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

  const pot = ENTRY_FEE * BigInt(wallets.length);
  let rows: ResultRow[] = simulated.results.entrants
    .map((result) => {
      const entrantIndex = Number(result.entrantId);
      return {
        entrantIndex,
        entrantId: result.entrantId,
        wallet: wallets[entrantIndex] as Address,
        rank: result.rank ?? wallets.length,
        score: result.score === null ? 0n : scaledMetric(result.score, "score"),
        reward: (pot * BigInt(result.rewardShareBps ?? 0)) / 10_000n,
        metrics: {},
      };
    })
    .sort((a, b) => a.entrantIndex - b.entrantIndex);
  if (tampering.results !== undefined) rows = tampering.results(rows);
  const results = await createResultsArtifact({
    domain,
    rulesHash: simulated.header.rulesHash as Hex,
    scoreMethod: simulated.header.scoringMethod,
    rounds: committed,
    results: rows,
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
  return { seasonId, roundPaths, resultsPath };
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
