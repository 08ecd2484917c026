/**
 * `simulate` with LLM agents, run as a separate Node process exactly as a user runs it, against real
 * local HTTP servers speaking the OpenAI chat completions (json_schema structured output) and the
 * Anthropic Messages (tool_use) wire formats. The child is spawned asynchronously: the servers live
 * in this process and must keep answering while it runs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentConfigHash } from "../agents/agentConfigHash.ts";
import { readDecisionLog } from "../agents/readDecisionLog.ts";
import {
  anthropicToolUse,
  openAiCompletion,
  type ReceivedRequest,
  type ScriptedLlmServer,
  type ScriptedResponse,
  startScriptedLlmServer,
} from "../agents/testing/scriptedLlmServer.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { textHash } from "../season/decisionRecord.ts";

const script = join(dirname(fileURLToPath(import.meta.url)), "simulate.ts");
const scratch = mkdtempSync(join(tmpdir(), "podium-simulate-llm-"));

// Secret-looking values: each must reach its endpoint and appear in no output.
const openAiKey = "sk-podiumtest-OPENAI-6f1d2c9e8b7a4f3e2d1c0b9a";
const anthropicKey = "sk-ant-podiumtest-ANTHROPIC-0a9b8c7d6e5f4a3b2c1d";
const keyEnvironment = { PODIUM_TEST_OPENAI_KEY: openAiKey, PODIUM_TEST_ANTHROPIC_KEY: anthropicKey };

type Run = { status: number | null; stdout: string; stderr: string };

function simulate(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { PODIUM_TEST_OPENAI_KEY: _a, PODIUM_TEST_ANTHROPIC_KEY: _b, ...inherited } = process.env;
    const child = spawn(process.execPath, [script, ...args], {
      cwd: scratch,
      env: { ...inherited, INIT_CWD: scratch, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

// --- the scripted model: every reply is a pure function of the request, so the order in which the
// agents' calls arrive (they run concurrently) cannot change any reply: the run stays deterministic.

/** The user message and whether the call asks for the decision schema, in either wire format. */
function readRequest(request: ReceivedRequest): { user: string; decision: boolean; authorization: string } {
  const body = request.body as {
    messages: { role: string; content: string }[];
    response_format?: unknown;
    tools?: unknown;
  };
  const user = body.messages.find((message) => message.role === "user")?.content ?? "";
  const authorization = String(request.headers.authorization ?? request.headers["x-api-key"] ?? "");
  return { user, decision: body.response_format !== undefined || body.tools !== undefined, authorization };
}

const priceIn = (user: string, symbol: string) => {
  // Market data is fenced JSON written with one-space indentation (promptSections.ts untrustedBlock).
  const match = new RegExp(`"symbol": "${symbol}",[\\s\\S]*?"price": "([0-9.]+)"`).exec(user);
  if (match === null) throw new Error(`no ${symbol} price in the prompt`);
  return Number(match[1]);
};

/**
 * The decision for a round, by its number modulo 4 (four consecutive rounds meet each case once):
 * 0 buys BTC, 3 buys ETH, both with a stop 5% below the price (inside llmtrader's 8%, seed 001);
 * 1 holds, echoing the credential it received (the engine must redact it); 2 is the malformed reply.
 * Notionals of 1,000 and 500 USD at 1x are 10% and 5% of the 10,000 USD start, under the 25% cap.
 */
type ScriptedDecision = { kind: "decision"; value: unknown } | { kind: "malformed" };
function decisionFor(user: string, authorization: string): ScriptedDecision {
  const round = Number(/Round (\d+),/.exec(user)?.[1]);
  const buy = (symbol: string, notional: string) => ({
    symbol,
    side: "buy",
    quantity: null,
    notional,
    leverage: 1,
    stopLoss: (priceIn(user, symbol) * 0.95).toFixed(2),
  });
  switch (round % 4) {
    case 0:
      return {
        kind: "decision",
        value: {
          reasoning: "1. BTC is above its SMA20.\n2. Buy 1000 USD with a 5% stop.",
          orders: [buy("BTC", "1000")],
          stopLossUpdates: [],
        },
      };
    case 1:
      return {
        kind: "decision",
        value: { reasoning: `Hold: no edge this hour. (debug: ${authorization})`, orders: [], stopLossUpdates: [] },
      };
    case 2:
      return { kind: "malformed" };
    default:
      return {
        kind: "decision",
        value: {
          reasoning: "1. ETH momentum turned up.\n2. Buy 500 USD with a 5% stop.",
          orders: [buy("ETH", "500")],
          stopLossUpdates: [],
        },
      };
  }
}

