import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { listRounds } from "./roundRepository.ts";
import { getSeason, listEntrants, registerSeason, setSeasonStatus, upsertEntrants } from "./seasonRepository.ts";
import { StatusTransitionError, StorageConflictError, StorageNotFoundError } from "./storageErrors.ts";
import { address, hash, seasonParameters, testSeason } from "./testing/storageFixtures.ts";
import { openTestStorage, storageBackendsUnderTest, type TestStorage, testClock } from "./testing/testStorage.ts";

describe.each(storageBackendsUnderTest())("seasonRepository on %s", (backend) => {
  const time = testClock();
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await openTestStorage(backend, { clock: time.clock });
  });
  afterAll(() => storage?.close());
  beforeEach(() => storage.reset());

  test("registers a season with one pending round per round, stamped by the injected clock", async () => {
    const { season, created } = await registerSeason(storage, seasonParameters);
    expect(created).toBe(true);
    expect(season).toMatchObject({
      chainId: 31337,
      contract: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
      seasonId: 1n,
      rulesHash: hash("rules"),
      roundCount: 4,
      status: "registered",
      // canonicalJson: sorted keys, bigints as decimal strings.
      params: '{"entryFee":"10000000000000000","roundCount":4,"schedule":"daily"}',
    });
    expect(season.createdAt.getTime()).toBe(time.at);
    const rounds = await listRounds(storage, testSeason);
    expect(rounds.map((round) => [round.roundIndex, round.status])).toEqual([
      [0, "pending"],
      [1, "pending"],
      [2, "pending"],
      [3, "pending"],
    ]);
  });

  test("registering again is idempotent, whatever the address casing", async () => {
    const first = await registerSeason(storage, seasonParameters);
    const again = await registerSeason(storage, {
      ...seasonParameters,
      contract: "0x5FBDB2315678AFECB367F032D93F642F64180AA3",
    });
    expect(again.created).toBe(false);
    expect(again.season.id).toBe(first.season.id);
    expect(await listRounds(storage, testSeason)).toHaveLength(4);
  });

  test("registering the same season with other rules is a conflict naming the field", async () => {
    await registerSeason(storage, seasonParameters);
    const error = await registerSeason(storage, { ...seasonParameters, rulesHash: hash("other rules") }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StorageConflictError);
    expect((error as StorageConflictError).field).toBe("rulesHash");
    expect((await getSeason(storage, testSeason))?.rulesHash).toBe(hash("rules"));
  });

  test("concurrent registrations store the season once", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => registerSeason(storage, seasonParameters)));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.season.id)).size).toBe(1);
    expect(await listRounds(storage, testSeason)).toHaveLength(4);
  });

  test("rejects a malformed key before touching the database", async () => {
    await expect(registerSeason(storage, { ...seasonParameters, contract: "0x1234" })).rejects.toThrow(
      /Invalid contract: "0x1234" is not a 20-byte 0x address/,
    );
    expect(await getSeason(storage, testSeason)).toBeUndefined();
  });

  test("upserts entrants; a config hash may change, the wallet of an index may not", async () => {
    await registerSeason(storage, seasonParameters);
    await upsertEntrants(storage, testSeason, [
      { entrantIndex: 1, wallet: address(0xb), configHash: hash("config b") },
      { entrantIndex: 0, wallet: address(0xa), configHash: hash("config a"), agentRef: "agents/a.json" },
    ]);
    await upsertEntrants(storage, testSeason, [
      { entrantIndex: 1, wallet: address(0xb), configHash: hash("config b2"), configCheck: "matched" },
    ]);
    const entrants = await listEntrants(storage, testSeason);
    expect(entrants.map((e) => [e.entrantIndex, e.wallet, e.configHash, e.agentRef, e.configCheck])).toEqual([
      [0, address(0xa), hash("config a"), "agents/a.json", "unchecked"],
      [1, address(0xb), hash("config b2"), null, "matched"],
    ]);
    const error = await upsertEntrants(storage, testSeason, [
      { entrantIndex: 1, wallet: address(0xc), configHash: hash("config c") },
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect((error as StorageConflictError).stored).toBe(address(0xb));
  });

  test("entrants of an unregistered season are refused with a hint", async () => {
    await expect(
      upsertEntrants(storage, testSeason, [{ entrantIndex: 0, wallet: address(1), configHash: hash("c") }]),
    ).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  test("season status only moves forward, or to cancelled before finalization", async () => {
    await registerSeason(storage, seasonParameters);
    time.at += 1000;
    const running = await setSeasonStatus(storage, testSeason, "running");
    expect(running.status).toBe("running");
    expect(running.updatedAt.getTime()).toBe(time.at);
    expect((await setSeasonStatus(storage, testSeason, "running")).status).toBe("running");
    await expect(setSeasonStatus(storage, testSeason, "registered")).rejects.toBeInstanceOf(StatusTransitionError);
    expect((await setSeasonStatus(storage, testSeason, "cancelled")).status).toBe("cancelled");
    await expect(setSeasonStatus(storage, testSeason, "running")).rejects.toBeInstanceOf(StatusTransitionError);
  });
});
