import { keccak } from "hash-wasm";
import { afterEach, describe, expect, it } from "vitest";
import { testDataset } from "../broker/testDataset.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import type { Agent } from "./agent.ts";
import { buildRoundObservation } from "./buildRoundObservation.ts";
import { createDecisionLog, type DecisionLog, type PrivateAgentPublicRecord } from "./decisionLog.ts";
import { createLlmAgent } from "./llmAgent.ts";
import { InvalidDecisionLogError, readDecisionLog } from "./readDecisionLog.ts";
import { recordDecisions } from "./recordDecisions.ts";
import { createReplayAgent, ReplayRoundMissingError, ReplayTimeMismatchError } from "./replayAgent.ts";
import {
  openAiCompletion,
  openAiError,
  type ReceivedRequest,
  type ScriptedLlmServer,
  startScriptedLlmServer,
} from "./testing/scriptedLlmServer.ts";
import { testLlmConfig } from "./testing/testObservation.ts";

const dataset = testDataset({
  assets: {
    BTC: { assetClass: "crypto-major", bars: [50_000, 50_500, 51_000, 50_800, 49_900] },
    ETH: { assetClass: "crypto-major", bars: [2_000, 2_010, 1_990, 2_020, 2_050] },
  },
});

/** The model of these tests: buys BTC at round 1, moves its stop at round 2, fails at round 3, holds at round 4. */
function scriptedModel(request: ReceivedRequest) {
  const user = (request.body as { messages: { content: string }[] }).messages[1]?.content ?? "";
  const round = Number(/^Round (\d+),/.exec(user)?.[1]);
  if (round === 3) return { status: 500, body: openAiError("internal error") };
  const replies: Record<number, unknown> = {
    1: {
      reasoning: "1. Breakout.\n2. Buy BTC.",
      orders: [{ symbol: "BTC", side: "buy", quantity: "0.04", notional: null, leverage: 2, stopLoss: "47500" }],
      stopLossUpdates: [],
    },
    2: { reasoning: "Trail the stop.", orders: [], stopLossUpdates: [{ symbol: "BTC", stopLoss: "48500" }] },
    4: { reasoning: "Nothing to do.", orders: [], stopLossUpdates: [] },
  };
  return { body: openAiCompletion({ content: JSON.stringify(replies[round] ?? { reasoning: "?", orders: [] }) }) };
}

/** A minimal season loop (the real one is the season runner's): close fills, so mark, then decide and submit. */
async function runSeason(agent: Agent): Promise<RoundRecord[]> {
  const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
  const account = season.createAccount(agent.id);
  const records: RoundRecord[] = [];
  for (let index = 1; index <= 4; index++) {
    const round = season.tape.rounds[index];
    if (round === undefined) throw new Error(`no round ${index}`);
    season.riskEngine.markAccount(account, round, records);
    const decision = await agent.decide(buildRoundObservation({ season, account, round: index }));
    for (const order of decision.orders) season.riskEngine.submitOrder(account, round, order, records);
    for (const update of decision.stopLossUpdates) season.riskEngine.updateStopLoss(account, round, update, records);
  }
  return records;
}

let server: ScriptedLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function liveSeason(visibility: "public" | "private"): Promise<{ records: RoundRecord[]; log: DecisionLog }> {
  server = await startScriptedLlmServer(...Array.from({ length: 4 }, () => scriptedModel));
  const log = createDecisionLog({ agentId: "agent-1", visibility });
  const agent = createLlmAgent({
    id: "agent-1",
    config: testLlmConfig({ baseUrl: server.openAiBaseUrl, maxRetries: 0, visibility }),
  });
  const records = await runSeason(recordDecisions(agent, log));
  return { records, log };
}

