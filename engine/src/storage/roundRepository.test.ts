import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { getCheckpoint, latestCheckpoint } from "./checkpointRepository.ts";
import { inTransaction } from "./podiumDatabase.ts";
import {
  entrantLeaves,
  getRound,
  type LeafInput,
  lastConfirmedRound,
  listRounds,
  markRoundArtifactPublished,
  roundLeaves,
  roundsWithStatus,
  saveSimulatedRound,
  unfinishedRounds,
} from "./roundRepository.ts";
import { registerSeason } from "./seasonRepository.ts";
import { InvalidStorageInputError, StatusTransitionError, StorageConflictError } from "./storageErrors.ts";
import { hash, seasonParameters, testSeason } from "./testing/storageFixtures.ts";
import { openTestStorage, storageBackendsUnderTest, type TestStorage } from "./testing/testStorage.ts";

/** Two entrants' records and standings for a round; values as a commitments leaf would hold them. */
function roundLeavesFor(roundIndex: number, recordCount = 3) {
  const records: LeafInput[] = Array.from({ length: recordCount }, (_, i) => ({
    entrantIndex: i % 2,
    kind: i === 0 ? "orderFilled" : "mark",
    values: [31337n, roundIndex, i % 2, i, hash(`record ${roundIndex}.${i}`)],
  }));
  const standings: LeafInput[] = [0, 1].map((entrantIndex) => ({
    entrantIndex,
    kind: "standing",
    values: [31337n, roundIndex, entrantIndex, 100_000_000n * BigInt(entrantIndex + 1)],
    leafHash: hash(`standing leaf ${roundIndex}.${entrantIndex}`),
  }));
  return { records, standings };
}

function simulatedRound(roundIndex: number, recordCount = 3) {
  return {
    season: testSeason,
    roundIndex,
    recordsRoot: hash(`records root ${roundIndex}`),
    standingsRoot: hash(`standings root ${roundIndex}`),
    ...roundLeavesFor(roundIndex, recordCount),
    checkpoint: new TextEncoder().encode(`{"round":${roundIndex}}`),
  };
}

