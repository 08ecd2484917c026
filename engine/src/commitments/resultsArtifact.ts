import type { Hex } from "viem";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { keccakHasher } from "../merkle/keccakHasher.ts";
import type { StandardMerkleTree } from "../merkle/standardMerkleTree.ts";
import type { MetricValue } from "../metrics/metric.ts";
import { textDigest } from "./canonicalDigest.ts";
import { type CommitmentDomain, type CommitmentDomainJson, commitmentDomainJson } from "./commitmentDomain.ts";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";
import { buildResultsTree, type ResultEntry, type ResultLeafValues } from "./resultLeaves.ts";
import { type CommittedRound, roundChainHead } from "./roundChain.ts";
import { METRIC_DECIMALS } from "./scaledMetric.ts";

export const RESULTS_ARTIFACT_FORMAT = "podium.results.v1";

/** One entrant's final result with what it was computed from. */
export type ResultArtifactEntry = ResultEntry & {
  readonly entrantId: string;
  /** The final metrics the ranking read (metrics/performanceMetrics.ts), null where undefined. */
  readonly metrics: Readonly<Record<string, MetricValue>>;
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
 * head, and gives each entrant's rank, score, reward and final metrics.
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
    results: results.map(({ entrantIndex, entrantId, wallet, rank, score, reward, metrics }) => ({
      entrantIndex,
      entrantId,
      wallet: wallet.toLowerCase() as Hex,
      rank,
      score,
      reward,
      metrics,
    })),
    resultsRoot: resultsTree.root,
  };
  const json = canonicalJson(artifact);
  return { artifact, json, digest: textDigest(hasher, json), resultsRoot: resultsTree.root, totalPayout, resultsTree };
}
