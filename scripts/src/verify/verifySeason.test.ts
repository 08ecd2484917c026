/**
 * The verifier against a real season: simulated by the engine with three built-in bots, committed
 * to a PodiumArena on an in-process Hardhat node, artifacts served over HTTP. The honest season
 * verifies; each tampering is caught at the first mismatch with the check, round, entrant and field.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson, llmtraderSeason } from "@podium/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineReplay } from "./engineReplay.ts";
import {
  type CommitTampering,
  type CommittedSeason,
  commitSeason,
  type SimulatedSeason,
  simulateSeason,
  startTestChain,
  type TestChain,
} from "./testing/committedSeason.ts";
import { type Mismatch, VerificationMismatchError } from "./verificationMismatchError.ts";
import { verifySeason } from "./verifySeason.ts";

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

const verify = (seasonId: bigint, artifacts?: string) =>
  verifySeason({ rpcUrl: chain.rpcUrl, arena: chain.arena, seasonId, artifacts });

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

describe("verifySeason on an honest season", () => {
  it("verifies every round, leaf and result, over HTTP and from a local folder", async () => {
    const summary = await verify(honest.seasonId);
    // 16 rounds (the simulated bars); leaves = every record and standing of every round plus 3 results.
    const leaves = simulated.rounds.reduce((sum, round) => sum + round.records.length + round.standings.length, 0) + 3;
    expect(summary).toMatchObject({
      chainId: 31_337n,
      seasonId: honest.seasonId,
      roundCount: 16,
      roundsChecked: 16,
      finalized: true,
      leavesRebuilt: leaves,
    });
    const fromFolder = await verify(honest.seasonId, chain.artifactsDirectory);
    expect(fromFolder.leavesRebuilt).toBe(leaves);
  });
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
});

describe("the verify command", () => {
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

  it("exits 0 with a summary for the honest season", async () => {
    const { status, stdout } = await run([...target(), "--season", String(honest.seasonId)]);
    expect(status).toBe(0);
    expect(stdout).toContain(`Verified season ${honest.seasonId}`);
    expect(stdout).toContain("rounds checked: 16 of 16, results finalized");
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

  it("exits 2 with what is wrong for bad arguments, an unknown season and --help documents the options", async () => {
    const bad = await run(["--rpc", chain.rpcUrl, "--arena", "0x12", "--season", "one"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--arena must be the arena's address");
    expect(bad.stderr).toContain("--season must be a season id");
    const unknown = await run([...target(), "--season", "999"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Season 999 does not exist");
    const help = await run(["--help"]);
    expect(help.status).toBe(0);
    for (const option of ["--rpc", "--arena", "--season", "--artifacts", "--json"])
      expect(help.stdout).toContain(option);
  }, 60_000);
});

describe("replay through the engine's rules", () => {
  it("replays the honest season from its recorded decisions", async () => {
    const summary = await verifySeason({
      rpcUrl: chain.rpcUrl,
      arena: chain.arena,
      seasonId: honest.seasonId,
      replay: createEngineReplay({ rules: llmtraderSeason }),
    });
    expect(summary.roundsReplayed).toBe(16);
  }, 60_000);

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
    const mismatch = await mismatchOf(
      verifySeason({
        rpcUrl: chain.rpcUrl,
        arena: chain.arena,
        seasonId,
        replay: createEngineReplay({ rules: llmtraderSeason }),
      }),
    );
    expect(mismatch).toMatchObject({ check: "replay", roundIndex: round, entrantIndex: entrant });
    expect(mismatch.field).toMatch(/^records\[\d+\]\.fill\.price$/);
    expect(BigInt(JSON.parse(mismatch.found)) - BigInt(JSON.parse(mismatch.expected))).toBe(1n);
  }, 60_000);
});
