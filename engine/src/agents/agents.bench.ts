/**
 * What the agent layer costs on top of the model: reply validation against a plain JSON.parse, and a
 * full LLM decision (prompt building, the openai SDK over HTTP, retries machinery, validation)
 * against a bare fetch of a same-sized chat completion, both against one local HTTP server that
 * answers at once. The model's own latency (seconds) dwarfs both; these say the harness is not the
 * bottleneck and how many agents one process can drive per second.
 */
import { reportBench } from "@podium/scripts/bench";
import { FIXED_ONE } from "../money/fixed.ts";
import { createConcurrencyLimit } from "./concurrencyLimit.ts";
import { createLlmAgent } from "./llmAgent.ts";
import { parseDecisionReply } from "./parseDecisionReply.ts";
import { createTeamPipeline } from "./teamPipeline.ts";
import { openAiCompletion, type ReceivedRequest, startScriptedLlmServer } from "./testing/scriptedLlmServer.ts";
import { testAsset, testLlmConfig, testObservation } from "./testing/testObservation.ts";

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9; // determinism-ok: benchmark timing
const observation = testObservation({ equity: 1_000_000 });
const reply = JSON.stringify({
  reasoning: "1. BTC broke out above its 20-bar average.\n2. ETH lags; short a little.\n3. Stops at 6%.",
  orders: [
    { symbol: "BTC", side: "buy", quantity: "0.5", notional: null, leverage: 2, stopLoss: "47000" },
    { symbol: "ETH", side: "sell", quantity: null, notional: "20000", leverage: null, stopLoss: "2120" },
  ],
  stopLossUpdates: [],
});

// 1. Reply validation.
const PARSES = 50_000;
let sink = 0;
let start = process.hrtime.bigint(); // determinism-ok
for (let i = 0; i < PARSES; i++)
  sink += parseDecisionReply({ reply: { kind: "text", text: reply }, observation, agentId: "bench" }).orders.length;
const parsed = PARSES / seconds(start);
start = process.hrtime.bigint(); // determinism-ok
for (let i = 0; i < PARSES; i++) sink += (JSON.parse(reply) as { orders: unknown[] }).orders.length;
const jsonParsed = PARSES / seconds(start);

// 2. LLM decisions over HTTP, 8 agents sharing a concurrency limit of 8.
const DECISIONS = 2_000;
const AGENTS = 8;
const answer = () => ({ body: openAiCompletion({ content: reply }) });
const server = await startScriptedLlmServer(...Array.from({ length: DECISIONS * 2 + 1_000 }, () => answer));
const limit = createConcurrencyLimit(AGENTS);
const agents = Array.from({ length: AGENTS }, (_, i) =>
  createLlmAgent({ id: `bench-${i}`, config: testLlmConfig({ baseUrl: server.openAiBaseUrl }), limit }),
);
start = process.hrtime.bigint(); // determinism-ok
await Promise.all(
  agents.map(async (agent) => {
    for (let i = 0; i < DECISIONS / AGENTS; i++) sink += (await agent.decide(observation)).orders.length;
  }),
);
const decisions = DECISIONS / seconds(start);
const sampleBody = (server.requests[0] as ReceivedRequest).rawBody;
start = process.hrtime.bigint(); // determinism-ok
await Promise.all(
  Array.from({ length: AGENTS }, async () => {
    for (let i = 0; i < DECISIONS / AGENTS; i++) {
      const response = await fetch(`${server.openAiBaseUrl}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: sampleBody,
      });
      sink += ((await response.json()) as { choices: unknown[] }).choices.length;
    }
  }),
);
const bareFetches = DECISIONS / seconds(start);

// 3. Team pipeline of the macro arena: 3 analysts, 5 assets × 2 debate rounds × 2, risk manager, manager = 25 calls.
const macro = ["EURUSD", "SPY", "TLT", "USO", "GLD"].map((symbol) => testAsset(symbol, 100, "commodity"));
const teamObservation = testObservation({
  assets: macro,
  equity: 10_000_000,
  rules: { ...observation.rules, stopOrders: false, maxLeverage: Object.fromEntries(macro.map((a) => [a.symbol, 1])) },
});
const teamReply = JSON.stringify({ reasoning: "hold", orders: [] });
const teamServer = await startScriptedLlmServer(
  ...Array.from({ length: 25 * 40 }, () => () => ({ body: openAiCompletion({ content: teamReply }) })),
);
const pipeline = createTeamPipeline({
  id: "team",
  config: testLlmConfig({
    baseUrl: teamServer.openAiBaseUrl,
    pipeline: { kind: "team", analysts: ["macro", "technical", "sentiment"], debateRounds: 2, riskManager: true },
  }),
  limit: createConcurrencyLimit(AGENTS),
});
const TEAM_ROUNDS = 40;
start = process.hrtime.bigint(); // determinism-ok
for (let i = 0; i < TEAM_ROUNDS; i++) sink += (await pipeline.decide(teamObservation)).exchanges?.length ?? 0;
const teamRounds = TEAM_ROUNDS / seconds(start);
await server.close();
await teamServer.close();

if (Number.isNaN(sink) || FIXED_ONE === 0n) throw new Error("unreachable: keeps the loops from being optimized away");

reportBench([
  {
    name: "engine.agents.parseDecisionReply",
    value: Math.round(parsed),
    unit: "replies/s",
    better: "higher",
    baseline: { name: "JSON.parse of the same reply", value: Math.round(jsonParsed) },
    note: "two orders with stops, full validation against the round (universe, stops, cap, sizes)",
  },
  {
    name: "engine.agents.llmDecision.localHttp",
    value: Math.round(decisions),
    unit: "decisions/s",
    better: "higher",
    baseline: { name: "bare fetch + JSON of the same chat completion", value: Math.round(bareFetches) },
    note: "openai SDK over node:http on 127.0.0.1, 8 agents, concurrency limit 8, instant replies",
  },
  {
    name: "engine.agents.teamPipeline.localHttp",
    value: Math.round(teamRounds * 100) / 100,
    unit: "team-rounds/s",
    better: "higher",
    note: "25 model calls per round (3 analysts, 5 assets x 2 debate rounds x bull/bear, risk manager, manager), instant replies",
  },
]);
