import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import type { AgentDecision } from "../agents/agent.ts";
import { builtInBotConfigHash, createBuiltInBot } from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { ConductOutcome } from "../conduct/conductOutcome.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { createSeason } from "../season/createSeason.ts";
import type { SeasonRecord } from "../season/seasonRecord.ts";
import { testHash } from "../season/testing/scriptedAgent.ts";
import { RESULT_LEAF_TYPES, resultLeaves } from "./resultLeaves.ts";
import { createResultsArtifact, type ResultArtifactEntry } from "./resultsArtifact.ts";
import { roundChainHead } from "./roundChain.ts";
import { NULL_METRIC, scaledMetric } from "./scaledMetric.ts";
import { fixtureDomain, fixtureRulesHash, fixtureWallets } from "./testing/roundFixture.ts";

const rounds = [0, 1].map((roundIndex) => ({
  roundIndex,
  recordsRoot: keccak256(stringToBytes(`records ${roundIndex}`)),
  standingsRoot: keccak256(stringToBytes(`standings ${roundIndex}`)),
  artifactDigest: keccak256(stringToBytes(`artifact ${roundIndex}`)),
}));

const SETTLED = { round: 47, time: 1_704_236_400 }; // the season's last round (2024-01-02T23:00:00Z)

// Beta: flagged for martingale during the season's review, disqualified at settlement for too few trades.
const betaFlag: ConductOutcome = {
  entrant: "beta",
  action: "flag",
  status: null,
  rule: "martingale",
  round: 30,
  rounds: [28, 29, 30],
  reason: "doubled the losing BTC position twice",
  evidence: { symbol: "BTC", doublings: 2 },
};
const betaTooFewTrades: ConductOutcome = {
  entrant: "beta",
  action: "disqualify",
  status: "disqualified",
  rule: "min-trade-count",
  round: SETTLED.round,
  rounds: [],
  reason: "Made 2 trades; the tournament requires at least 3.",
  evidence: { trades: 2, minTrades: 3 },
};
const settlement: SeasonRecord[] = [
  { ...SETTLED, entrantId: "beta", type: "conductOutcome", outcome: betaTooFewTrades },
  { ...SETTLED, entrantId: "beta", type: "statusChanged", from: "active", to: "disqualified" },
];

const results: ResultArtifactEntry[] = [
  {
    entrantIndex: 0,
    entrantId: "alpha",
    wallet: fixtureWallets[0] as Address,
    rank: 1,
    score: 187_000_000n,
    reward: 3n * 10n ** 18n,
    metrics: { sharpeRatio: 1.87, totalReturn: 0.005, calmarRatio: null },
    conduct: [],
  },
  {
    entrantIndex: 2,
    entrantId: "beta",
    wallet: fixtureWallets[1] as Address,
    rank: 2,
    score: -325_000_000n,
    reward: 5n * 10n ** 17n,
    metrics: { sharpeRatio: -3.25, totalReturn: -0.41, calmarRatio: -1 },
    conduct: [betaFlag, betaTooFewTrades],
  },
];

const create = (overrides: Partial<Parameters<typeof createResultsArtifact>[0]> = {}) =>
  createResultsArtifact({
    domain: fixtureDomain,
    rulesHash: fixtureRulesHash,
    scoreMethod: "llmtrader",
    rounds,
    results,
    settlement,
    ...overrides,
  });

