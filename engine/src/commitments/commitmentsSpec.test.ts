/**
 * docs/commitments.md is the public spec: this runs its rebuild code (the `rebuild-roots.mjs`
 * block, extracted from the page as published) on the engine's artifacts, and checks the leaf types
 * its tables list. The snippet uses only @openzeppelin/merkle-tree and viem, none of the engine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESULT_LEAF_TYPES } from "./resultLeaves.ts";
import { createResultsArtifact } from "./resultsArtifact.ts";
import { createRoundArtifact } from "./roundArtifact.ts";
import { ROUND_RECORD_LEAF_TYPES } from "./roundRecordLeaves.ts";
import { ZERO_BYTES32 } from "./shortTextBytes32.ts";
import { STANDINGS_LEAF_TYPES } from "./standingsLeaves.ts";
import { fixtureDomain, fixtureRound, fixtureRulesHash, fixtureWallets } from "./testing/roundFixture.ts";

type Spec = {
  artifactDigest(text: string): Hex;
  recordsRoot(round: unknown): Hex;
  standingsRoot(round: unknown): Hex;
  resultsTree(results: unknown): StandardMerkleTree<unknown[]>;
};

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
        },
        {
          entrantIndex: 2,
          entrantId: "beta",
          wallet: fixtureWallets[1] as Address,
          rank: 2,
          score: -7n,
          reward: 0n,
          metrics: {},
        },
      ],
    });
    const rebuilt = spec.resultsTree(JSON.parse(json));
    expect(rebuilt.root).toBe(resultsRoot);
    expect(rebuilt.getProof(1)).toEqual(resultsTree.getProof(1));
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
