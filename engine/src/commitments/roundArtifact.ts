import type { Hex } from "viem";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import type { Bar } from "../market/bar.ts";
import { keccakHasher } from "../merkle/keccakHasher.ts";
import type { StandardMerkleTree } from "../merkle/standardMerkleTree.ts";
import { textDigest } from "./canonicalDigest.ts";
import { checkEntrantOrder, checkIndex } from "./checkIndex.ts";
import { type CommitmentDomain, type CommitmentDomainJson, commitmentDomainJson } from "./commitmentDomain.ts";
import type { CommittedRecord } from "./committedRecord.ts";
import { InvalidCommitmentInputError } from "./invalidCommitmentInputError.ts";
import { buildRoundRecordsTree, type RoundRecordLeafValues } from "./roundRecordLeaves.ts";
import { buildStandingsTree, type EntrantStanding, type StandingsLeafValues } from "./standingsLeaves.ts";

export const ROUND_ARTIFACT_FORMAT = "podium.round.v1";

/** The bar of one asset the round used (its open or close filled orders, its close marked them). */
export type RoundPrice = { readonly symbol: string; readonly bar: Bar };

/** An entrant of the season: the arena's index and the engine's id (records name entrants by id). */
export type RoundEntrant = { readonly entrantIndex: number; readonly entrantId: string };

/**
 * What an agent decided, as replay needs it. The agents' AgentDecision fits; only these fields are
 * written (its wall-clock usage and model exchanges stay in the decision log).
 */
export type RoundDecisionInput = PublicRoundDecisionInput | PrivateRoundDecisionInput;

type RoundDecisionHead = {
  readonly outcome: "trade" | "hold" | "no-trade";
  readonly orders: readonly Order[];
  readonly stopLossUpdates: readonly StopLossUpdate[];
};

/** A public entrant's decision: its texts in full. */
export type PublicRoundDecisionInput = RoundDecisionHead & {
  readonly reasoning: string;
  readonly noTradeReason?: { readonly code: string; readonly detail: string } | undefined;
};

/**
 * A private entrant's decision (season/seasonRecord.ts PrivateSeasonDecisionRecord): keccak256 hashes
 * of the canonical JSON of its texts, and what the Agent Quality Index counted in the reasoning.
 */
export type PrivateRoundDecisionInput = RoundDecisionHead & {
  readonly visibility: "private";
  readonly reasoningHash: Hex;
  readonly quality: { readonly reasoningSteps: number; readonly indicators: readonly string[] };
  readonly noTradeReason?: { readonly code: string; readonly detailHash: Hex } | undefined;
};

export type RoundDecision = { readonly entrantIndex: number; readonly decision: RoundDecisionInput };

export type CreateRoundArtifactParameters = {
  domain: CommitmentDomain;
  /** The arena's round index: 0 for the first round committed. */
  roundIndex: number;
  /** The round's index in the dataset's timeline (the records' `round`). */
  round: number;
  /** Unix seconds of the round's bar open. */
  time: number;
  /** Every asset of the season in the dataset's asset order. */
  prices: readonly RoundPrice[];
  /** Every entrant of the season, by increasing entrant index. */
  entrants: readonly RoundEntrant[];
  /** The decisions taken this round, by increasing entrant index (entrants not asked are absent). */
  decisions: readonly RoundDecision[];
  /**
   * The round's committed records (conduct records included, decisions excluded) in the order the
   * season produced them: leaf `recordIndex` is the position here.
   */
  records: readonly CommittedRecord[];
  /** Every entrant's standing after the round, by increasing entrant index. */
  standings: readonly EntrantStanding[];
};

/** The round artifact as written (canonical JSON: bigints become decimal strings, keys sorted). */
export type RoundArtifact = {
  format: typeof ROUND_ARTIFACT_FORMAT;
  domain: CommitmentDomainJson;
  roundIndex: number;
  round: number;
  time: number;
  prices: (Bar & { symbol: string })[];
  entrants: RoundEntrant[];
  decisions: (RoundDecisionInput & { entrantIndex: number })[];
  records: readonly CommittedRecord[];
  standings: readonly EntrantStanding[];
  recordsRoot: Hex;
  standingsRoot: Hex;
};

export type CreateRoundArtifactReturnType = {
  artifact: RoundArtifact;
  /** The artifact's exact bytes, as UTF-8 text: publish this, byte for byte. */
  json: string;
  /** keccak256 of `json`'s UTF-8 bytes: the `artifactDigest` of `commitRound`. */
  digest: Hex;
  recordsRoot: Hex;
  standingsRoot: Hex;
  /** Undefined for a round without records (its root is bytes32 zero). */
  recordsTree: StandardMerkleTree<RoundRecordLeafValues> | undefined;
  standingsTree: StandardMerkleTree<StandingsLeafValues>;
};

export type CreateRoundArtifactErrorType = InvalidCommitmentInputError;