describe.each(storageBackendsUnderTest())("roundRepository on %s", (backend) => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await openTestStorage(backend);
  });
  afterAll(() => storage?.close());
  beforeEach(async () => {
    await storage.reset();
    await registerSeason(storage, seasonParameters);
  });

  test("stores a simulated round: roots, counts, every leaf in order, and the checkpoint", async () => {
    const saved = await saveSimulatedRound(storage, simulatedRound(0));
    expect(saved.created).toBe(true);
    expect(saved.round).toMatchObject({
      status: "simulated",
      recordsRoot: hash("records root 0"),
      recordCount: 3,
      standingCount: 2,
    });
    const records = await roundLeaves(storage, testSeason, 0, "records");
    expect(records.map((leaf) => [leaf.leafIndex, leaf.entrantIndex, leaf.kind])).toEqual([
      [0, 0, "orderFilled"],
      [1, 1, "mark"],
      [2, 0, "mark"],
    ]);
    // Canonical JSON: bigints as decimal strings, numbers as numbers, in ABI order.
    expect(records[2]?.leafValues).toBe(`["31337",0,0,2,"${hash("record 0.2")}"]`);
    expect(records[2]?.values).toEqual(["31337", 0, 0, 2, hash("record 0.2")]);
    const standings = await roundLeaves(storage, testSeason, 0, "standings");
    expect(standings.map((leaf) => leaf.leafHash)).toEqual([hash("standing leaf 0.0"), hash("standing leaf 0.1")]);
    const checkpoint = await getCheckpoint(storage, testSeason, 0);
    expect(new TextDecoder().decode(checkpoint?.state)).toBe('{"round":0}');
    expect(checkpoint?.state).toBeInstanceOf(Uint8Array);
  });

  test("saving the same round again is a no-op; other roots are a conflict", async () => {
    await saveSimulatedRound(storage, simulatedRound(0));
    const again = await saveSimulatedRound(storage, simulatedRound(0));
    expect(again.created).toBe(false);
    expect(await roundLeaves(storage, testSeason, 0, "records")).toHaveLength(3);

    const error = await saveSimulatedRound(storage, { ...simulatedRound(0), recordsRoot: hash("another root") }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StorageConflictError);
    expect(error).toMatchObject({
      field: "recordsRoot",
      stored: hash("records root 0"),
      attempted: hash("another root"),
    });

    const otherState = { ...simulatedRound(0), checkpoint: new TextEncoder().encode('{"round":"different"}') };
    await expect(saveSimulatedRound(storage, otherState)).rejects.toMatchObject({ field: "checkpoint digest" });
  });

  test("concurrent saves of one round store it once", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => saveSimulatedRound(storage, simulatedRound(0))));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await roundLeaves(storage, testSeason, 0, "records")).toHaveLength(3);
    expect(await roundLeaves(storage, testSeason, 0, "standings")).toHaveLength(2);
  });

  test("a failure after some rows were written rolls the whole round back", async () => {
    // Records are inserted before standings; Postgres refuses the NUL character in text, so the
    // standings statement fails after the records statement wrote its rows.
    const round = simulatedRound(0, 50);
    const standings = round.standings.map((leaf, i) => (i === 1 ? { ...leaf, kind: "bad\u0000kind" } : leaf));
    await expect(saveSimulatedRound(storage, { ...round, standings })).rejects.toThrow();
    expect(await roundLeaves(storage, testSeason, 0, "records")).toHaveLength(0);
    expect(await roundLeaves(storage, testSeason, 0, "standings")).toHaveLength(0);
    expect(await getCheckpoint(storage, testSeason, 0)).toBeUndefined();
    expect((await getRound(storage, testSeason, 0))?.status).toBe("pending");
  });

  test("stores a large round (12,000 records, more than one insert statement) in full", async () => {
    const saved = await saveSimulatedRound(storage, simulatedRound(0, 12_000));
    expect(saved.round.recordCount).toBe(12_000);
    const records = await roundLeaves(storage, testSeason, 0, "records");
    expect(records.map((leaf) => leaf.leafIndex)).toEqual(Array.from({ length: 12_000 }, (_, i) => i));
    expect(records[11_999]?.values).toEqual(["31337", 0, 1, 11_999, hash("record 0.11999")]);
  });

  test("a transaction that throws leaves nothing written", async () => {
    await expect(
      inTransaction(storage, async (tx) => {
        await saveSimulatedRound(tx, simulatedRound(0));
        await markRoundArtifactPublished(tx, {
          season: testSeason,
          roundIndex: 0,
          artifactDigest: hash("artifact 0"),
          artifactUri: "http://127.0.0.1:8787/round-0.json",
        });
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect((await getRound(storage, testSeason, 0))?.status).toBe("pending");
    expect(await roundLeaves(storage, testSeason, 0, "records")).toHaveLength(0);
    expect(await latestCheckpoint(storage, testSeason)).toBeUndefined();
  });

  test("rounds are simulated in order and within the season", async () => {
    await expect(saveSimulatedRound(storage, simulatedRound(1))).rejects.toBeInstanceOf(StatusTransitionError);
    await expect(saveSimulatedRound(storage, simulatedRound(4))).rejects.toBeInstanceOf(InvalidStorageInputError);
    await saveSimulatedRound(storage, simulatedRound(0));
    expect((await saveSimulatedRound(storage, simulatedRound(1))).created).toBe(true);
  });

  test("publishing the artifact: needs the simulated round, is idempotent, refuses another digest", async () => {
    const publish = { season: testSeason, roundIndex: 0, artifactDigest: hash("artifact 0"), artifactUri: "u0" };
    await expect(markRoundArtifactPublished(storage, publish)).rejects.toBeInstanceOf(StatusTransitionError);
    await saveSimulatedRound(storage, simulatedRound(0));
    expect((await markRoundArtifactPublished(storage, publish)).status).toBe("artifact-published");
    expect((await markRoundArtifactPublished(storage, publish)).artifactUri).toBe("u0");
    await expect(markRoundArtifactPublished(storage, { ...publish, artifactUri: "u1" })).rejects.toMatchObject({
      field: "artifactUri",
    });
  });

  test("the latest checkpoint is the highest simulated round's", async () => {
    expect(await latestCheckpoint(storage, testSeason)).toBeUndefined();
    await saveSimulatedRound(storage, simulatedRound(0));
    await saveSimulatedRound(storage, simulatedRound(1));
    const latest = await latestCheckpoint(storage, testSeason);
    expect(latest?.roundIndex).toBe(1);
    expect(new TextDecoder().decode(latest?.state)).toBe('{"round":1}');
  });

  test("looks up one entrant's leaves across rounds", async () => {
    for (const roundIndex of [0, 1, 2]) await saveSimulatedRound(storage, simulatedRound(roundIndex));
    // Entrant 0 has records 0 and 2 of every round (i % 2 === 0).
    const leaves = await entrantLeaves(storage, testSeason, 0, { tree: "records", fromRound: 1 });
    expect(leaves.map((leaf) => [leaf.roundIndex, leaf.leafIndex])).toEqual([
      [1, 0],
      [1, 2],
      [2, 0],
      [2, 2],
    ]);
    const standings = await entrantLeaves(storage, testSeason, 1, { tree: "standings", toRound: 0 });
    expect(standings.map((leaf) => [leaf.roundIndex, leaf.leafIndex])).toEqual([[0, 1]]);
  });

  test("restart queries: nothing confirmed yet, every round unfinished", async () => {
    await saveSimulatedRound(storage, simulatedRound(0));
    expect(await lastConfirmedRound(storage, testSeason)).toBeUndefined();
    expect((await unfinishedRounds(storage, testSeason)).map((round) => round.status)).toEqual([
      "simulated",
      "pending",
      "pending",
      "pending",
    ]);
    expect(await listRounds(storage, testSeason)).toHaveLength(4);
    const pending = await roundsWithStatus(storage, testSeason, ["pending"]);
    expect(pending.map((round) => round.roundIndex)).toEqual([1, 2, 3]);
  });
});
