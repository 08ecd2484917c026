import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { RESULT_LEAF_TYPES, resultLeaves } from "./resultLeaves.ts";
import { createResultsArtifact, type ResultArtifactEntry } from "./resultsArtifact.ts";
import { roundChainHead } from "./roundChain.ts";
import { fixtureDomain, fixtureRulesHash, fixtureWallets } from "./testing/roundFixture.ts";

const rounds = [0, 1].map((roundIndex) => ({
  roundIndex,
  recordsRoot: keccak256(stringToBytes(`records ${roundIndex}`)),
  standingsRoot: keccak256(stringToBytes(`standings ${roundIndex}`)),
  artifactDigest: keccak256(stringToBytes(`artifact ${roundIndex}`)),
}));

const results: ResultArtifactEntry[] = [
  {
    entrantIndex: 0,
    entrantId: "alpha",
    wallet: fixtureWallets[0] as Address,
    rank: 1,
    score: 187_000_000n,
    reward: 3n * 10n ** 18n,
    metrics: { sharpeRatio: 1.87, totalReturn: 0.005, calmarRatio: null },
  },
  {
    entrantIndex: 2,
    entrantId: "beta",
    wallet: fixtureWallets[1] as Address,
    rank: 2,
    score: -325_000_000n,
    reward: 5n * 10n ** 17n,
    metrics: { sharpeRatio: -3.25, totalReturn: -0.41, calmarRatio: -1 },
  },
];

const create = (overrides: Partial<Parameters<typeof createResultsArtifact>[0]> = {}) =>
  createResultsArtifact({
    domain: fixtureDomain,
    rulesHash: fixtureRulesHash,
    scoreMethod: "llmtrader",
    rounds,
    results,
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
    expect(parsed).toMatchObject({ format: "podium.results.v1", scoreMethod: "llmtrader", scoreDecimals: 8 });
    expect(parsed.results[1]).toEqual({
      entrantIndex: 2,
      entrantId: "beta",
      wallet: (fixtureWallets[1] as string).toLowerCase(),
      rank: 2,
      score: "-325000000",
      reward: "500000000000000000",
      metrics: { sharpeRatio: -3.25, totalReturn: -0.41, calmarRatio: -1 },
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
