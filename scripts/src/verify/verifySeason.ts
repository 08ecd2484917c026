/**
 * The independent verifier: checks a season's on-chain commitments against its published artifacts
 * without trusting the operator. Reads the chain with ethers, rebuilds every root with
 * @openzeppelin/merkle-tree from docs/commitments.md, and stops at the FIRST mismatch
 * (VerificationMismatchError naming the check, round, entrant, field, expected and found).
 * Order of the checks: docs/verify.md.
 */
import { keccak256 } from "ethers";
import { type ArtifactSource, fetchArtifact } from "./fetchArtifact.ts";
import { type ArenaSeason, type ReadArenaSeasonParameters, readArenaSeason } from "./readArenaSeason.ts";
import { roundChainGenesis, roundChainLink } from "./roundChain.ts";
import {
  type LeafDomain,
  merkleRoot,
  RECORD_LEAF_TYPES,
  RESULT_LEAF_TYPES,
  recordLeaf,
  resultLeaf,
  STANDING_LEAF_TYPES,
  standingLeaf,
} from "./specLeaves.ts";
import { type Mismatch, VerificationMismatchError } from "./verificationMismatchError.ts";

type Json = Record<string, unknown>;

/** A committed round with its artifact, once its digest and roots checked out. */
export type VerifiedRound = { roundIndex: number; artifact: Json };

/** What the replay step gets: the chain's view and every artifact, already checked against it. */
export type VerifiedSeasonData = { chain: ArenaSeason; rounds: VerifiedRound[]; results: Json | undefined };

/** What a replay covered. */
export type SeasonReplayReturnType = {
  roundsReplayed: number;
  /** The replayed results were compared with the results artifact (the season is finalized). */
  resultsReplayed: boolean;
  /** ... rewards included (the season's reward split is known). */
  rewardsReplayed: boolean;
  /** Where the rules came from, e.g. "the season manifest". */
  source: string;
};

/** Replays the season and throws VerificationMismatchError at the first difference with the artifacts. */
export type SeasonReplay = (season: VerifiedSeasonData) => Promise<SeasonReplayReturnType>;

export type VerifySeasonParameters = ReadArenaSeasonParameters & {
  /** A folder or base URL holding the artifacts under their URI paths; default: the committed URIs. */
  artifacts?: string | undefined;
  /** The replay step; without it the season's commitments are checked but not replayed. */
  replay?: SeasonReplay | undefined;
};

export type VerifySeasonReturnType = {
  chainId: bigint;
  arena: string;
  seasonId: bigint;
  roundCount: number;
  roundsChecked: number;
  finalized: boolean;
  /** Record, standing and result leaves rebuilt. */
  leavesRebuilt: number;
  artifactBytes: number;
  /** Undefined when the season was not replayed. */
  replay: SeasonReplayReturnType | undefined;
  elapsedMs: number;
};

export type VerifySeasonErrorType = VerificationMismatchError;

const ROUND_FORMAT = "podium.round.v1";
const RESULTS_FORMAT = "podium.results.v2";