describe("createResultsArtifact", () => {
  it("commits the claim tree, Σ rewards, the rounds chain head and every result", async () => {
    const { artifact, json, digest, resultsRoot, totalPayout, resultsTree } = await create();
    expect(totalPayout).toBe(35n * 10n ** 17n); // 3 ETH + 0.5 ETH in wei
    expect(artifact.totalPayout).toBe(totalPayout);
    expect(artifact.roundsHead).toBe(roundChainHead(fixtureDomain, fixtureRulesHash, rounds));
    expect(resultsRoot).toBe(
      StandardMerkleTree.of(resultLeaves({ domain: fixtureDomain, results }), [...RESULT_LEAF_TYPES]).root,
    );
    expect(artifact.resultsRoot).toBe(resultsRoot);
    expect(digest).toBe(keccak256(stringToBytes(json)));
    expect(canonicalJson(JSON.parse(json))).toBe(json);
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({ format: "podium.results.v2", scoreMethod: "llmtrader", scoreDecimals: 8 });
    expect(parsed.results[1]).toEqual({
      entrantIndex: 2,
      entrantId: "beta",
      wallet: (fixtureWallets[1] as string).toLowerCase(),
      rank: 2,
      score: "-325000000",
      reward: "500000000000000000",
      metrics: { sharpeRatio: -3.25, totalReturn: -0.41, calmarRatio: -1 },
      conduct: [
        {
          entrant: "beta",
          action: "flag",
          status: null,
          rule: "martingale",
          round: 30,
          rounds: [28, 29, 30],
          reason: "doubled the losing BTC position twice",
          evidence: { symbol: "BTC", doublings: 2 },
        },
        {
          entrant: "beta",
          action: "disqualify",
          status: "disqualified",
          rule: "min-trade-count",
          round: 47,
          rounds: [],
          reason: "Made 2 trades; the tournament requires at least 3.",
          evidence: { trades: 2, minTrades: 3 },
        },
      ],
    });
    // Each entrant's proof is tree.getProof(position in results) and verifies with OZ.
    results.forEach((result, i) => {
      const leaf = [
        31_337n,
        fixtureDomain.arena,
        1n,
        BigInt(result.entrantIndex),
        result.wallet,
        BigInt(result.rank),
        result.score,
        result.reward,
      ];
      expect(StandardMerkleTree.verify(resultsRoot, [...RESULT_LEAF_TYPES], leaf, resultsTree.getProof(i))).toBe(true);
    });
  });

  it("publishes the settlement's records in the order given, under the digest but outside the claim tree", async () => {
    const { artifact, json, digest, resultsRoot } = await create();
    const parsed = JSON.parse(json);
    expect(parsed.settlement).toEqual([
      {
        type: "conductOutcome",
        round: 47,
        time: 1_704_236_400,
        entrantId: "beta",
        outcome: betaTooFewTrades,
      },
      { type: "statusChanged", round: 47, time: 1_704_236_400, entrantId: "beta", from: "active", to: "disqualified" },
    ]);
    expect(artifact.settlement).toEqual(settlement);
    // Without the disqualification's evidence the bytes, hence the digest finalize commits, differ;
    // the claim tree does not change: the settlement has no leaves.
    const dropped = await create({ settlement: settlement.slice(1) });
    expect(dropped.digest).not.toBe(digest);
    expect(dropped.digest).toBe(keccak256(stringToBytes(dropped.json)));
    expect(dropped.resultsRoot).toBe(resultsRoot);
    // A season whose settlement recorded nothing publishes an empty list.
    expect(JSON.parse((await create({ settlement: [] })).json).settlement).toEqual([]);
  });

  it("refuses settlement records that are not committed records or name no entrant, and another entrant's conduct", async () => {
    const decision: SeasonRecord = {
      ...SETTLED,
      entrantId: "beta",
      type: "decision",
      outcome: "hold",
      orders: [],
      stopLossUpdates: [],
      reasoning: "",
    };
    await expect(create({ settlement: [...settlement, decision] })).rejects.toThrow(
      "settlement record 2 is a decision record",
    );
    await expect(
      create({
        settlement: [{ ...SETTLED, entrantId: "gamma", type: "statusChanged", from: "active", to: "disqualified" }],
      }),
    ).rejects.toThrow('settlement record 0 names entrant "gamma", which has no result');
    const swapped = results.map((result, i) => (i === 0 ? { ...result, conduct: [betaFlag] } : result));
    await expect(create({ results: swapped })).rejects.toThrow(
      'the conduct of entrant "alpha" holds an outcome of entrant "beta"',
    );
  });

  it("refuses rounds that are not listed once each from round index 0", async () => {
    await expect(create({ rounds: [rounds[1], rounds[0]] as typeof rounds })).rejects.toThrow(
      "round 0 of the list has round index 1",
    );
    await expect(create({ rounds: rounds.slice(1) })).rejects.toThrow("round 0 of the list has round index 1");
  });

  it("refuses an empty score method and an empty result list", async () => {
    await expect(create({ scoreMethod: "" })).rejects.toThrow("the score method is empty");
    await expect(create({ results: [] })).rejects.toThrow("a season has no results");
  });
});

const SECRET_REASONING = "SECRET-REASONING-17: 1. Volume is thin. 2. Buy and sell to show activity.";
const SECRET_ERROR = "SECRET-ERROR-3: the private prompt, echoed in a stack trace";

/**
 * The wash-trading bot behind texts nobody may read: every reply carries secret reasoning, and the
 * agent throws an error with a secret message at round 6 (an AGENT_ERROR no-trade, hashed detail).
 */
