/**
 * The verifier against a real season: created from a season manifest, simulated by the engine with
 * five built-in bots (two of them breaking LLMTrader's banned-strategy rules), committed to a
 * PodiumArena on an in-process Hardhat node, artifacts and manifest served over HTTP. The honest
 * season verifies and replays from public data alone; each tampering is caught at the first
 * mismatch with the check, round, entrant and field.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalJson, seasonInputs } from "@podium/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineReplay } from "./engineReplay.ts";
import { createManifestReplay } from "./manifestReplay.ts";
import {
  type CommitTampering,
  type CommittedSeason,
  commitSeason,
  type SimulatedSeason,
  simulateSeason,
  startTestChain,
  type TestChain,
  testManifest,
} from "./testing/committedSeason.ts";
import { type Mismatch, VerificationMismatchError } from "./verificationMismatchError.ts";
import { type SeasonReplay, verifySeason } from "./verifySeason.ts";

let chain: TestChain;
let simulated: SimulatedSeason;
let honest: CommittedSeason;

beforeAll(async () => {
  chain = await startTestChain();
  simulated = simulateSeason();
  honest = await commitSeason(chain, simulated);
}, 120_000);

afterAll(async () => {
  await chain?.close();
});

const verify = (seasonId: bigint, options: { artifacts?: string; replay?: SeasonReplay } = {}) =>
  verifySeason({ rpcUrl: chain.rpcUrl, arena: chain.arena, seasonId, ...options });
const fromManifest = (seasonId: bigint) => verify(seasonId, { replay: createManifestReplay() });

async function mismatchOf(run: Promise<unknown>): Promise<Mismatch> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof VerificationMismatchError)) throw new Error(`expected a mismatch, got ${String(error)}`);
  return error.mismatch;
}

/** Rewrites a published file for one check, then puts the committed bytes back. */
async function withServedFile<T>(path: string, change: (text: string) => string, run: () => Promise<T>): Promise<T> {
  const file = join(chain.artifactsDirectory, path);
  const original = readFileSync(file, "utf8");
  writeFileSync(file, change(original));
  try {
    return await run();
  } finally {
    writeFileSync(file, original);
  }
}

const commitTampered = (tampering: CommitTampering) => commitSeason(chain, simulated, tampering);

// The round whose records are tampered with: the first one where some bot traded.
const tradedRound = () => simulated.rounds.findIndex((round) => round.records.some((r) => r.type === "orderFilled"));
const conductRecords = (type: "conductDenied" | "conductOutcome") =>
  simulated.rounds.flatMap((round, roundIndex) =>
    round.records.flatMap((record) => (record.type === type ? [{ roundIndex, record }] : [])),
  );