// A short delay per reply, so that calls overlap unless the concurrency limit serializes them.
const delayMs = 15;

function openAiReply(request: ReceivedRequest): ScriptedResponse {
  const { user, decision, authorization } = readRequest(request);
  if (!decision)
    return { delayMs, body: openAiCompletion({ content: "Technical view: BTC bullish 3/5, ETH neutral." }) };
  const reply = decisionFor(user, authorization);
  // OpenAI's malformed reply: JSON cut off mid-way.
  const content =
    reply.kind === "malformed"
      ? '{"reasoning": "BTC looks strong, buying", "orders": [{"sym'
      : JSON.stringify(reply.value);
  return { delayMs, body: openAiCompletion({ content }) };
}

function anthropicReply(request: ReceivedRequest): ScriptedResponse {
  const { user, authorization } = readRequest(request);
  const reply = decisionFor(user, authorization);
  // Anthropic's malformed reply: a tool call whose input is not the decision's shape (orders missing).
  const input = reply.kind === "malformed" ? { reasoning: "buy everything", order: "BTC" } : reply.value;
  return { delayMs, body: anthropicToolUse({ input }) };
}

const promptTemplate = "You are {{name}}, a {{style}} trader of {{symbols}}. Trade with stops.";

function configs(openAi: ScriptedLlmServer, anthropic: ScriptedLlmServer) {
  const gpt = {
    format: "podium.agent-config/1",
    name: "GPT trader",
    modelFamily: "GPT",
    provider: "openai-compatible",
    model: "gpt-test",
    baseUrl: openAi.openAiBaseUrl,
    apiKeyEnv: "PODIUM_TEST_OPENAI_KEY",
    promptTemplate,
    temperature: 0,
    maxTokens: 500,
    timeoutMs: 10_000,
    maxRetries: 1,
    strategyStyle: "momentum",
    visibility: "public",
    markets: ["BTC", "ETH"],
  };
  const claude = {
    ...gpt,
    name: "Claude trader",
    modelFamily: "Claude",
    provider: "anthropic",
    model: "claude-test",
    baseUrl: anthropic.origin,
    apiKeyEnv: "PODIUM_TEST_ANTHROPIC_KEY",
    visibility: "private",
  };
  const team = {
    ...gpt,
    name: "Macro team",
    modelFamily: "other",
    strategyStyle: "macro",
    pipeline: { kind: "team", analysts: ["technical"], debateRounds: 1, riskManager: false },
  };
  return { gpt, claude, team };
}

let openAi: ScriptedLlmServer;
let anthropic: ScriptedLlmServer;
let agentsFile: string;
let entries: ReturnType<typeof configs>;

beforeAll(async () => {
  openAi = await startScriptedLlmServer();
  anthropic = await startScriptedLlmServer();
  // Two runs of 4 rounds: GPT 4 calls a run; the team 1 analyst + 2 assets x (bull, bear) + manager = 6.
  for (let i = 0; i < 200; i++) {
    openAi.script(openAiReply);
    anthropic.script(anthropicReply);
  }
  entries = configs(openAi, anthropic);
  agentsFile = join(scratch, "agents.json");
  writeFileSync(
    agentsFile,
    JSON.stringify([{ llm: entries.gpt }, { bot: "buy-and-hold" }, { llm: entries.claude }, { team: entries.team }]),
  );
});

