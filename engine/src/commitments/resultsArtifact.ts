import type { Hex } from "viem";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { ConductOutcome } from "../conduct/conductOutcome.ts";
import { keccakHasher } from "../merkle/keccakHasher.ts";
import type { StandardMerkleTree } from "../merkle/standardMerkleTree.ts";
import type { MetricValue } from "../metrics/metric.ts";
import type { SeasonRecord } from "../season/seasonRecord.ts";
import { textDigest } from "./canonicalDigest.ts";
import { type CommitmentDomain, type CommitmentDomainJson, commitmentDomainJson } from "./commitmentDomain.ts";
import { type CommittedRecord, isCommittedRecord } from "./committedRecord.ts";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";
import { buildResultsTree, type ResultEntry, type ResultLeafValues } from "./resultLeaves.ts";
import { type CommittedRound, roundChainHead } from "./roundChain.ts";
import { METRIC_DECIMALS } from "./scaledMetric.ts";

// v2: v1 plus the settlement records and each entrant's conduct (docs/commitments.md, "Versioning").
export const RESULTS_ARTIFACT_FORMAT = "podium.results.v2";

/** One entrant's final result with what it was computed from. */
export type ResultArtifactEntry = ResultEntry & {
  readonly entrantId: string;
  /** The final metrics the ranking read (metrics/performanceMetrics.ts), null where undefined. */
  readonly metrics: Readonly<Record<string, MetricValue>>;
  /**
   * Every conduct outcome the settlement counted for the entrant (SeasonResultEntry.conduct): flags,
   * disqualifications during the season or at settlement, a forfeit, each with its evidence.
   */
  readonly conduct: readonly ConductOutcome[];
};

export type CreateResultsArtifactParameters = {
  domain: CommitmentDomain;
  /** The season's rulesHash as the arena stores it (it seeds the rounds hash chain). */
  rulesHash: Hex;
  /** The ranking's name, e.g. "llmtrader", "totalPnl", "tournament:sharpe": what `score` measures. */
  scoreMethod: string;
  /** Every committed round, in order from round index 0. */
  rounds: readonly CommittedRound[];
  /** Every entrant's result, by increasing entrant index. */
  results: readonly ResultArtifactEntry[];
  /**
   * What the settlement after the last round recorded (SeasonResults.settlementRecords), in the
   * order it produced them: disqualifications by the activity and trade-count requirements with
   * their evidence, and the liquidations and status changes that follow. They belong to no round.
   */
  settlement: readonly SeasonRecord[];
};

/** The results artifact as written (canonical JSON). */
export type ResultsArtifact = {
  format: typeof RESULTS_ARTIFACT_FORMAT;
  domain: CommitmentDomainJson;
  rulesHash: Hex;
  scoreMethod: string;
  /** Decimals of `score` (and of every scaled metric): 8. */
  scoreDecimals: number;
  rounds: CommittedRound[];
  /** The rounds hash chain's head after the last round: equals the arena's `roundsHead`. */
  roundsHead: Hex;
  /** Σ reward: the `totalPayout` of `finalize`. */
  totalPayout: bigint;
  results: ResultArtifactEntry[];
  resultsRoot: Hex;
  /** The settlement's records, as in the parameters. */
  settlement: CommittedRecord[];
};

export type CreateResultsArtifactReturnType = {
  artifact: ResultsArtifact;
  /** The artifact's exact bytes as UTF-8 text. */
  json: string;
  /** keccak256 of `json`'s UTF-8 bytes: the `artifactDigest` of `finalize`. */
  digest: Hex;
  resultsRoot: Hex;
  totalPayout: bigint;
  /** Value index i is `results[i]`: `getProof(i)` is that entrant's claim proof. */
  resultsTree: StandardMerkleTree<ResultLeafValues>;
};

export type CreateResultsArtifactErrorType = InvalidCommitmentInputError;

/**
 * Builds the season's final commitment: the results tree (PodiumArena's claim leaves) and the
 * results artifact, which links every round by its digest and roots, states the rounds hash chain's
 * head, gives each entrant's rank, score, reward, final metrics and conduct, and the settlement's
 * records. The settlement has no leaves: the artifact's digest commits it, and no claim proves it.
 * `finalize(seasonId, resultsRoot, totalPayout, digest, uri)` commits it.
 */
export async function createResultsArtifact(
  parameters: CreateResultsArtifactParameters,
): Promise<CreateResultsArtifactReturnType> {
  const { domain, rulesHash, scoreMethod, rounds, results } = parameters;
  const hasher = await keccakHasher();
  rounds.forEach((round, position) => {
    if (round.roundIndex !== position) {
      throw new InvalidCommitmentInputError(
        `round ${position} of the list has round index ${round.roundIndex}`,
        "List every committed round once, in order from round index 0.",
      );
    }
  });
  if (scoreMethod.length === 0) {
    throw new InvalidCommitmentInputError("the score method is empty", "Name the ranking the scores come from.");
  }
  const resultsTree = buildResultsTree(hasher, { domain, results });
  const settlement = settlementRecords(parameters);
  const totalPayout = results.reduce((sum, result) => sum + result.reward, 0n);
  const artifact: ResultsArtifact = {
    format: RESULTS_ARTIFACT_FORMAT,
    domain: commitmentDomainJson(domain),
    rulesHash: rulesHash.toLowerCase() as Hex,
    scoreMethod,
    scoreDecimals: METRIC_DECIMALS,
    rounds: rounds.map(({ roundIndex, recordsRoot, standingsRoot, artifactDigest }) => ({
      roundIndex,
      recordsRoot: recordsRoot.toLowerCase() as Hex,
      standingsRoot: standingsRoot.toLowerCase() as Hex,
      artifactDigest: artifactDigest.toLowerCase() as Hex,
    })),
    roundsHead: roundChainHead(domain, rulesHash, rounds),
    totalPayout,
    results: results.map(({ entrantIndex, entrantId, wallet, rank, score, reward, metrics, conduct }) => ({
      entrantIndex,
      entrantId,
      wallet: wallet.toLowerCase() as Hex,
      rank,
      score,
      reward,
      metrics,
      conduct: [...conduct],
    })),
    resultsRoot: resultsTree.root,
    settlement,
  };
  const json = canonicalJson(artifact);
  return { artifact, json, digest: textDigest(hasher, json), resultsRoot: resultsTree.root, totalPayout, resultsTree };
}

/** The settlement's records after checking that each is a committed record of an entrant with a result. */
function settlementRecords({ results, settlement }: CreateResultsArtifactParameters): CommittedRecord[] {
  const entrantIds = new Set(results.map((result) => result.entrantId));
  for (const result of results) {
    const other = result.conduct.find((outcome) => outcome.entrant !== result.entrantId);
    if (other !== undefined)
      throw new InvalidCommitmentInputError(
        `the conduct of entrant ${JSON.stringify(result.entrantId)} holds an outcome of entrant ${JSON.stringify(other.entrant)}`,
        "Give each result the conduct outcomes of its own entrant (SeasonResultEntry.conduct).",
      );
  }
  return settlement.map((record, position) => {
    if (!isCommittedRecord(record))
      throw new InvalidCommitmentInputError(
        `settlement record ${position} is a ${record.type} record`,
        "Pass the settlement's records as SeasonResults.settlementRecords lists them: conduct outcomes, liquidations, status changes.",
      );
    if (!entrantIds.has(record.entrantId))
      throw new InvalidCommitmentInputError(
        `settlement record ${position} names entrant ${JSON.stringify(record.entrantId)}, which has no result`,
        "Settlement records belong to the season's entrants.",
      );
    return record;
  });
}
