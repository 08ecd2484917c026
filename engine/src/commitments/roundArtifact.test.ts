import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { CommittedRecord } from "./committedRecord.ts";
import { createRoundArtifact, type RoundDecisionInput } from "./roundArtifact.ts";
import { ZERO_BYTES32 } from "./shortTextBytes32.ts";
import { fixtureRecords, fixtureRound } from "./testing/roundFixture.ts";

describe("createRoundArtifact", () => {
  it("writes canonical JSON whose keccak256 is the digest, with the roots it commits", async () => {
    const { artifact, json, digest, recordsRoot, standingsRoot, recordsTree, standingsTree } =
      await createRoundArtifact(fixtureRound());
    expect(canonicalJson(JSON.parse(json))).toBe(json); // parsing and rewriting changes no byte
    expect(digest).toBe(keccak256(stringToBytes(json)));
    expect(artifact.recordsRoot).toBe(recordsRoot);
    expect(artifact.standingsRoot).toBe(standingsRoot);
    expect(recordsTree?.root).toBe(recordsRoot);
    expect(recordsTree?.length).toBe(fixtureRecords.length);
    expect(standingsTree.root).toBe(standingsRoot);
    expect(JSON.parse(json)).toMatchObject({
      format: "podium.round.v1",
      domain: { chainId: "31337", arena: "0x5fbdb2315678afecb367f032d93f642f64180aa3", seasonId: "1" },
      roundIndex: 3,
      round: 24,
      time: 1_704_153_600,
      entrants: [
        { entrantIndex: 0, entrantId: "alpha" },
        { entrantIndex: 2, entrantId: "beta" },
      ],
    });
  });

  it("holds the prices used, every decision, record and standing", async () => {
    const parsed = JSON.parse((await createRoundArtifact(fixtureRound())).json);
    // The ETH bar was forward-filled: the flag is kept; prices are 8-decimal strings (2,080 → "208000000000").
    expect(parsed.prices[1]).toEqual({
      symbol: "ETH",
      time: 1_704_153_600,
      open: "220000000000",
      high: "221000000000",
      low: "205000000000",
      close: "208000000000",
      volume: "987600000000",
      filled: true,
    });
    expect(parsed.decisions.map((decision: { entrantIndex: number }) => decision.entrantIndex)).toEqual([0, 2]);
    expect(parsed.decisions[1].orders[0]).toEqual({
      clientOrderId: "b-1",
      symbol: "ETH",
      side: "buy",
      notional: "900000000000",
    });
    expect(parsed.records).toHaveLength(fixtureRecords.length);
    expect(parsed.records[1]).toEqual(JSON.parse(canonicalJson(fixtureRecords[1])));
    expect(parsed.standings[1].status).toBe("terminated");
  });

  it("keeps wall-clock usage and model exchanges out, and the no-trade reason in", async () => {
    const decision = {
      outcome: "no-trade",
      orders: [],
      stopLossUpdates: [],
      reasoning: "",
      noTradeReason: { code: "TIMEOUT", detail: "no reply within 30 s" },
      usage: { inputTokens: 1, outputTokens: 2, latencyMs: 30_000, attempts: 3 },
      exchanges: [{ step: 0, role: "trader", prompt: { system: "s", user: "u" }, reply: null }],
    } as RoundDecisionInput;
    const { json } = await createRoundArtifact(fixtureRound({ decisions: [{ entrantIndex: 0, decision }] }));
    const written = JSON.parse(json).decisions[0];
    expect(written).toEqual({
      entrantIndex: 0,
      outcome: "no-trade",
      orders: [],
      stopLossUpdates: [],
      reasoning: "",
      noTradeReason: { code: "TIMEOUT", detail: "no reply within 30 s" },
    });
  });

  it("is the same bytes whatever the key order of its inputs", async () => {
    const reversedKeys = (value: object) => Object.fromEntries(Object.entries(value).reverse());
    const shuffled = fixtureRecords.map((record) => reversedKeys(record) as CommittedRecord);
    const a = await createRoundArtifact(fixtureRound());
    const b = await createRoundArtifact(fixtureRound({ records: shuffled }));
    expect(b.json).toBe(a.json);
    expect(b.digest).toBe(a.digest);
  });

  it("changes the digest and the records root when a record changes", async () => {
    const a = await createRoundArtifact(fixtureRound());
    const b = await createRoundArtifact(fixtureRound({ records: fixtureRecords.slice(1) }));
    expect(b.digest).not.toBe(a.digest);
    expect(b.recordsRoot).not.toBe(a.recordsRoot);
    expect(b.standingsRoot).toBe(a.standingsRoot);
  });

  it("commits a round without records with the zero records root", async () => {
    const { recordsRoot, recordsTree, artifact } = await createRoundArtifact(fixtureRound({ records: [] }));
    expect(recordsRoot).toBe(ZERO_BYTES32);
    expect(recordsTree).toBeUndefined();
    expect(artifact.recordsRoot).toBe(ZERO_BYTES32);
  });

  it("refuses standings that do not match the entrants, listing both", async () => {
    const round = fixtureRound();
    await expect(createRoundArtifact({ ...round, standings: round.standings.slice(0, 1) })).rejects.toThrow(
      "entrants [0, 2], standings [0]",
    );
  });

  it("refuses a standing whose entrant id is not the entrant's", async () => {
    const round = fixtureRound();
    const swapped = round.standings.map((standing, i) => ({ ...standing, entrantId: i === 0 ? "beta" : "alpha" }));
    await expect(createRoundArtifact({ ...round, standings: swapped })).rejects.toThrow(
      'the standing of entrant index 0 names entrant "beta", not "alpha"',
    );
  });

  it("refuses a price given twice, a decision of a stranger, a shared entrant id and a negative round", async () => {
    const round = fixtureRound();
    const [btc] = round.prices;
    if (btc === undefined) throw new Error("fixture");
    await expect(createRoundArtifact({ ...round, prices: [btc, btc] })).rejects.toThrow("asset BTC has two prices");
    const stranger = { entrantIndex: 7, decision: (round.decisions[0] as { decision: RoundDecisionInput }).decision };
    await expect(createRoundArtifact({ ...round, decisions: [stranger] })).rejects.toThrow("entrant index 7");
    await expect(
      createRoundArtifact({
        ...round,
        entrants: [
          { entrantIndex: 0, entrantId: "alpha" },
          { entrantIndex: 2, entrantId: "alpha" },
        ],
      }),
    ).rejects.toThrow("two entrants share an entrant id");
    await expect(createRoundArtifact({ ...round, roundIndex: -1 })).rejects.toThrow("round index -1");
  });
});
