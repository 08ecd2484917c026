/**
 * The replay step: re-runs the season through the ENGINE's rules from the decisions recorded in the
 * round artifacts (no agent or model is called), and compares the replayed records and standings
 * with the artifacts field by field. The only place the verifier uses the engine, and only its
 * season loop: nothing it encodes is trusted, the comparison is on parsed JSON.
 */

import type { Asset, BarFrequency, Dataset } from "@podium/engine";
import { createSeason, decisionFromRecord, llmTraderUniverse, macroArenaUniverse } from "@podium/engine";
import { firstDifference } from "./firstDifference.ts";
import type { SeasonReplay } from "./verifySeason.ts";
import { fail } from "./verifySeason.ts";

type Json = Record<string, unknown>;

export type CreateEngineReplayParameters = {
  /** The season's published ruleset (SeasonRules JSON): the artifacts only carry its hash. */
  rules: unknown;
  /** The season's seed (only recorded in the header when every agent is replayed). */
  seed?: string;
};

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
const FIXED_FIELDS = ["open", "high", "low", "close", "volume"] as const;
const asJson = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_, item) => (typeof item === "bigint" ? item.toString() : item)));

export function createEngineReplay({ rules, seed = "replay" }: CreateEngineReplayParameters): SeasonReplay {
  return async ({ chain, rounds }) => {
    const first = rounds[0]?.artifact;
    if (first === undefined) return { roundsReplayed: 0 };
    const known = new Map<string, Asset>(
      [...llmTraderUniverse, ...macroArenaUniverse].map((asset) => [asset.symbol, asset]),
    );
    const symbols = (first.prices as Json[]).map((price) => String(price.symbol));
    const times = rounds.map(({ artifact }) => Number(artifact.time));
    const step = (times[1] ?? times[0] ?? 0) - (times[0] ?? 0);
    const dataset: Dataset = {
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
    const season = createSeason({
      rules,
      dataset,
      seed,
      entrants: chain.entrants.map(({ entrantIndex, wallet, configHash }) => ({
        index: entrantIndex,
        wallet,
        name: String(entrantIndex),
        modelFamily: "replay",
        configHash,
        agent: {
          id: String(entrantIndex),
          decide() {
            throw new Error("a replayed agent is never asked");
          },
        },
      })),
    });
    for (const { roundIndex, artifact } of rounds) {
      const recorded = new Map(
        (artifact.decisions as Json[]).map((decision) => [
          String(decision.entrantIndex),
          decisionFromRecord({ ...decision, type: "decision" }),
        ]),
      );
      const output = await season.replayRound(recorded);
      const records = asJson(output.records.filter((record) => RECORD_TYPES.has(record.type))) as Json[];
      const published = artifact.records as Json[];
      const difference = firstDifference(records, published, "records");
      if (difference !== undefined) {
        const position = /^records\[(\d+)\]/.exec(difference.path)?.[1];
        const record = position === undefined ? undefined : (records[Number(position)] ?? published[Number(position)]);
        fail({
          check: "replay",
          roundIndex,
          entrantIndex: record === undefined ? undefined : Number(record.entrantId),
          field: difference.path,
          expected: difference.expected,
          found: difference.found,
        });
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
        const difference = firstDifference(replayed, compared, `standings[${entrantIndex}]`);
        if (difference !== undefined)
          fail({
            check: "replay",
            roundIndex,
            entrantIndex,
            field: difference.path,
            expected: difference.expected,
            found: difference.found,
          });
      }
    }
    return { roundsReplayed: rounds.length };
  };
}
