import { podiumArenaAbi } from "@podium/contracts/abi";
import {
  type Address,
  type Chain,
  createWalletClient,
  type Hex,
  type LocalAccount,
  type PublicClient,
  parseEventLogs,
  stringToBytes,
  type Transport,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { ArtifactStore } from "../artifacts/store/artifactStore.ts";
import type { BuiltInBotName } from "../bots/builtInBots.ts";
import type { SimulatePreset } from "../cli/simulateArguments.ts";
import { RunnerError } from "./runnerError.ts";
import {
  encodeSeasonManifest,
  type ManifestAgent,
  manifestAgentConfigHash,
  SEASON_MANIFEST_FORMAT,
  type SeasonManifest,
  seasonInputs,
} from "./seasonManifest.ts";
import { type ChainClockContext, chainTime, waitForChainTime } from "./seasonSchedule.ts";
import { type RpcRetryPolicy, withRetries } from "./withRetries.ts";

/** Hardhat's and Anvil's well-known development mnemonic: account 0 deploys and operates, the next ones play. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export function devAccount(addressIndex: number): LocalAccount {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex });
}

/** The demo entrants' bots: four ordinary strategies and four rule-breakers, in entry order. */
export const demoAgents: readonly ManifestAgent[] = (
  [
    "momentum",
    "mean-reversion",
    "martingale",
    "buy-and-hold",
    "stop-loss-widening",
    "random",
    "wash-trading",
    "doubling-down",
  ] satisfies BuiltInBotName[]
).map((bot) => ({ bot, name: bot, modelFamily: "rule-based" }));

export type CreateDemoSeasonParameters = {
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** The transport the players' and operator's wallet clients send through (the public client's). */
  transport: Transport;
  operator: LocalAccount;
  arena: Address;
  store: ArtifactStore;
  clock: ChainClockContext;
  retry: RpcRetryPolicy;
  preset: SimulatePreset;
  rounds: number;
  seed: string;
  /** Demo entrants from dev accounts 1..n (a local dev chain only); 0 creates the season without entrants. */
  entrants: number;
  /** Wei. */
  entryFee: bigint;
  protocolFeeBps: number;
  rewardSplitBps: number[];
  /** Seconds per round on the chain's clock (a dev chain is fast-forwarded through them). */
  roundSeconds: number;
  /** Seconds until entries open (live chains: time for players to see the season). */
  entryDelaySeconds?: number;
  entrySeconds?: number;
};

export type CreateDemoSeasonReturnType = {
  seasonId: bigint;
  manifest: SeasonManifest;
  manifestUri: string;
  entrants: { entrantIndex: number; wallet: Address; bot: string }[];
  gasUsed: bigint;
};

/**
 * Creates a season from a preset on a seeded synthetic market: publishes its manifest (content
 * addressed), calls createSeason with the manifest as metadataURI, and has demo wallets enter with
 * the built-in bots (paying the ETH fee). The season then belongs to the runner.
 */
export async function createDemoSeason(parameters: CreateDemoSeasonParameters): Promise<CreateDemoSeasonReturnType> {
  const { publicClient, transport, operator, arena, store, clock, retry } = parameters;
  const rpc = <T>(work: () => Promise<T>) => withRetries(work, retry);
  const agents = demoAgents.slice(0, Math.max(1, Math.min(parameters.entrants, demoAgents.length)));
  const manifest: SeasonManifest = {
    format: SEASON_MANIFEST_FORMAT,
    preset: parameters.preset,
    dataset: { kind: "synthetic", seed: parameters.seed },
    rounds: parameters.rounds,
    seed: parameters.seed,
    rewardSplitBps: parameters.rewardSplitBps,
    agents: [...agents],
  };
  const inputs = seasonInputs(manifest);
  const encoded = encodeSeasonManifest(manifest);
  const published = await store.put(encoded.path, stringToBytes(encoded.json));

  const chainId = await rpc(() => publicClient.getChainId());
  const chain = {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [] } },
  } as const satisfies Chain;
  const now = await chainTime(clock);
  const entryOpensAt = now + BigInt(parameters.entryDelaySeconds ?? 60);
  const entryClosesAt = entryOpensAt + BigInt(parameters.entrySeconds ?? 3_600);
  const startsAt = entryClosesAt;
  const endsAt = startsAt + BigInt(parameters.rounds * parameters.roundSeconds);
  const disputeWindow = 3_600n;
  const finalizationDeadline = endsAt + 86_400n;
  const params = {
    asset: "0x0000000000000000000000000000000000000000" as Address,
    entryFee: parameters.entryFee,
    entryOpensAt,
    entryClosesAt,
    startsAt,
    endsAt,
    roundCount: BigInt(parameters.rounds),
    maxEntrants: 1_000n,
    maxEntriesPerWallet: 3n,
    protocolFeeBps: BigInt(parameters.protocolFeeBps),
    disputeWindow,
    finalizationDeadline,
    claimDeadline: finalizationDeadline + disputeWindow + 7n * 86_400n,
    rulesHash: inputs.rulesHash,
  };
  let gasUsed = 0n;
  const send = async (
    account: LocalAccount,
    functionName: "createSeason" | "enter",
    args: readonly unknown[],
    value?: bigint,
  ) => {
    const wallet = createWalletClient({ account, chain, transport });
    const hash = await wallet.writeContract({
      address: arena,
      abi: podiumArenaAbi,
      functionName,
      args,
      ...(value === undefined ? {} : { value }),
    } as never);
    const receipt = await rpc(() => publicClient.waitForTransactionReceipt({ hash }));
    if (receipt.status !== "success") throw new RunnerError(`${functionName} reverted (${hash}).`);
    gasUsed += receipt.gasUsed;
    return receipt;
  };
  const createdReceipt = await send(operator, "createSeason", [params, published.uri]);
  const created = parseEventLogs({ abi: podiumArenaAbi, eventName: "SeasonCreated", logs: createdReceipt.logs })[0];
  if (created === undefined) throw new RunnerError("createSeason emitted no SeasonCreated event.");
  const seasonId = (created.args as { seasonId: bigint }).seasonId;

  const entrants: CreateDemoSeasonReturnType["entrants"] = [];
  if (parameters.entrants > 0) {
    if (!clock.devChain)
      throw new RunnerError("Demo entrants need a local dev chain (they use its well-known accounts).", {
        hint: "On other chains create the season without --entrants and let players enter.",
      });
    await waitForChainTime(clock, entryOpensAt);
    for (let i = 0; i < parameters.entrants; i++) {
      const agent = agents[i % agents.length] as ManifestAgent;
      const player = devAccount(i + 1);
      const receipt = await send(
        player,
        "enter",
        [seasonId, manifestAgentConfigHash(agent) as Hex],
        parameters.entryFee,
      );
      const entered = parseEventLogs({ abi: podiumArenaAbi, eventName: "EntrantEntered", logs: receipt.logs })[0];
      if (entered === undefined) throw new RunnerError(`enter by ${player.address} emitted no EntrantEntered event.`);
      entrants.push({
        entrantIndex: Number((entered.args as { entrantIndex: bigint }).entrantIndex),
        wallet: player.address,
        bot: agent.bot,
      });
    }
  }
  return { seasonId, manifest, manifestUri: published.uri, entrants, gasUsed };
}