describe("decision log and replay", () => {
  it("replays a season from the private log alone, to the same records byte for byte", async () => {
    const { records, log } = await liveSeason("public");
    expect(records.some((record) => record.type === "orderFilled")).toBe(true);
    expect(records.some((record) => record.type === "stopLossUpdated")).toBe(true);
    const published = canonicalJson(log.privateArtifact() as never);
    const modelCalls = server?.requests.length;
    const replayed = await runSeason(createReplayAgent({ id: "agent-1", records: readDecisionLog(published).records }));
    expect(canonicalJson(replayed as never)).toBe(canonicalJson(records as never));
    expect(server?.requests.length).toBe(modelCalls); // no model was called
  });

  it("keeps every prompt and reply with its round, and the usage apart from the committed records", async () => {
    const { log } = await liveSeason("public");
    expect(log.records.map((record) => [record.round, record.outcome, record.noTradeReason?.code ?? ""])).toEqual([
      [1, "trade", ""],
      [2, "trade", ""],
      [3, "no-trade", "HTTP_ERROR"],
      [4, "hold", ""],
    ]);
    const sent = server?.requests.map(
      (request) => (request.body as { messages: { content: string }[] }).messages[1]?.content,
    );
    expect(log.records.map((record) => record.exchanges[0]?.prompt.user)).toEqual(sent);
    expect(log.records[0]?.exchanges[0]?.reply).toContain('"stopLoss":"47500"');
    expect(log.records[2]?.exchanges[0]).toMatchObject({ reply: null, failure: { code: "HTTP_ERROR" } });
    expect(log.metadata.map((m) => m.usage?.attempts)).toEqual([1, 1, 1, 1]);
    const artifact = canonicalJson(log.publicArtifact() as never);
    expect(artifact).not.toContain("latencyMs");
    expect(artifact).not.toContain("inputTokens");
  });

  it("publishes only hashes of a private agent's texts, which the private log reproduces", async () => {
    const { records, log } = await liveSeason("private");
    const publicLog = log.publicArtifact();
    const text = canonicalJson(publicLog as never);
    const first = log.records[0];
    if (first === undefined) throw new Error("no record");
    expect(text).not.toContain(first.exchanges[0]?.prompt.system.slice(0, 60));
    expect(text).not.toContain("Breakout");
    const published = publicLog.records[0] as PrivateAgentPublicRecord;
    // Independent keccak (hash-wasm) of the canonical JSON of each private text.
    expect(published.exchanges[0]?.promptHash).toBe(
      `0x${await keccak(canonicalJson(first.exchanges[0]?.prompt as never), 256)}`,
    );
    expect(published.exchanges[0]?.replyHash).toBe(
      `0x${await keccak(canonicalJson(first.exchanges[0]?.reply as never), 256)}`,
    );
    expect(published.reasoningHash).toBe(`0x${await keccak(JSON.stringify(first.reasoning), 256)}`);
    expect(published.recordHash).toBe(`0x${await keccak(canonicalJson(first as never), 256)}`);
    expect((publicLog.records[2] as PrivateAgentPublicRecord).noTradeCode).toBe("HTTP_ERROR");
    expect((publicLog.records[2] as PrivateAgentPublicRecord).exchanges[0]).toMatchObject({
      replyHash: null,
      failureCode: "HTTP_ERROR",
    });
    // The public log alone replays the season too.
    const replay = createReplayAgent({ id: "agent-1", records: readDecisionLog(text).records });
    expect(canonicalJson((await runSeason(replay)) as never)).toBe(canonicalJson(records as never));
  });

  it("errors for a round the log does not hold, or holds at another time", async () => {
    const { log } = await liveSeason("public");
    const replay = createReplayAgent({ id: "agent-1", records: log.records });
    const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
    const observation = buildRoundObservation({ season, account: season.createAccount("agent-1"), round: 0 });
    await expect(replay.decide(observation)).rejects.toThrow(ReplayRoundMissingError);
    await expect(replay.decide(observation)).rejects.toThrow("No recorded decision of agent-1 for round 0.");
    const shifted = buildRoundObservation({ season, account: season.createAccount("agent-1"), round: 1 });
    await expect(replay.decide({ ...shifted, time: shifted.time + 3_600 })).rejects.toThrow(ReplayTimeMismatchError);
  });

  it("records each round once, in order", () => {
    const log = createDecisionLog({ agentId: "a", visibility: "public" });
    const hold = { orders: [], stopLossUpdates: [], reasoning: "", outcome: "hold" as const };
    log.record({ round: 2, time: 10 }, hold);
    expect(() => log.record({ round: 2, time: 10 }, hold)).toThrow(/recorded after round 2/);
  });

  it("refuses a malformed log, listing every problem", () => {
    expect(() => readDecisionLog("{")).toThrow(InvalidDecisionLogError);
    try {
      readDecisionLog({
        format: "other",
        agentId: "a",
        visibility: "public",
        records: [{ round: 1, time: 5, outcome: "buy", orders: [{ quantity: "1.5" }], stopLossUpdates: [] }],
      });
      throw new Error("expected a failure");
    } catch (error) {
      expect((error as InvalidDecisionLogError).problems).toEqual([
        'format must be "podium.decision-log/1", got "other"',
        "records[0].outcome must be trade, hold or no-trade",
        'records[0].orders[0].quantity must be a decimal string of 8-decimal units, got "1.5"',
      ]);
    }
  });
});
