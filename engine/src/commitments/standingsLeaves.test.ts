import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256, stringToBytes, stringToHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { type KeccakHasher, keccakHasher } from "../merkle/keccakHasher.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { NULL_METRIC } from "./scaledMetric.ts";
import { buildStandingsTree, type EntrantStanding, STANDINGS_LEAF_TYPES, standingsLeaves } from "./standingsLeaves.ts";
import { fixtureDomain, fixtureStandings } from "./testing/roundFixture.ts";

let hasher: KeccakHasher;
beforeAll(async () => {
  hasher = await keccakHasher();
});

const parameters = (standings: readonly EntrantStanding[] = fixtureStandings) => ({
  domain: fixtureDomain,
  roundIndex: 3,
  standings,
});

describe("standingsLeaves", () => {
  it("writes status, equity, scaled metrics and the digests of the positions and the standing", () => {
    const [alpha, beta] = standingsLeaves(hasher, parameters());
    const digest = (value: unknown) => keccak256(stringToBytes(canonicalJson(value)));
    expect(alpha).toEqual([
      31_337n,
      "0x5fbdb2315678afecb367f032d93f642f64180aa3",
      1n,
      3n,
      0n,
      stringToHex("active", { size: 32 }),
      10_050n * FIXED_ONE,
      digest(fixtureStandings[0]?.positions),
      500_000n, // totalReturn 0.005 × 10^8
      NULL_METRIC, // sharpeRatio null
      0n, // maxDrawdown 0
      digest(fixtureStandings[0]),
    ]);
    // beta: -0.41 × 10^8 = -41,000,000; -3.25 × 10^8 = -325,000,000; 0.41 × 10^8 = 41,000,000.
    expect(beta?.slice(4, 11)).toEqual([
      2n,
      stringToHex("terminated", { size: 32 }),
      5_900n * FIXED_ONE,
      digest([]),
      -41_000_000n,
      -325_000_000n,
      41_000_000n,
    ]);
  });

  it("builds OZ's StandardMerkleTree over the leaves, in entrant order", () => {
    const tree = buildStandingsTree(hasher, parameters());
    const leaves = standingsLeaves(hasher, parameters());
    expect(tree.root).toBe(StandardMerkleTree.of(leaves, [...STANDINGS_LEAF_TYPES]).root);
    expect(tree.length).toBe(2);
  });

  it("commits every field of a standing through standingDigest", () => {
    const extended = fixtureStandings.map((standing) => ({ ...standing, rank: standing.entrantIndex === 0 ? 1 : 2 }));
    expect(buildStandingsTree(hasher, parameters(extended)).root).not.toBe(
      buildStandingsTree(hasher, parameters()).root,
    );
  });

  it("refuses standings out of entrant order, duplicated, empty, or with a non-finite metric", () => {
    const [alpha, beta] = fixtureStandings as [EntrantStanding, EntrantStanding];
    expect(() => standingsLeaves(hasher, parameters([beta, alpha]))).toThrow(
      "strictly increasing entrant index order (2 then 0)",
    );
    expect(() => standingsLeaves(hasher, parameters([alpha, alpha]))).toThrow("(0 then 0)");
    expect(() => buildStandingsTree(hasher, parameters([]))).toThrow("a round has no standings");
    expect(() => standingsLeaves(hasher, parameters([{ ...alpha, sharpeRatio: Number.NaN }]))).toThrow(
      "standing of entrant 0 sharpeRatio is NaN",
    );
  });
});