/**
 * Builds a round's commitment: the records and standings trees, and the artifact holding
 * everything needed to replay and re-check the round (prices used, decisions, records, standings,
 * both roots), with its digest. `commitRound(seasonId, roundIndex, recordsRoot, standingsRoot,
 * digest, uri)` commits it.
 */
export async function createRoundArtifact(
  parameters: CreateRoundArtifactParameters,
): Promise<CreateRoundArtifactReturnType> {
  const { domain, roundIndex, round, time, prices, entrants, decisions, records, standings } = parameters;
  const hasher = await keccakHasher();
  checkIndex(roundIndex, "round index");
  checkIndex(round, "dataset round");
  checkIndex(time, "round time");
  checkPrices(prices);
  checkEntrantOrder(
    entrants.map((entrant) => entrant.entrantIndex),
    "entrants",
  );
  const entrantIndexOf = new Map(entrants.map((entrant) => [entrant.entrantId, entrant.entrantIndex]));
  if (entrantIndexOf.size !== entrants.length) {
    throw new InvalidCommitmentInputError("two entrants share an entrant id", "Give every entrant its own id.");
  }
  const known = new Set(entrantIndexOf.values());
  checkEntrantOrder(
    decisions.map((decision) => decision.entrantIndex),
    "decisions",
  );
  for (const { entrantIndex } of decisions) {
    if (!known.has(entrantIndex)) {
      throw new InvalidCommitmentInputError(
        `a decision names entrant index ${entrantIndex}, which is not among the entrants`,
        "Decisions belong to the season's entrants.",
      );
    }
  }
  const standingIndices = standings.map((standing) => standing.entrantIndex);
  if (standingIndices.join() !== entrants.map((entrant) => entrant.entrantIndex).join()) {
    throw new InvalidCommitmentInputError(
      "the standings do not list exactly the entrants, in entrant index order",
      "Give one standing per entrant, terminated ones included, sorted by entrant index.",
      `entrants [${entrants.map((entrant) => entrant.entrantIndex).join(", ")}], standings [${standingIndices.join(", ")}]`,
    );
  }
  standings.forEach((standing, position) => {
    const entrantId = entrants[position]?.entrantId;
    if (standing.entrantId !== entrantId) {
      throw new InvalidCommitmentInputError(
        `the standing of entrant index ${standing.entrantIndex} names entrant ${JSON.stringify(standing.entrantId)}, not ${JSON.stringify(entrantId)}`,
        "Each standing carries the id of the entrant with its entrant index.",
      );
    }
  });

  const recordsCommitment = buildRoundRecordsTree(hasher, { domain, roundIndex, records, entrantIndexOf });
  const standingsTree = buildStandingsTree(hasher, { domain, roundIndex, standings });
  const artifact: RoundArtifact = {
    format: ROUND_ARTIFACT_FORMAT,
    domain: commitmentDomainJson(domain),
    roundIndex,
    round,
    time,
    prices: prices.map(({ symbol, bar }) => ({ symbol, ...bar })),
    entrants: entrants.map(({ entrantIndex, entrantId }) => ({ entrantIndex, entrantId })),
    decisions: decisions.map(({ entrantIndex, decision }) => {
      const head = {
        entrantIndex,
        outcome: decision.outcome,
        orders: decision.orders,
        stopLossUpdates: decision.stopLossUpdates,
      };
      // Only the known fields are written: a private entrant's texts never reach the artifact.
      if ("reasoningHash" in decision)
        return {
          ...head,
          visibility: "private",
          reasoningHash: decision.reasoningHash,
          quality: { reasoningSteps: decision.quality.reasoningSteps, indicators: [...decision.quality.indicators] },
          ...(decision.noTradeReason === undefined
            ? {}
            : { noTradeReason: { code: decision.noTradeReason.code, detailHash: decision.noTradeReason.detailHash } }),
        };
      return {
        ...head,
        reasoning: decision.reasoning,
        ...(decision.noTradeReason === undefined
          ? {}
          : { noTradeReason: { code: decision.noTradeReason.code, detail: decision.noTradeReason.detail } }),
      };
    }),
    records,
    standings,
    recordsRoot: recordsCommitment.root,
    standingsRoot: standingsTree.root,
  };
  const json = canonicalJson(artifact);
  return {
    artifact,
    json,
    digest: textDigest(hasher, json),
    recordsRoot: recordsCommitment.root,
    standingsRoot: standingsTree.root,
    recordsTree: recordsCommitment.tree,
    standingsTree,
  };
}

function checkPrices(prices: readonly RoundPrice[]): void {
  const seen = new Set<string>();
  for (const { symbol } of prices) {
    if (seen.has(symbol)) {
      throw new InvalidCommitmentInputError(
        `asset ${symbol} has two prices`,
        "Give one bar per asset of the season, in the dataset's asset order.",
      );
    }
    seen.add(symbol);
  }
}
