/**
 * The replay step: re-runs the season through the ENGINE's rules from the decisions recorded in the
 * round artifacts (no agent or model is called), compares the replayed records and standings with
 * every round artifact field by field, then the replayed results (rank, score, reward, metrics)
 * with the results artifact. The only place the verifier runs the engine, and only its season loop
 * and settlement: nothing it encodes is trusted, the comparison is on parsed JSON.
 */

import type { Asset, BarFrequency, Dataset, SeasonEntrant } from "@podium/engine";
import {
  createSeason,
  decisionFromRecord,
  isCommittedRecord,
  llmTraderUniverse,
  macroArenaUniverse,
} from "@podium/engine";
import { firstDifference } from "./firstDifference.ts";
import { ENTRANT_WITHDRAWN } from "./readArenaSeason.ts";
import { compareReplayedResults } from "./replayedResults.ts";
import type { SeasonReplay, VerifiedRound } from "./verifySeason.ts";
import { fail } from "./verifySeason.ts";

type Json = Record<string, unknown>;

/** A config an entrant may have registered: the season manifest's agent catalog. */
export type ReplayCatalogAgent = { name: string; modelFamily?: string | undefined };

export type CreateEngineReplayParameters = {
  /** The season's ruleset (SeasonRules JSON): from its manifest, or a file given with --rules. */
  rules: unknown;
  /** The season's market (from its manifest); absent: rebuilt from the round artifacts' prices. */
  dataset?: Dataset | undefined;
  /** The dataset's content hash when already computed (hashing a long dataset takes a while). */
  datasetHash?: string | undefined;
  /** The season's seed (bots fork their streams from it; a replayed agent is never asked). */
  seed?: string | undefined;
  /** The season's split by place (basis points); absent: results are compared without rewards. */
  rewardSplitBps?: readonly number[] | undefined;
  /**
   * The season's agent catalog by config hash (lower case). An entrant whose frozen hash is not in
   * it runs as the runner ran it: a holding agent with another config hash (forfeited where the
   * rules freeze configs). Absent: every entrant runs the config it froze.
   */
  catalog?: ReadonlyMap<string, ReplayCatalogAgent> | undefined;
  /** Where the rules came from, for the summary. */
  source: string;
};

const FIXED_FIELDS = ["open", "high", "low", "close", "volume"] as const;
const ZERO_HASH = `0x${"00".repeat(32)}`;
const asJson = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_, item) => (typeof item === "bigint" ? item.toString() : item)));