/** Runs the verify command in a child process. */
const run = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    // Asynchronous: the JSON-RPC server runs in this process and must keep answering.
    const child = spawn(process.execPath, [join(import.meta.dirname, "cli.ts"), ...args]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
const target = () => ["--rpc", chain.rpcUrl, "--arena", chain.arena];

/** The two entrants placed first and second, as positions in the results rows (by entrant index). */
const topTwo = () => {
  const byRank = simulated.results.entrants.filter((entry) => entry.rank !== null);
  const first = byRank[0]?.index as number;
  const second = byRank[1]?.index as number;
  return [Math.min(first, second), Math.max(first, second)] as const;
};

describe("the test season", () => {
  it("has rule-breakers whose conduct records are committed: denials of entrant 2, a disqualification of entrant 3", () => {
    // LLMTrader denies stop-loss widening and disqualifies wash trading (engine/src/config/presets).
    expect(conductRecords("conductDenied").map(({ roundIndex, record }) => [roundIndex, record.entrantId])).toEqual([
      [1, "2"],
      [8, "2"],
      [15, "2"],
    ]);
    expect(conductRecords("conductOutcome")).toMatchObject([
      { roundIndex: 8, record: { entrantId: "3", outcome: { rule: "wash-trading", status: "disqualified" } } },
    ]);
    expect(simulated.results.entrants.find((entry) => entry.entrantId === "3")).toMatchObject({ rank: null });
  });
});

describe("verifySeason on an honest season", () => {
  it("verifies every round, leaf (conduct records included) and result, over HTTP and from a local folder", async () => {
    const summary = await verify(honest.seasonId);
    // 16 rounds; leaves = every record (4 of them conduct records) and standing of every round, plus 5 results.
    const leaves = simulated.rounds.reduce((sum, round) => sum + round.records.length + round.standings.length, 0) + 5;
    expect(summary).toMatchObject({
      chainId: 31_337n,
      seasonId: honest.seasonId,
      roundCount: 16,
      roundsChecked: 16,
      finalized: true,
      leavesRebuilt: leaves,
      replay: undefined,
    });
    const fromFolder = await verify(honest.seasonId, { artifacts: chain.artifactsDirectory });
    expect(fromFolder.leavesRebuilt).toBe(leaves);
  });

  it("replays it from the season manifest alone: rounds, then ranks, scores, rewards and metrics", async () => {
    const expected = {
      roundsReplayed: 16,
      resultsReplayed: true,
      rewardsReplayed: true,
      source: "the season manifest",
    };
    expect((await fromManifest(honest.seasonId)).replay).toEqual(expected);
    // The manifest is read from the folder too (seasons/<keccak256>.json under the base).
    const fromFolder = await verify(honest.seasonId, {
      artifacts: chain.artifactsDirectory,
      replay: createManifestReplay({ artifacts: chain.artifactsDirectory }),
    });
    expect(fromFolder.replay).toEqual(expected);
  }, 60_000);

  it("replays it with given rules (the --rules override): results compared without rewards", async () => {
    const { rules } = seasonInputs(simulated.manifest);
    const summary = await verify(honest.seasonId, { replay: createEngineReplay({ rules, source: "rules.json" }) });
    expect(summary.replay).toEqual({
      roundsReplayed: 16,
      resultsReplayed: true,
      rewardsReplayed: false,
      source: "rules.json",
    });
  }, 60_000);
});

describe("verifySeason detects tampering", () => {
  it("a record field changed in the served artifact: the round's digest", async () => {
    const round = tradedRound();
    const path = honest.roundPaths[round] as string;
    const mismatch = await withServedFile(
      path,
      (text) => text.replace(/"price":"(\d+)"/, (_, price: string) => `"price":"${BigInt(price) + 1n}"`),
      () => mismatchOf(verify(honest.seasonId)),
    );
    expect(mismatch).toMatchObject({ check: "artifact digest", roundIndex: round, field: "artifactDigest" });
  });

  it("round 1's artifact served for round 2: round 2's digest", async () => {
    const roundOne = readFileSync(join(chain.artifactsDirectory, honest.roundPaths[1] as string), "utf8");
    const mismatch = await withServedFile(
      honest.roundPaths[2] as string,
      () => roundOne,
      () => mismatchOf(verify(honest.seasonId)),
    );
    expect(mismatch).toMatchObject({ check: "artifact digest", roundIndex: 2, field: "artifactDigest" });
  });

  it("round 1's artifact committed as round 2 (digest of the swapped bytes): round 2's round index", async () => {
    let roundOne: Record<string, unknown> | undefined;
    const { seasonId } = await commitTampered({
      artifact: (roundIndex, artifact) => {
        if (roundIndex === 1) roundOne = artifact;
        return roundIndex === 2 && roundOne !== undefined ? { ...roundOne, domain: artifact.domain } : artifact;
      },
    });
    const mismatch = await mismatchOf(verify(seasonId));
    expect(mismatch).toMatchObject({
      check: "round artifact",
      roundIndex: 2,
      field: "roundIndex",
      expected: "2",
      found: "1",
    });
  });

  it("a record field changed under a committed digest: the records root", async () => {
    const round = tradedRound();
    const { seasonId } = await commitTampered({
      artifact: (roundIndex, artifact) => {
        if (roundIndex !== round) return artifact;
        const records = artifact.records as { type: string; fill?: { price: string } }[];
        const filled = records.find((record) => record.type === "orderFilled");
        if (filled?.fill === undefined) throw new Error("no fill to tamper with");
        filled.fill.price = String(BigInt(filled.fill.price) + 1n);
        return artifact;
      },
    });
    expect(await mismatchOf(verify(seasonId))).toMatchObject({
      check: "records root",
      roundIndex: round,
      field: "recordsRoot (RoundCommitted)",
    });
  });

  it("a conduct denial's rule changed under a committed digest: the records root", async () => {
    const { seasonId } = await commitTampered({
      artifact: (roundIndex, artifact) => {
        if (roundIndex !== 1) return artifact;
        const records = artifact.records as { type: string; denial?: { rules: string[] } }[];
        const denied = records.find((record) => record.type === "conductDenied");
        if (denied?.denial === undefined) throw new Error("no conduct denial in round 1");
        denied.denial.rules = ["martingale"];
        return artifact;
      },
    });
    expect(await mismatchOf(verify(seasonId))).toMatchObject({
      check: "records root",
      roundIndex: 1,
      field: "recordsRoot (RoundCommitted)",
    });
  });

  it("reordered records: the records root", async () => {
    const round = tradedRound();
    const { seasonId } = await commitTampered({
      artifact: (roundIndex, artifact) => {
        const records = artifact.records as unknown[];
        return roundIndex === round
          ? { ...artifact, records: [records[1], records[0], ...records.slice(2)] }
          : artifact;
      },
    });
    expect(await mismatchOf(verify(seasonId))).toMatchObject({ check: "records root", roundIndex: round });
  });

  it("a dropped record: the records root", async () => {
    const round = tradedRound();
    const { seasonId } = await commitTampered({
      artifact: (roundIndex, artifact) =>
        roundIndex === round ? { ...artifact, records: (artifact.records as unknown[]).slice(0, -1) } : artifact,
    });
    expect(await mismatchOf(verify(seasonId))).toMatchObject({ check: "records root", roundIndex: round });
  });

  it("a changed standing: the standings root", async () => {
    const { seasonId } = await commitTampered({
      artifact: (roundIndex, artifact) => {
        if (roundIndex !== 3) return artifact;
        const standings = artifact.standings as { equity: string }[];
        const first = standings[0] as { equity: string };
        first.equity = String(BigInt(first.equity) + 100_000_000n); // one more unit of equity
        return artifact;
      },
    });
    expect(await mismatchOf(verify(seasonId))).toMatchObject({
      check: "standings root",
      roundIndex: 3,
      field: "standingsRoot (RoundCommitted)",
    });
  });

  it("a changed reward, its tree rebuilt but the payout left: Σ reward against totalPayout", async () => {
    const { seasonId } = await commitTampered({
      results: (rows) => rows.map((row, index) => (index === 0 ? { ...row, reward: row.reward + 1n } : row)),
      // The payout of the honest results: the operator kept it, so it no longer equals Σ reward.
      totalPayout: (computed) => computed - 1n,
    });
    const mismatch = await mismatchOf(verify(seasonId));
    expect(mismatch.check).toBe("payout");
    expect(mismatch.field).toBe("totalPayout (SeasonFinalized) = Σ reward");
    expect(BigInt(mismatch.found) - BigInt(mismatch.expected)).toBe(1n);
  });

  it("a changed reward in the served results: the results digest", async () => {
    const mismatch = await withServedFile(
      honest.resultsPath,
      (text) => {
        const results = JSON.parse(text);
        results.results[0].reward = String(BigInt(results.results[0].reward) + 1n);
        return canonicalJson(results);
      },
      () => mismatchOf(verify(honest.seasonId)),
    );
    expect(mismatch).toMatchObject({ check: "results artifact digest", field: "artifactDigest" });
  });

  it("a changed manifest served at the season's metadataURI: its keccak256 against its name", async () => {
    const mismatch = await withServedFile(
      honest.manifestPath,
      (text) => text.replace('"seed":"verify"', '"seed":"other"'),
      () => mismatchOf(fromManifest(honest.seasonId)),
    );
    expect(mismatch).toMatchObject({ check: "season manifest", field: "keccak256 (metadataURI)" });
  }, 60_000);

  it("another market's manifest (content-addressed, but not the committed rules): the rules hash", async () => {
    const { seasonId } = await commitTampered({
      manifest: (manifest) => ({ ...manifest, dataset: { kind: "synthetic", seed: "another-market" } }),
    });
    const mismatch = await mismatchOf(fromManifest(seasonId));
    expect(mismatch).toMatchObject({
      check: "season manifest",
      field: "rulesHash (manifest rules + dataset)",
      expected: JSON.stringify(simulated.header.rulesHash),
    });
  }, 60_000);
});

describe("the replay catches what a consistently lying operator commits", () => {
  it("a record changed with consistent roots and digest: the replay names round, entrant and field", async () => {
    const round = tradedRound();
    let entrant = -1;
    const { seasonId } = await commitTampered({
      round: (roundIndex, simulatedRound) => {
        if (roundIndex !== round) return simulatedRound;
        const records = simulatedRound.records.map((record) => {
          if (record.type !== "orderFilled" || entrant !== -1) return record;
          entrant = Number(record.entrantId);
          return { ...record, fill: { ...record.fill, price: record.fill.price + 1n } };
        });
        return { ...simulatedRound, records };
      },
    });
    await expect(verify(seasonId)).resolves.toMatchObject({ roundsChecked: 16 }); // the Merkle part passes
    const mismatch = await mismatchOf(fromManifest(seasonId));
    expect(mismatch).toMatchObject({ check: "replay", roundIndex: round, entrantIndex: entrant });
    expect(mismatch.field).toMatch(/^records\[\d+\]\.fill\.price$/);
    expect(BigInt(JSON.parse(mismatch.found)) - BigInt(JSON.parse(mismatch.expected))).toBe(1n);
  }, 60_000);

  it("a disqualification left out of the records, re-rooted: the replay names the conduct record", async () => {
    const { seasonId } = await commitTampered({
      round: (roundIndex, simulatedRound) =>
        roundIndex === 8
          ? { ...simulatedRound, records: simulatedRound.records.filter((record) => record.type !== "conductOutcome") }
          : simulatedRound,
    });
    await expect(verify(seasonId)).resolves.toMatchObject({ roundsChecked: 16 });
    const mismatch = await mismatchOf(fromManifest(seasonId));
    expect(mismatch).toMatchObject({ check: "replay", roundIndex: 8, entrantIndex: 3 });
    const position = simulated.rounds[8]?.records.findIndex((record) => record.type === "conductOutcome") as number;
    expect(mismatch.field.startsWith(`records[${position}].`)).toBe(true);
  }, 60_000);

  it("a price the round did not use, re-rooted: the replay compares it with the manifest's market", async () => {
    const { seasonId } = await commitTampered({
      round: (roundIndex, simulatedRound) => {
        if (roundIndex !== 3) return simulatedRound;
        const [first, ...rest] = simulatedRound.prices;
        if (first === undefined) throw new Error("no price in round 3");
        return {
          ...simulatedRound,
          prices: [{ ...first, bar: { ...first.bar, close: first.bar.close + 1n } }, ...rest],
        };
      },
    });
    expect(await mismatchOf(fromManifest(seasonId))).toMatchObject({
      check: "replay",
      roundIndex: 3,
      field: "prices[0].close",
    });
  }, 60_000);

  it("the first two places' ranks and rewards swapped and re-rooted: the replay names entrant and field", async () => {
    const [low, high] = topTwo();
    const swap = <T extends { rank: number; reward: bigint }>(rows: T[]) =>
      rows.map((row, position) => {
        const other = rows[position === low ? high : low] as T;
        return position === low || position === high ? { ...row, rank: other.rank, reward: other.reward } : row;
      });
    const { seasonId } = await commitTampered({ results: swap });
    // The claim tree, Σ reward and every link verify: only the replay can tell.
    await expect(verify(seasonId)).resolves.toMatchObject({ finalized: true });
    const mismatch = await mismatchOf(fromManifest(seasonId));
    expect(mismatch).toMatchObject({ check: "replay results", entrantIndex: low, field: `results[${low}].rank` });
  }, 60_000);

  it("only the rewards of the first two places swapped and re-rooted: the replay names the reward", async () => {
    const [low, high] = topTwo();
    const { seasonId } = await commitTampered({
      results: (rows) =>
        rows.map((row, position) =>
          position === low || position === high
            ? { ...row, reward: (rows[position === low ? high : low] as typeof row).reward }
            : row,
        ),
    });
    const mismatch = await mismatchOf(fromManifest(seasonId));
    expect(mismatch).toMatchObject({ check: "replay results", entrantIndex: low, field: `results[${low}].reward` });
    expect(BigInt(JSON.parse(mismatch.expected))).not.toBe(BigInt(JSON.parse(mismatch.found)));
  }, 60_000);
});

describe("conduct decided at settlement", () => {
  // Seed 003's daily tournament (engine/src/config/presets/dailyTournament.ts): at least 3 trades in
  // its allowed markets (BTC, ETH), wash trading disqualifies. On this market the wash trader
  // (entrant 3) is disqualified at round 8; the random bot (entrant 4) trades only outside the
  // allowed markets, so the settlement disqualifies it for 0 of 3 trades and liquidates what it holds.
  let settling: SimulatedSeason;
  let settled: CommittedSeason;
  const commitSettling = (tampering: CommitTampering) => commitSeason(chain, settling, tampering);
  const withoutOutcomes = <T extends { type: string }>(records: T[]) =>
    records.filter((record) => record.type !== "conductOutcome");

  beforeAll(async () => {
    settling = simulateSeason({ ...testManifest(), preset: "daily-tournament" });
    settled = await commitSeason(chain, settling);
  }, 120_000);

  it("publishes the settlement's records and every entrant's conduct in the results artifact, and replays them", async () => {
    expect(settling.results.settlementRecords.map((record) => [record.entrantId, record.type])).toEqual([
      ["4", "conductOutcome"],
      ["4", "forcedLiquidation"],
      ["4", "statusChanged"],
    ]);
    const published = JSON.parse(readFileSync(join(chain.artifactsDirectory, settled.resultsPath), "utf8"));
    expect(published.settlement).toEqual(JSON.parse(canonicalJson(settling.results.settlementRecords)));
    expect(published.settlement[0].outcome).toMatchObject({
      action: "disqualify",
      rule: "min-trade-count",
      evidence: { trades: 0, minTrades: 3 },
    });
    expect(published.results.map((row: { conduct: { rule: string }[] }) => row.conduct.map((c) => c.rule))).toEqual([
      [],
      [],
      [],
      ["wash-trading"],
      ["min-trade-count"],
    ]);
    expect((await fromManifest(settled.seasonId)).replay).toMatchObject({
      resultsReplayed: true,
      rewardsReplayed: true,
    });
  }, 60_000);

  it("a settlement disqualification's evidence dropped and re-digested: the replay names the record", async () => {
    // A thorough liar: the record and the entrant's conduct outcome both go, the rank stays.
    const { seasonId } = await commitSettling({
      settlement: withoutOutcomes,
      results: (rows) => rows.map((row) => (row.entrantIndex === 4 ? { ...row, conduct: [] } : row)),
    });
    await expect(verify(seasonId)).resolves.toMatchObject({ finalized: true }); // digest and claim tree agree
    const mismatch = await mismatchOf(fromManifest(seasonId));
    expect(mismatch).toMatchObject({ check: "replay settlement", entrantIndex: 4 });
    expect(mismatch.field.startsWith("settlement[0].")).toBe(true);
    // The --rules path replays the settlement too.
    const { rules } = seasonInputs(settling.manifest);
    const withRules = await mismatchOf(
      verify(seasonId, { replay: createEngineReplay({ rules, source: "rules.json" }) }),
    );
    expect(withRules).toMatchObject({ check: "replay settlement", entrantIndex: 4, field: mismatch.field });
  }, 60_000);

  it("a disqualification invented at settlement for the winner and re-digested: the replay names the extra record", async () => {
    const winner = settling.results.entrants.find((entry) => entry.rank === 1)?.entrantId as string;
    const { seasonId } = await commitSettling({
      settlement: (records) => {
        const [outcome, , status] = records;
        if (outcome?.type !== "conductOutcome" || status?.type !== "statusChanged")
          throw new Error("unexpected settlement");
        return [
          ...records,
          { ...outcome, entrantId: winner, outcome: { ...outcome.outcome, entrant: winner } },
          { ...status, entrantId: winner },
        ];
      },
    });
    await expect(verify(seasonId)).resolves.toMatchObject({ finalized: true });
    expect(await mismatchOf(fromManifest(seasonId))).toEqual({
      check: "replay settlement",
      entrantIndex: Number(winner),
      field: "settlement.length",
      expected: "3",
      found: "5",
    });
  }, 60_000);

  it("the command exits 1 on the dropped evidence, and 0 with --no-replay (the commitments alone agree)", async () => {
    const { seasonId } = await commitSettling({ settlement: withoutOutcomes });
    const season = [...target(), "--season", String(seasonId)];
    const replayed = await run(season);
    expect(replayed.status).toBe(1);
    expect(replayed.stderr).toContain("NOT VERIFIED. Mismatch in replay settlement: entrant 4, field settlement[0].");
    expect((await run([...season, "--no-replay"])).status).toBe(0);
  }, 60_000);

  it("an in-season disqualification left out of the entrant's published conduct: the replay names the conduct", async () => {
    const { seasonId } = await commitSettling({
      results: (rows) => rows.map((row) => (row.entrantIndex === 3 ? { ...row, conduct: [] } : row)),
    });
    expect(await mismatchOf(fromManifest(seasonId))).toMatchObject({
      check: "replay results",
      entrantIndex: 3,
      field: "results[3].conduct.length",
      expected: "1",
      found: "0",
    });
  }, 60_000);
});

describe("the verify command", () => {
  it("with no flags verifies and replays from the season manifest, exit 0", async () => {
    const { status, stdout } = await run([...target(), "--season", String(honest.seasonId)]);
    expect(status).toBe(0);
    expect(stdout).toContain(`Verified season ${honest.seasonId}`);
    expect(stdout).toContain("rounds checked: 16 of 16, results finalized");
    expect(stdout).toContain(
      "replayed: 16 rounds and the results (settlement, ranks, scores, rewards, metrics, conduct), rules from the season manifest",
    );
  }, 60_000);

  it("replays with --rules <file> instead, and checks the commitments only with --no-replay", async () => {
    const rulesFile = join(mkdtempSync(join(tmpdir(), "podium-verify-rules-")), "rules.json");
    writeFileSync(rulesFile, canonicalJson(seasonInputs(simulated.manifest).rules));
    const season = ["--season", String(honest.seasonId)];
    const withRules = await run([...target(), ...season, "--rules", rulesFile, "--json"]);
    expect(withRules.status).toBe(0);
    expect(JSON.parse(withRules.stdout)).toMatchObject({
      verified: true,
      replay: { roundsReplayed: 16, resultsReplayed: true, rewardsReplayed: false, source: `--rules ${rulesFile}` },
    });
    const commitmentsOnly = await run([...target(), ...season, "--no-replay"]);
    expect(commitmentsOnly.status).toBe(0);
    expect(commitmentsOnly.stdout).toContain("replayed: no (--no-replay)");
  }, 60_000);

  it("exits 1 naming the first mismatch, as text and as JSON", async () => {
    const args = [...target(), "--season", String(honest.seasonId)];
    const text = await withServedFile(
      honest.roundPaths[2] as string,
      (t) => `${t} `,
      () => run(args),
    );
    expect(text.status).toBe(1);
    expect(text.stderr).toContain("NOT VERIFIED. Mismatch in artifact digest: round 2, field artifactDigest");
    expect(text.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const json = await withServedFile(
      honest.roundPaths[2] as string,
      (t) => `${t} `,
      () => run([...args, "--json"]),
    );
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      verified: false,
      mismatch: { check: "artifact digest", roundIndex: 2 },
    });
  }, 60_000);

  it("exits 1 on re-rooted results whose rewards the replay does not give", async () => {
    const [low, high] = topTwo();
    const { seasonId } = await commitTampered({
      results: (rows) =>
        rows.map((row, position) =>
          position === low
            ? { ...row, reward: row.reward - 1n }
            : position === high
              ? { ...row, reward: row.reward + 1n }
              : row,
        ),
    });
    const { status, stderr } = await run([...target(), "--season", String(seasonId)]);
    expect(status).toBe(1);
    expect(stderr).toContain(`NOT VERIFIED. Mismatch in replay results: entrant ${low}, field results[${low}].reward`);
  }, 60_000);

  it("exits 2 for a season without a manifest unless told how to replay", async () => {
    const { seasonId } = await commitTampered({ manifest: "none" });
    const season = ["--season", String(seasonId)];
    const bare = await run([...target(), ...season]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain(`Cannot verify: Season ${seasonId} has no season manifest`);
    expect((await run([...target(), ...season, "--no-replay"])).status).toBe(0);
  }, 60_000);

  it("exits 2 with what is wrong for bad arguments, an unknown season and --help documents the options", async () => {
    const bad = await run(["--rpc", chain.rpcUrl, "--arena", "0x12", "--season", "one"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--arena must be the arena's address");
    expect(bad.stderr).toContain("--season must be a season id");
    const both = await run([...target(), "--season", "1", "--rules", "rules.json", "--no-replay"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("--rules and --no-replay exclude each other");
    const missing = await run([...target(), "--season", String(honest.seasonId), "--rules", "/nonexistent/rules.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Cannot verify: Cannot read the rules file /nonexistent/rules.json");
    const unknown = await run([...target(), "--season", "999"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Season 999 does not exist");
    const help = await run(["--help"]);
    expect(help.status).toBe(0);
    for (const option of ["--rpc", "--arena", "--season", "--artifacts", "--rules", "--no-replay", "--json"])
      expect(help.stdout).toContain(option);
  }, 60_000);
});