export async function verifySeason(parameters: VerifySeasonParameters): Promise<VerifySeasonReturnType> {
  const started = performance.now(); // determinism-ok: the summary reports how long verifying took
  const chain = await readArenaSeason(parameters);
  const source: ArtifactSource = { override: parameters.artifacts };
  const domain: LeafDomain = { chainId: chain.chainId, arena: chain.arena, seasonId: chain.seasonId };
  let leavesRebuilt = 0;
  let artifactBytes = 0;

  // 1. The rounds hash chain, from the events alone.
  same(
    { check: "rounds hash chain", field: "roundChainGenesis" },
    roundChainGenesis(domain, chain.rulesHash),
    chain.genesis,
  );
  same({ check: "round events", field: "RoundCommitted count" }, chain.roundsCommitted, chain.rounds.length);
  let head = chain.genesis;
  for (const [position, event] of chain.rounds.entries()) {
    same({ check: "round events", roundIndex: position, field: "roundIndex" }, position, event.roundIndex);
    head = roundChainLink(head, position, event.recordsRoot, event.standingsRoot, event.artifactDigest);
    same({ check: "rounds hash chain", roundIndex: position, field: "roundsHead" }, head, event.roundsHead);
  }
  same({ check: "rounds hash chain", field: "getSeason.roundsHead" }, head, chain.roundsHead);

  // 2. Every round artifact: digest, format, domain, entrants, then both roots.
  const entrantCount = chain.entrants.length;
  const rounds: VerifiedRound[] = [];
  for (const event of chain.rounds) {
    const { roundIndex } = event;
    const bytes = await fetchArtifact(event.artifactUri, source);
    artifactBytes += bytes.length;
    same({ check: "artifact digest", roundIndex, field: "artifactDigest" }, event.artifactDigest, keccak256(bytes));
    const artifact = parseArtifact(bytes, { check: "round artifact", roundIndex, field: "(json)" });
    same({ check: "round artifact", roundIndex, field: "format" }, ROUND_FORMAT, artifact.format);
    checkDomain(artifact, domain, roundIndex);
    same({ check: "round artifact", roundIndex, field: "roundIndex" }, roundIndex, artifact.roundIndex);

    const entrants = list(artifact, "entrants", roundIndex);
    const indexOf = new Map<string, number>();
    for (const [position, entrant] of entrants.entries()) {
      const entrantIndex = entrant.entrantIndex;
      const field = `entrants[${position}].entrantIndex`;
      if (
        !Number.isSafeInteger(entrantIndex) ||
        (entrantIndex as number) < 0 ||
        (entrantIndex as number) >= entrantCount
      )
        fail({
          check: "round artifact",
          roundIndex,
          field,
          expected: `an entrant index below ${entrantCount}`,
          found: show(entrantIndex),
        });
      if (position > 0 && (entrantIndex as number) <= (entrants[position - 1]?.entrantIndex as number))
        fail({
          check: "round artifact",
          roundIndex,
          field,
          expected: "increasing entrant indices",
          found: show(entrantIndex),
        });
      indexOf.set(String(entrant.entrantId), entrantIndex as number);
    }

    const records = list(artifact, "records", roundIndex);
    const recordLeaves = records.map((record, recordIndex) => {
      const entrantIndex = indexOf.get(String(record.entrantId));
      if (entrantIndex === undefined)
        fail({
          check: "round artifact",
          roundIndex,
          field: `records[${recordIndex}].entrantId`,
          expected: "an entrant listed in entrants",
          found: show(record.entrantId),
        });
      try {
        return recordLeaf(domain, roundIndex, entrantIndex, recordIndex, record);
      } catch (error) {
        return fail({
          check: "records root",
          roundIndex,
          entrantIndex,
          field: `records[${recordIndex}]`,
          expected: "a record of the spec",
          found: error instanceof Error ? error.message : String(error),
        });
      }
    });
    const recordsRoot = merkleRoot(recordLeaves, RECORD_LEAF_TYPES);
    same({ check: "records root", roundIndex, field: "recordsRoot (RoundCommitted)" }, event.recordsRoot, recordsRoot);
    same({ check: "records root", roundIndex, field: "recordsRoot (artifact)" }, recordsRoot, artifact.recordsRoot);

    const standings = list(artifact, "standings", roundIndex);
    same(
      { check: "round artifact", roundIndex, field: "standings[].entrantIndex" },
      entrants.map((entrant) => entrant.entrantIndex).join(","),
      standings.map((standing) => standing.entrantIndex).join(","),
    );
    const standingLeaves = standings.map((standing, position) => {
      try {
        return standingLeaf(domain, roundIndex, standing);
      } catch (error) {
        return fail({
          check: "standings root",
          roundIndex,
          entrantIndex: standing.entrantIndex as number,
          field: `standings[${position}]`,
          expected: "a standing of the spec",
          found: error instanceof Error ? error.message : String(error),
        });
      }
    });
    const standingsRoot = merkleRoot(standingLeaves, STANDING_LEAF_TYPES);
    same(
      { check: "standings root", roundIndex, field: "standingsRoot (RoundCommitted)" },
      event.standingsRoot,
      standingsRoot,
    );
    same(
      { check: "standings root", roundIndex, field: "standingsRoot (artifact)" },
      standingsRoot,
      artifact.standingsRoot,
    );
    leavesRebuilt += recordLeaves.length + standingLeaves.length;
    rounds.push({ roundIndex, artifact });
  }

  // 3. The results: digest, links to every round, claim tree, payout.
  if (chain.finalizations.length > 1)
    fail({
      check: "finalization",
      field: "SeasonFinalized count",
      expected: "1",
      found: String(chain.finalizations.length),
    });
  const finalization = chain.finalizations[0];
  let results: Json | undefined;
  if (finalization !== undefined) {
    const check = "results";
    const bytes = await fetchArtifact(finalization.artifactUri, source);
    artifactBytes += bytes.length;
    same({ check: "results artifact digest", field: "artifactDigest" }, finalization.artifactDigest, keccak256(bytes));
    results = parseArtifact(bytes, { check, field: "(json)" });
    same({ check, field: "format" }, RESULTS_FORMAT, results.format);
    checkDomain(results, domain, undefined);
    same({ check, field: "rulesHash" }, chain.rulesHash, results.rulesHash);
    const linked = list(results, "rounds", undefined);
    same({ check, field: "rounds.length" }, chain.rounds.length, linked.length);
    for (const [position, event] of chain.rounds.entries()) {
      const link = linked[position] as Json;
      for (const field of ["roundIndex", "recordsRoot", "standingsRoot", "artifactDigest"] as const)
        same({ check, roundIndex: position, field: `rounds[${position}].${field}` }, event[field], link[field]);
    }
    same({ check, field: "roundsHead" }, chain.roundsHead, results.roundsHead);
    const entries = list(results, "results", undefined);
    let rewardSum = 0n;
    const leaves = entries.map((entry, position) => {
      const entrantIndex = entry.entrantIndex as number;
      const onChain = chain.entrants[entrantIndex];
      if (onChain === undefined || (position > 0 && entrantIndex <= (entries[position - 1]?.entrantIndex as number)))
        fail({
          check,
          field: `results[${position}].entrantIndex`,
          expected: `increasing indices below ${entrantCount}`,
          found: show(entrantIndex),
        });
      same({ check, entrantIndex, field: `results[${position}].wallet` }, onChain.wallet, entry.wallet);
      if (!Array.isArray(entry.conduct))
        fail({
          check: "artifact layout",
          entrantIndex,
          field: `results[${position}].conduct`,
          expected: "an array of conduct outcomes",
          found: show(entry.conduct),
        });
      rewardSum += BigInt(String(entry.reward));
      return resultLeaf(domain, entry);
    });
    // The settlement's records have no leaves (the digest above covers them): each names an entrant.
    const resultIds = new Set(entries.map((entry) => String(entry.entrantId)));
    for (const [position, record] of list(results, "settlement", undefined).entries())
      if (!resultIds.has(String(record.entrantId)))
        fail({
          check,
          field: `settlement[${position}].entrantId`,
          expected: "an entrant listed in results",
          found: show(record.entrantId),
        });
    const resultsRoot = merkleRoot(leaves, RESULT_LEAF_TYPES);
    same({ check: "results root", field: "resultsRoot (SeasonFinalized)" }, finalization.resultsRoot, resultsRoot);
    same({ check: "results root", field: "resultsRoot (getSeason)" }, chain.resultsRoot, resultsRoot);
    same({ check: "results root", field: "resultsRoot (artifact)" }, resultsRoot, results.resultsRoot);
    same({ check: "payout", field: "totalPayout (SeasonFinalized) = Σ reward" }, finalization.totalPayout, rewardSum);
    same(
      { check: "payout", field: "totalPayout (artifact)" },
      finalization.totalPayout,
      BigInt(String(results.totalPayout)),
    );
    same({ check: "payout", field: "totalPayout (getSeason)" }, finalization.totalPayout, chain.totalPayout);
    leavesRebuilt += leaves.length;
  }

  // 4. Replay from the recorded decisions through the engine's rules, then the results.
  const replay = parameters.replay === undefined ? undefined : await parameters.replay({ chain, rounds, results });
  return {
    chainId: chain.chainId,
    arena: chain.arena,
    seasonId: chain.seasonId,
    roundCount: chain.roundCount,
    roundsChecked: rounds.length,
    finalized: finalization !== undefined,
    leavesRebuilt,
    artifactBytes,
    replay,
    elapsedMs: performance.now() - started, // determinism-ok
  };
}

