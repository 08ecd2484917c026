/** Everything the chain says about a season, read with ethers v6 (never viem: see docs/verify.md). */
import { iPodiumArenaAbi } from "@podium/contracts/abi";
import { Contract, type EventLog, getAddress, JsonRpcProvider, type Log } from "ethers";
import { VerifierInputError } from "./verificationMismatchError.ts";

export type ChainRound = {
  roundIndex: number;
  recordsRoot: string;
  standingsRoot: string;
  artifactDigest: string;
  artifactUri: string;
  roundsHead: string;
  blockNumber: number;
};

/** PodiumArena's EntrantStatus: 1 active, 2 withdrawn before the start, 3 refunded (cancel, void, missed deadline). */
export type ChainEntrant = { entrantIndex: number; wallet: string; configHash: string; status: number };

/** Withdrawn entrants left before the start: they never took part in the season. */
export const ENTRANT_WITHDRAWN = 2;

export type ChainFinalization = {
  resultsRoot: string;
  totalPayout: bigint;
  artifactDigest: string;
  artifactUri: string;
};

export type ArenaSeason = {
  chainId: bigint;
  arena: string;
  seasonId: bigint;
  rulesHash: string;
  /** The SeasonCreated event's metadataURI: the season manifest (docs/runner.md); "" when there is none. */
  metadataUri: string;
  roundCount: number;
  roundsCommitted: number;
  roundsHead: string;
  resultsRoot: string;
  totalPayout: bigint;
  /** The contract's own genesis of the rounds hash chain (compared with the one recomputed). */
  genesis: string;
  entrants: ChainEntrant[];
  /** RoundCommitted events in log order. */
  rounds: ChainRound[];
  /** SeasonFinalized events (one for a finalized season). */
  finalizations: ChainFinalization[];
};

export type ReadArenaSeasonParameters = { rpcUrl: string; arena: string; seasonId: bigint; fromBlock?: number };

export async function readArenaSeason(parameters: ReadArenaSeasonParameters): Promise<ArenaSeason> {
  const provider = new JsonRpcProvider(parameters.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
  try {
    let chainId: bigint;
    try {
      chainId = BigInt(await provider.send("eth_chainId", []));
    } catch (cause) {
      throw new VerifierInputError(`Cannot reach the JSON-RPC node at ${parameters.rpcUrl}`, {
        hint: "Pass --rpc with a reachable node URL",
        cause,
      });
    }
    const arena = getAddress(parameters.arena);
    const code = await provider.getCode(arena);
    if (code === "0x") {
      throw new VerifierInputError(`No contract at ${arena} on chain ${chainId}`, {
        hint: "Pass --arena with the PodiumArena address of this chain (contracts/deployments/<chainId>.json)",
      });
    }
    const contract = new Contract(arena, iPodiumArenaAbi as never, provider);
    const { seasonId } = parameters;
    // biome-ignore lint/suspicious/noExplicitAny: ethers' Result is untyped
    const view: any = await contract.getFunction("getSeason")(seasonId);
    if (Number(view.status) === 0) {
      throw new VerifierInputError(`Season ${seasonId} does not exist in the arena at ${arena}`, {
        hint: "Pass --season with an id the arena returned from createSeason (counting from 1)",
      });
    }
    const genesis = String(await contract.getFunction("roundChainGenesis")(seasonId));
    const fromBlock = parameters.fromBlock ?? 0;
    const query = (name: string) =>
      contract.queryFilter(contract.getEvent(name)(seasonId) as never, fromBlock, "latest") as Promise<
        (EventLog | Log)[]
      >;
    const args = (log: EventLog | Log) => ("args" in log ? log.args : contract.interface.parseLog(log)?.args);
    const created = (await query("SeasonCreated"))[0];
    const metadataUri = created === undefined ? "" : String(args(created)?.metadataURI ?? "");
    const rounds = (await query("RoundCommitted")).map((log) => {
      const a = args(log);
      return {
        roundIndex: Number(a?.roundIndex),
        recordsRoot: String(a?.recordsRoot),
        standingsRoot: String(a?.standingsRoot),
        artifactDigest: String(a?.artifactDigest),
        artifactUri: String(a?.artifactUri),
        roundsHead: String(a?.roundsHead),
        blockNumber: log.blockNumber,
      };
    });
    const finalizations = (await query("SeasonFinalized")).map((log) => {
      const a = args(log);
      return {
        resultsRoot: String(a?.resultsRoot),
        totalPayout: BigInt(a?.totalPayout),
        artifactDigest: String(a?.artifactDigest),
        artifactUri: String(a?.artifactUri),
      };
    });
    const entrants: ChainEntrant[] = [];
    for (let index = 0; index < Number(view.entrantCount); index++) {
      // biome-ignore lint/suspicious/noExplicitAny: ethers' Result is untyped
      const entrant: any = await contract.getFunction("getEntrant")(seasonId, index);
      entrants.push({
        entrantIndex: index,
        wallet: getAddress(entrant.wallet),
        configHash: String(entrant.configHash),
        status: Number(entrant.status),
      });
    }
    return {
      chainId,
      arena,
      seasonId,
      rulesHash: String(view.params.rulesHash),
      metadataUri,
      roundCount: Number(view.params.roundCount),
      roundsCommitted: Number(view.roundsCommitted),
      roundsHead: String(view.roundsHead),
      resultsRoot: String(view.resultsRoot),
      totalPayout: BigInt(view.totalPayout),
      genesis,
      entrants,
      rounds,
      finalizations,
    };
  } finally {
    provider.destroy();
  }
}