export function createEngineReplay(parameters: CreateEngineReplayParameters): SeasonReplay {
  const { rules, seed = "replay", rewardSplitBps, catalog, source } = parameters;
  return async ({ chain, rounds, results }) => {
    if (rounds.length === 0) return { roundsReplayed: 0, resultsReplayed: false, rewardsReplayed: false, source };
    // Withdrawn entrants left before the start; refunded ones (a void, a cancel) played.
    const participants = chain.entrants.filter((entrant) => entrant.status !== ENTRANT_WITHDRAWN);
    const dataset = parameters.dataset ?? datasetFromArtifacts(rounds);
    const season = createSeason({
      rules,
      dataset,
      seed,
      ...(parameters.datasetHash === undefined ? {} : { datasetHash: parameters.datasetHash as `0x${string}` }),
      ...(rewardSplitBps === undefined ? {} : { rewardSplitBps }),
      entrants: participants.map(({ entrantIndex, wallet, configHash }): SeasonEntrant => {
        const agent = catalog?.get(configHash.toLowerCase());
        const name = agent?.name ?? `entrant-${entrantIndex}`;
        return {
          index: entrantIndex,
          wallet,
          name,
          modelFamily:
            agent?.modelFamily ?? (catalog === undefined ? "replay" : agent === undefined ? "unknown" : "rule-based"),
          configHash: catalog === undefined || agent !== undefined ? configHash : ZERO_HASH,
          frozenConfigHash: configHash,
          agent: {
            id: name,
            decide() {
              throw new Error("a replayed agent is never asked");
            },
          },
        };
      }),
    });
    const entrantList = participants.map((entrant) => entrant.entrantIndex).join(",");
    for (const { roundIndex, artifact } of rounds) {
      const differs = (difference: ReturnType<typeof firstDifference>, entrantIndex?: number) => {
        if (difference !== undefined)
          fail({
            check: "replay",
            roundIndex,
            entrantIndex,
            field: difference.path,
            expected: difference.expected,
            found: difference.found,
          });
      };
      const listed = (artifact.entrants as Json[]).map((entrant) => entrant.entrantIndex).join(",");
      differs(listed === entrantList ? undefined : { path: "entrants", expected: entrantList, found: listed });
      const recorded = new Map(
        (artifact.decisions as Json[]).map((decision) => [
          String(decision.entrantIndex),
          decisionFromRecord({ ...decision, type: "decision" }),
        ]),
      );
      const output = await season.replayRound(recorded);
      differs(
        firstDifference({ round: output.round, time: output.time }, { round: artifact.round, time: artifact.time }),
      );
      if (parameters.dataset !== undefined)
        differs(firstDifference(pricesAt(dataset, output.round), artifact.prices, "prices"));

      const records = asJson(output.records.filter(isCommittedRecord)) as Json[];
      const published = artifact.records as Json[];
      const difference = firstDifference(records, published, "records");
      if (difference !== undefined) {
        const position = /^records\[(\d+)\]/.exec(difference.path)?.[1];
        const record = position === undefined ? undefined : (records[Number(position)] ?? published[Number(position)]);
        differs(difference, record === undefined ? undefined : Number(record.entrantId));
      }
      for (const standing of output.standings) {
        const entrantIndex = Number(standing.entrantId);
        const account = season.account(standing.entrantId);
        const publishedStanding = (artifact.standings as Json[]).find((row) => row.entrantIndex === entrantIndex);
        const replayed = asJson({
          entrantIndex,
          status: standing.status,
          equity: account?.equity,
          totalReturn: standing.totalReturn,
          sharpeRatio: standing.sharpeRatio,
          maxDrawdown: standing.maxDrawdown,
        }) as Json;
        const compared = Object.fromEntries(Object.keys(replayed).map((key) => [key, publishedStanding?.[key]]));
        differs(firstDifference(replayed, compared, `standings[${entrantIndex}]`), entrantIndex);
      }
    }
    const resultsReplayed = results !== undefined && season.finished;
    if (resultsReplayed)
      compareReplayedResults({
        replayed: season.results(),
        published: results,
        rewardSplitBps,
        pot: chain.totalPayout,
      });
    return {
      roundsReplayed: rounds.length,
      resultsReplayed,
      rewardsReplayed: resultsReplayed && rewardSplitBps !== undefined,
      source,
    };
  };
}

/** The bars the round used, as the artifact writes them (docs/commitments.md, "Round artifact"). */
function pricesAt(dataset: Dataset, round: number): Json[] {
  return dataset.assets.map(({ symbol }) => {
    const bar = dataset.bars[symbol]?.[round];
    return asJson(bar === undefined ? { symbol } : { symbol, ...bar }) as Json;
  });
}

/**
 * Without the season's dataset: a market of the rounds' own bars, in round order. Observations
 * before the first round are missing, which recorded decisions do not need but rules reading
 * history from before the season (a VaR window) would.
 */
function datasetFromArtifacts(rounds: readonly VerifiedRound[]): Dataset {
  const known = new Map<string, Asset>(
    [...llmTraderUniverse, ...macroArenaUniverse].map((asset) => [asset.symbol, asset]),
  );
  const symbols = ((rounds[0]?.artifact.prices ?? []) as Json[]).map((price) => String(price.symbol));
  const times = rounds.map(({ artifact }) => Number(artifact.time));
  const step = (times[1] ?? times[0] ?? 0) - (times[0] ?? 0);
  return {
    id: "replay",
    frequency: (step >= 86_400 ? "1d" : "1h") as BarFrequency,
    assets: symbols.map((symbol) => known.get(symbol) ?? { symbol, assetClass: "crypto-major", name: symbol }),
    times,
    bars: Object.fromEntries(
      symbols.map((symbol, assetIndex) => [
        symbol,
        rounds.map(({ artifact }) => {
          const price = (artifact.prices as Json[])[assetIndex] as Json;
          const bar: Json = { time: Number(price.time) };
          for (const field of FIXED_FIELDS) bar[field] = BigInt(String(price[field]));
          if (price.filled === true) bar.filled = true;
          return bar;
        }),
      ]),
    ) as unknown as Dataset["bars"],
    provenance: { kind: "real", source: "round artifacts", licence: "as published" },
  };
}