function secretWashTrader(id: string) {
  const bot = createBuiltInBot({ bot: "wash-trading", id, seed: "settlement" });
  return {
    id,
    async decide(observation: Parameters<typeof bot.decide>[0]): Promise<AgentDecision> {
      if (observation.round === 6) throw new Error(SECRET_ERROR);
      return { ...(await bot.decide(observation)), reasoning: SECRET_REASONING };
    },
  };
}

/** Settles a 40-hour season whose rules flag wash trading and ask 100 trades: both entrants fail at settlement. */
async function settledArtifact(visibility: "public" | "private") {
  const rules: SeasonRules = {
    ...llmtraderSeason,
    conduct: { bannedStrategies: { "wash-trading": { action: "flag" } }, minTradeCount: 100 },
  };
  const season = createSeason({
    rules,
    dataset: generateSyntheticMarket({
      seed: "settlement",
      assets: llmTraderUniverse.slice(0, 2),
      frequency: "1h",
      start: 1_704_067_200,
      bars: 40,
    }),
    entrants: [
      {
        index: 0,
        name: "secretive",
        modelFamily: "Claude",
        configHash: testHash(5),
        visibility,
        agent: secretWashTrader("secretive"),
      },
      {
        index: 1,
        name: "buy-and-hold",
        modelFamily: "rule-based",
        configHash: builtInBotConfigHash("buy-and-hold", "buy-and-hold"),
        agent: createBuiltInBot({ bot: "buy-and-hold", id: "buy-and-hold", seed: "settlement" }),
      },
    ],
    seed: "settlement",
  });
  while (!season.finished) await season.runRound();
  const settled = season.results();
  // As the runner finalizes (engine/src/runner/seasonRunner.ts), without a prize.
  const ranked = settled.entrants.filter((entry) => entry.rank !== null).length;
  const entries: ResultArtifactEntry[] = settled.entrants
    .map((entry) => ({
      entrantIndex: entry.index,
      entrantId: entry.entrantId,
      wallet: fixtureWallets[entry.index] as Address,
      rank: entry.rank ?? ranked + 1,
      score: entry.rank === null ? NULL_METRIC : scaledMetric(entry.score, "score"),
      reward: 0n,
      metrics: entry.metrics as ResultArtifactEntry["metrics"],
      conduct: entry.conduct,
    }))
    .sort((a, b) => a.entrantIndex - b.entrantIndex);
  const built = await createResultsArtifact({
    domain: fixtureDomain,
    rulesHash: fixtureRulesHash,
    scoreMethod: settled.scoringMethod,
    rounds: [],
    results: entries,
    settlement: settled.settlementRecords,
  });
  return { settled, built };
}

describe("createResultsArtifact for a private entrant", () => {
  it("publishes its settlement conduct with the evidence, which holds none of its texts", async () => {
    const { settled, built } = await settledArtifact("private");
    const published = JSON.parse(built.json);
    const secretive = published.results[0];
    // Flagged by the settlement's wash-trading review, then disqualified for its trade count.
    expect(secretive.conduct.map((outcome: ConductOutcome) => [outcome.action, outcome.rule])).toEqual([
      ["flag", "wash-trading"],
      ["disqualify", "min-trade-count"],
    ]);
    expect(secretive.conduct[0].evidence).not.toEqual({});
    // Both entrants are disqualified: unranked, at rank rankedCount + 1 = 1 with the null score.
    expect(settled.entrants.map((entry) => [entry.entrantId, entry.rank, entry.status])).toEqual([
      ["0", null, "disqualified"],
      ["1", null, "disqualified"],
    ]);
    expect(secretive).toMatchObject({ rank: 1, score: NULL_METRIC.toString() });
    expect(published.settlement.filter((record: { type: string }) => record.type === "conductOutcome")).toEqual(
      JSON.parse(canonicalJson(settled.settlementRecords.filter((record) => record.type === "conductOutcome"))),
    );
    expect(
      published.settlement.map((record: { entrantId: string; type: string }) => `${record.entrantId}:${record.type}`),
    ).toEqual(settled.settlementRecords.map((record) => `${record.entrantId}:${record.type}`));
    expect(published.settlement.some((record: { entrantId: string }) => record.entrantId === "0")).toBe(true);
    expect(built.json).not.toContain("SECRET-");
    // The conduct is a function of the public orders alone: the public twin publishes the same bytes.
    const twin = await settledArtifact("public");
    expect(twin.built.json).toBe(built.json);
  });
});