afterAll(async () => {
  await openAi?.close();
  await anthropic?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const options = (out: string, privateLog: string) => [
  "--preset",
  "llmtrader",
  "--rounds",
  "4",
  "--seed",
  "llm",
  "--concurrency",
  "1",
  "--agents",
  agentsFile,
  "--out",
  out,
  "--private-log",
  privateLog,
];

const filesOf = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((file) => [file, readFileSync(join(dir, file), "utf8")]),
  );

describe("simulate with LLM agents", () => {
  it("--help documents the LLM entries, every agent config field and the key variables", async () => {
    const { status, stdout } = await simulate({}, "--help");
    expect(status).toBe(0);
    for (const text of ['{ "llm": <agent config>, "count"?: n }', '{ "team": <agent config with a pipeline> }'])
      expect(stdout).toContain(text);
    for (const option of ["--concurrency <n>", "--private-log <file>", "decisions.jsonl"])
      expect(stdout).toContain(option);
    // Every field validateAgentConfig accepts for an LLM agent (agents/agentConfig.ts LlmAgentConfig).
    for (const field of [
      "format",
      "name",
      "modelFamily",
      "provider",
      "model",
      "baseUrl",
      "apiKeyEnv",
      "promptTemplate",
      "temperature",
      "maxTokens",
      "timeoutMs",
      "maxRetries",
      "strategyStyle",
      "visibility",
      "risk?",
      "markets?",
      "pipeline",
    ])
      expect(stdout).toMatch(new RegExp(`\\n    ${field.replace("?", "\\?")} +\\S`));
    expect(stdout).toContain("Environment:\n  <apiKeyEnv>");
  });

  it("runs a season mixing LLM traders, a team and a bot; records every decision; never leaks a key; same replies, same bytes", async () => {
    const first = await simulate(keyEnvironment, ...options("run-a", "private-a.jsonl"));
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const second = await simulate(keyEnvironment, ...options("run-b", "private-b.jsonl"));
    expect(second.status).toBe(0);

    // Every call reached its endpoint with the key from the environment (@anthropic-ai/sdk 1.x sends
    // the key as a Bearer token, older versions as x-api-key: either way it is the variable's value).
    expect(openAi.requests.every((request) => request.headers.authorization === `Bearer ${openAiKey}`)).toBe(true);
    expect(
      anthropic.requests.every(
        (request) =>
          request.headers.authorization === `Bearer ${anthropicKey}` || request.headers["x-api-key"] === anthropicKey,
      ),
    ).toBe(true);
    // Per run: GPT 4 + team 4 x 6 = 28 OpenAI calls; Claude 4 Anthropic calls (no retries: every reply arrived).
    expect(openAi.requests).toHaveLength(2 * 28);
    expect(anthropic.requests).toHaveLength(2 * 4);
    // --concurrency 1: the team's and the trader's calls never overlapped although each reply takes 15 ms.
    expect(openAi.peakInFlight).toBe(1);

    const runA = filesOf(join(scratch, "run-a"));
    expect(Object.keys(runA)).toEqual(["decisions.jsonl", "results.json", "rounds.jsonl", "season.json"]);
    // Deterministic: the same scripted replies give the same bytes in every file, private log included.
    expect(filesOf(join(scratch, "run-b"))).toEqual(runA);
    const privateA = readFileSync(join(scratch, "private-a.jsonl"), "utf8");
    expect(readFileSync(join(scratch, "private-b.jsonl"), "utf8")).toBe(privateA);

    // The keys (echoed back by the scripted model in every hold) appear in no file and no output.
    for (const text of [...Object.values(runA), privateA, first.stdout, first.stderr, second.stdout])
      for (const key of [openAiKey, anthropicKey]) expect(text).not.toContain(key);
    expect(privateA).toContain("(debug: Bearer [redacted])");

    // Each LLM entrant's config hash in the header is its agent config hash (the on-chain value).
    const header = JSON.parse(runA["season.json"] as string);
    expect(header.entrants.map((e: { name: string }) => e.name)).toEqual([
      "GPT trader",
      "buy-and-hold",
      "Claude trader",
      "Macro team",
    ]);
    expect(header.entrants[0].configHash).toBe(agentConfigHash(entries.gpt));
    expect(header.entrants[2].configHash).toBe(agentConfigHash(entries.claude));
    expect(header.entrants[3].configHash).toBe(agentConfigHash(entries.team));
    expect(header.entrants[2].modelFamily).toBe("Claude");

    // The rounds: each LLM entrant traded (fills) and recorded exactly one no-trade, the malformed reply.
    const records = (runA["rounds.jsonl"] as string)
      .trimEnd()
      .split("\n")
      .flatMap((line) => JSON.parse(line).records as { type: string; entrantId: string; [key: string]: unknown }[]);
    const expectedNoTrade: Record<string, string> = {
      "0": "MALFORMED_JSON",
      "2": "SCHEMA_MISMATCH",
      "3": "MALFORMED_JSON",
    };
    for (const [entrantId, code] of Object.entries(expectedNoTrade)) {
      const mine = records.filter((record) => record.entrantId === entrantId);
      const decisions = mine.filter((record) => record.type === "decision");
      expect(decisions.map((d) => d.outcome).sort()).toEqual(["hold", "no-trade", "trade", "trade"]);
      expect(decisions.find((d) => d.outcome === "no-trade")?.noTradeReason).toMatchObject({ code });
      expect(mine.filter((record) => record.type === "orderFilled")).toHaveLength(2);
    }

    // The private agent (entrant 2, Claude) got the same scripted reasoning as the public GPT trader
    // (entrant 0): the public records carry it, the private agent's records carry its hash only.
    const btcReasoning = "1. BTC is above its SMA20.\n2. Buy 1000 USD with a 5% stop.";
    const recordText = (entrantId: string) => canonicalJson(records.filter((record) => record.entrantId === entrantId));
    for (const text of ["Buy 1000 USD", "ETH momentum turned up", "no edge this hour"]) {
      expect(recordText("0")).toContain(text);
      expect(recordText("2")).not.toContain(text);
      expect(runA["results.json"]).not.toContain(text);
    }
    expect(recordText("2")).not.toContain('"reasoning"');
    expect(recordText("2")).toContain(textHash(btcReasoning));
    expect(records.filter((record) => record.entrantId === "2" && record.type === "decision")).toContainEqual(
      expect.objectContaining({ visibility: "private", reasoningHash: textHash(btcReasoning) }),
    );

    // decisions.jsonl: one public log per LLM entrant; the private agent's texts are hashes only.
    const publicLines = (runA["decisions.jsonl"] as string).trimEnd().split("\n");
    const publicLogs = publicLines.map((line) => readDecisionLog(line));
    expect(publicLogs.map((log) => [log.agentId, log.visibility])).toEqual([
      ["GPT trader", "public"],
      ["Claude trader", "private"],
      ["Macro team", "public"],
    ]);
    const [gptLog, , teamLog] = publicLogs;
    const [gptText, claudeText] = publicLines;
    expect(gptLog?.records).toHaveLength(4);
    expect(gptText).toContain("You are GPT trader, a momentum trader of BTC, ETH.");
    expect(teamLog?.records[0]?.exchanges.map((e) => e.role)).toEqual([
      "analyst:technical",
      "bull",
      "bear",
      "bull",
      "bear",
      "portfolio-manager",
    ]);
    expect(claudeText).toContain("promptHash");
    expect(claudeText).not.toContain("You are Claude trader");
    expect(claudeText).not.toContain("Buy 1000 USD");
    // The private log holds the full texts of the private agent too.
    const privateLines = privateA.trimEnd().split("\n");
    expect(privateLines.map((line) => readDecisionLog(line).visibility)).toEqual(["public", "private", "public"]);
    expect(privateLines[1]).toContain("You are Claude trader");
    expect(privateLines[1]).toContain("Buy 1000 USD");
    expect(first.stdout).toMatch(/llm entrant 2 Claude trader \(private\): 2 trade, 1 hold, 1 no-trade decisions/);
  }, 180_000);

  it("stops with exit 2 before the season, naming the missing key's variable and never a value", async () => {
    const before = anthropic.requests.length + openAi.requests.length;
    const run = await simulate(
      { PODIUM_TEST_OPENAI_KEY: openAiKey },
      "--rounds",
      "4",
      "--agents",
      agentsFile,
      "--out",
      "missing-key",
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "the environment variable PODIUM_TEST_ANTHROPIC_KEY (the API key of agents[2]) is not set",
    );
    expect(run.stderr).not.toContain(openAiKey);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(anthropic.requests.length + openAi.requests.length).toBe(before);
    expect(readdirSync(scratch)).not.toContain("missing-key");
  });

  it("reports every problem of LLM and team entries at once, with each entry's place", async () => {
    const bad = join(scratch, "bad-llm-agents.json");
    const { temperature: _t, ...noTemperature } = entries.gpt;
    writeFileSync(
      bad,
      JSON.stringify([
        { llm: { ...noTemperature, apiKeyEnv: openAiKey }, count: 0 },
        { team: entries.gpt },
        { llm: entries.team },
        { llm: entries.gpt, bot: "momentum" },
        { llm: entries.gpt, name: "renamed" },
      ]),
    );
    const run = await simulate(keyEnvironment, "--agents", bad);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("7 problems");
    expect(run.stderr).toContain("agents[0].llm.apiKeyEnv: must be the NAME of an environment variable");
    expect(run.stderr).toContain("agents[0].llm.temperature: is required");
    expect(run.stderr).toContain("agents[0].count must be a whole number from 1 to 100000, got 0");
    expect(run.stderr).toContain("agents[1].team.pipeline is required for a team");
    expect(run.stderr).toContain('agents[2].llm has a pipeline: enter a team pipeline as { "team": <config> }');
    expect(run.stderr).toContain('agents[3] has "bot" and "llm": give exactly one per entry');
    expect(run.stderr).toContain("agents[4].name is not a field of a llm entry");
    // The key written into the config by mistake is refused without being repeated.
    expect(run.stderr).not.toContain(openAiKey);
  });
});
