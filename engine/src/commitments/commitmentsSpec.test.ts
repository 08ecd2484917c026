/**
 * docs/commitments.md is the public spec: this runs its rebuild code (the `rebuild-roots.mjs`
 * block, extracted from the page as published) on the engine's artifacts, and checks the leaf types
 * its tables list. The snippet uses only @openzeppelin/merkle-tree and viem, none of the engine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, type Hex, stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltInBotName, builtInBotConfigHash, createBuiltInBot } from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { keccakHasher } from "../merkle/keccakHasher.ts";
import { roundCommitmentInput } from "../runner/roundCommitmentInput.ts";
import { createSeason } from "../season/createSeason.ts";
import { RESULT_LEAF_TYPES } from "./resultLeaves.ts";
import { createResultsArtifact } from "./resultsArtifact.ts";
import { createRoundArtifact } from "./roundArtifact.ts";
import { ROUND_RECORD_LEAF_TYPES, roundRecordLeaves } from "./roundRecordLeaves.ts";
import { ZERO_BYTES32 } from "./shortTextBytes32.ts";
import { STANDINGS_LEAF_TYPES } from "./standingsLeaves.ts";
import { fixtureDomain, fixtureRound, fixtureRulesHash, fixtureWallets } from "./testing/roundFixture.ts";

type Spec = {
  artifactDigest(text: string): Hex;
  recordsRoot(round: unknown): Hex;
  standingsRoot(round: unknown): Hex;
  resultsTree(results: unknown): StandardMerkleTree<unknown[]>;
};

const text32 = (text: string) => stringToHex(text, { size: 32 });
const engineRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const page = readFileSync(join(engineRoot, "..", "docs", "commitments.md"), "utf8");
let folder: string;
let spec: Spec;

beforeAll(async () => {
  const block = /```js\n(\/\/ rebuild-roots\.mjs\n[\s\S]*?)```/.exec(page)?.[1];
  if (block === undefined) throw new Error("docs/commitments.md has no rebuild-roots.mjs block");
  // Inside the workspace so that the snippet's imports resolve from the repository's node_modules.
  folder = mkdtempSync(join(engineRoot, ".commitments-spec-"));
  const file = join(folder, "rebuild-roots.mjs");
  writeFileSync(file, block);
  spec = (await import(pathToFileURL(file).href)) as Spec;
});

afterAll(() => {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

describe("docs/commitments.md", () => {
  it("lists the leaf types the engine writes", () => {
    const listed = [...page.matchAll(/^Types: `(\[.*\])`$/gm)].map((match) => JSON.parse(match[1] as string));
    expect(listed).toEqual([[...ROUND_RECORD_LEAF_TYPES], [...STANDINGS_LEAF_TYPES], [...RESULT_LEAF_TYPES]]);
  });

  it("rebuilds a round's digest and roots from its published text with OZ alone", async () => {
    const { json, digest, recordsRoot, standingsRoot } = await createRoundArtifact(fixtureRound());
    const round = JSON.parse(json);
    expect(spec.artifactDigest(json)).toBe(digest);
    expect(spec.recordsRoot(round)).toBe(recordsRoot);
    expect(spec.standingsRoot(round)).toBe(standingsRoot);
  });

  it("rebuilds the zero records root of a round without records", async () => {
    const { json } = await createRoundArtifact(fixtureRound({ records: [] }));
    expect(spec.recordsRoot(JSON.parse(json))).toBe(ZERO_BYTES32);
  });

  it("rebuilds the claim tree and its proofs from the results artifact", async () => {
    const { json, resultsRoot, resultsTree } = await createResultsArtifact({
      domain: fixtureDomain,
      rulesHash: fixtureRulesHash,
      scoreMethod: "totalPnl",
      rounds: [],
      results: [
        {
          entrantIndex: 0,
          entrantId: "alpha",
          wallet: fixtureWallets[0] as Address,
          rank: 1,
          score: 5n,
          reward: 9n,
          metrics: {},
          conduct: [],
        },
        {
          entrantIndex: 2,
          entrantId: "beta",
          wallet: fixtureWallets[1] as Address,
          rank: 2,
          score: -7n,
          reward: 0n,
          metrics: {},
          conduct: [],
        },
      ],
      settlement: [],
    });
    const rebuilt = spec.resultsTree(JSON.parse(json));
    expect(rebuilt.root).toBe(resultsRoot);
    expect(rebuilt.getProof(1)).toEqual(resultsTree.getProof(1));
  });

  it("commits a rule-breaking season's conduct records as leaves, and rebuilds their root with OZ alone", async () => {
    // LLMTrader's rules deny stop-loss widening and disqualify wash trading (config/presets/
    // llmtraderSeason.ts); on this 16-hour synthetic market the widening bot is refused at rounds 1, 8
    // and 15 and the wash trader is disqualified at round 8 (its third same-round buy-and-sell pair).
    const bots: BuiltInBotName[] = ["stop-loss-widening", "wash-trading", "momentum"];
    const season = createSeason({
      rules: llmtraderSeason,
      dataset: generateSyntheticMarket({
        seed: "podium-verify",
        assets: llmTraderUniverse.slice(0, 3),
        frequency: "1h",
        start: 1_704_067_200,
        bars: 16,
      }),
      entrants: bots.map((bot, index) => ({
        index,
        name: bot,
        modelFamily: "rule-based",
        configHash: builtInBotConfigHash(bot, bot, {}),
        agent: createBuiltInBot({ bot, id: bot, seed: "verify" }),
      })),
      seed: "verify",
    });
    const hasher = await keccakHasher();
    const conductLeaves: { round: number; entrantIndex: bigint; type: Hex; symbol: Hex; detail: Hex }[] = [];
    while (!season.finished) {
      const output = season.step();
      const input = roundCommitmentInput({ domain: fixtureDomain, roundIndex: output.round, output, season });
      const conduct = output.records.filter(
        (record) => record.type === "conductDenied" || record.type === "conductOutcome",
      );
      const built = await createRoundArtifact(input);
      const round = JSON.parse(built.json);
      // Every conduct record the season produced is in the artifact, in the season's order.
      expect(round.records.filter((record: { type: string }) => record.type.startsWith("conduct"))).toEqual(
        JSON.parse(canonicalJson(conduct)),
      );
      expect(spec.recordsRoot(round)).toBe(built.recordsRoot);
      const entrantIndexOf = new Map(input.entrants.map((entrant) => [entrant.entrantId, entrant.entrantIndex]));
      roundRecordLeaves(hasher, {
        domain: fixtureDomain,
        roundIndex: output.round,
        records: input.records,
        entrantIndexOf,
      })
        .filter((leaf) => leaf[6] === text32("conductDenied") || leaf[6] === text32("conductOutcome"))
        .forEach((leaf) => {
          conductLeaves.push({
            round: output.round,
            entrantIndex: leaf[4],
            type: leaf[6],
            symbol: leaf[7],
            detail: leaf[8],
          });
        });
    }
    const denied = conductLeaves.filter((leaf) => leaf.type === text32("conductDenied"));
    expect(denied.map((leaf) => leaf.round)).toEqual([1, 8, 15]);
    for (const leaf of denied) {
      expect(leaf.entrantIndex).toBe(0n);
      expect(leaf.detail).toBe(text32("stop-loss-widening"));
      expect(leaf.symbol).not.toBe(ZERO_BYTES32);
    }
    expect(conductLeaves.filter((leaf) => leaf.type === text32("conductOutcome"))).toEqual([
      {
        round: 8,
        entrantIndex: 1n,
        type: text32("conductOutcome"),
        symbol: ZERO_BYTES32,
        detail: text32("wash-trading"),
      },
    ]);
  });

  it("detects a changed field, reordered, dropped or added records, and a swapped artifact", async () => {
    const committed = await createRoundArtifact(fixtureRound());
    const round = JSON.parse(committed.json);
    const withRecords = (records: unknown[]) => spec.recordsRoot({ ...round, records });
    // A changed fill price (one unit of 10^-8).
    const changed = structuredClone(round.records);
    changed[0].fill.price = String(BigInt(changed[0].fill.price) + 1n);
    expect(withRecords(changed)).not.toBe(committed.recordsRoot);
    expect(withRecords([round.records[1], round.records[0], ...round.records.slice(2)])).not.toBe(
      committed.recordsRoot,
    );
    expect(withRecords(round.records.slice(0, -1))).not.toBe(committed.recordsRoot);
    expect(withRecords([...round.records, round.records[0]])).not.toBe(committed.recordsRoot);
    // A changed standing field only the standing digest covers.
    const standings = structuredClone(round.standings);
    standings[0].positions[0].markPrice = "1";
    expect(spec.standingsRoot({ ...round, standings })).not.toBe(committed.standingsRoot);
    // Another round's artifact in place of this one: its digest is not the committed one.
    const other = await createRoundArtifact(fixtureRound({ roundIndex: 4 }));
    expect(spec.artifactDigest(other.json)).not.toBe(committed.digest);
  });
});
