/**
 * The replay's last step: what the engine's settlement gives for the replayed season against the
 * published results artifact, whose digest and leaves verifySeason already matched with the chain.
 * First the settlement's records (disqualifications with their evidence, the liquidations and
 * status changes that follow), which decide who is ranked; then per entrant the rank, score,
 * reward, final metrics and conduct outcomes. A mismatch names the entrant and the field: an
 * operator who re-digested a dropped or invented disqualification, or re-rooted wrong ranks or
 * rewards, consistently stops here.
 */
import type { SeasonResults } from "@podium/engine";
import { firstDifference } from "./firstDifference.ts";
import { placeRewards } from "./placeRewards.ts";
import { scaledMetric } from "./specLeaves.ts";
import { fail, same } from "./verifySeason.ts";

type Json = Record<string, unknown>;

export type CompareReplayedResultsParameters = {
  replayed: SeasonResults;
  /** The results artifact, already checked against the chain. */
  published: Json;
  /** The season's split by place; undefined: rewards are not compared (the split is unknown). */
  rewardSplitBps: readonly number[] | undefined;
  /** The finalized totalPayout: the arena only accepts one equal to what it received less its fee. */
  pot: bigint;
};

const NULL_SCORE = -(2n ** 255n);
/** Parsed JSON as the artifact has it: bigints as decimal strings, absent fields omitted. */
const asJson = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_, item) => (typeof item === "bigint" ? item.toString() : item)));

export function compareReplayedResults({
  replayed,
  published,
  rewardSplitBps,
  pot,
}: CompareReplayedResultsParameters): void {
  same({ check: "replay results", field: "scoreMethod" }, replayed.scoringMethod, published.scoreMethod);
  compareSettlement(replayed, published);
  // Ranked best first, then the unranked (disqualified, forfeited): rank rankedCount + 1, score -2^255.
  const ranked = replayed.entrants.filter((entry) => entry.rank !== null);
  const rewards = rewardSplitBps === undefined ? undefined : placeRewards({ ranked, splitBps: rewardSplitBps, pot });
  const expected = [...replayed.entrants]
    .sort((a, b) => a.index - b.index)
    .map((entry) => ({
      entrantIndex: entry.index,
      entrantId: entry.entrantId,
      rank: entry.rank ?? ranked.length + 1,
      score: (entry.rank === null
        ? NULL_SCORE
        : replayed.scoringMethod === "totalPnl"
          ? entry.totalPnl
          : scaledMetric(entry.score)
      ).toString(),
      ...(rewards === undefined ? {} : { reward: (rewards.get(entry.entrantId) ?? 0n).toString() }),
      metrics: asJson(entry.metrics),
      conduct: asJson(entry.conduct),
    }));
  const rows = Array.isArray(published.results) ? (published.results as Json[]) : [];
  // Only the fields the replay recomputes (the wallets were checked against the chain).
  const found = rows.map((row, position) =>
    Object.fromEntries(Object.keys(expected[position] ?? row).map((key) => [key, row[key]])),
  );
  const difference = firstDifference(expected, found, "results");
  if (difference === undefined) return;
  const position = Number(/^results\[(\d+)\]/.exec(difference.path)?.[1] ?? Number.NaN);
  fail({
    check: "replay results",
    entrantIndex: expected[position]?.entrantIndex,
    field: difference.path,
    expected: difference.expected,
    found: difference.found,
  });
}

/** The settlement's records, in the order the engine produced them; the first difference names its entrant. */
function compareSettlement(replayed: SeasonResults, published: Json): void {
  const expected = asJson(replayed.settlementRecords) as Json[];
  const found = Array.isArray(published.settlement) ? (published.settlement as Json[]) : [];
  const difference = firstDifference(expected, found, "settlement");
  if (difference === undefined) return;
  // A record that differs, or the first one only one side has (the path is then settlement.length).
  const at = /^settlement\[(\d+)\]/.exec(difference.path)?.[1];
  const position = at === undefined ? Math.min(expected.length, found.length) : Number(at);
  const entrantId = (expected[position] ?? found[position])?.entrantId;
  fail({
    check: "replay settlement",
    entrantIndex: replayed.entrants.find((entry) => entry.entrantId === entrantId)?.index,
    field: difference.path,
    expected: difference.expected,
    found: difference.found,
  });
}