function checkDomain(artifact: Json, domain: LeafDomain, roundIndex: number | undefined): void {
  const written = (artifact.domain ?? {}) as Json;
  const check = "domain separator";
  same({ check, roundIndex, field: "domain.chainId" }, domain.chainId.toString(), written.chainId);
  same({ check, roundIndex, field: "domain.arena" }, domain.arena.toLowerCase(), written.arena);
  same({ check, roundIndex, field: "domain.seasonId" }, domain.seasonId.toString(), written.seasonId);
}

function parseArtifact(bytes: Uint8Array, where: Omit<Mismatch, "expected" | "found">): Json {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Json;
    return fail({ ...where, expected: "a JSON object", found: typeof parsed });
  } catch (error) {
    return fail({ ...where, expected: "UTF-8 JSON", found: error instanceof Error ? error.message : String(error) });
  }
}

function list(artifact: Json, field: string, roundIndex: number | undefined): Json[] {
  const value = artifact[field];
  if (!Array.isArray(value) || value.some((item) => item === null || typeof item !== "object"))
    fail({ check: "artifact layout", roundIndex, field, expected: "an array of objects", found: show(value) });
  return value as Json[];
}

/** Compares with hex case ignored; throws the mismatch otherwise. */
export function same(where: Omit<Mismatch, "expected" | "found">, expected: unknown, found: unknown): void {
  const normal = (value: unknown) =>
    typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value) ? value.toLowerCase() : value;
  if (normal(expected) !== normal(found)) fail({ ...where, expected: show(expected), found: show(found) });
}

export function fail(mismatch: Mismatch): never {
  throw new VerificationMismatchError(mismatch);
}

const show = (value: unknown): string =>
  typeof value === "bigint" ? value.toString() : value === undefined ? "(absent)" : JSON.stringify(value);
