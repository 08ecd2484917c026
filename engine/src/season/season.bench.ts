/**
 * Benchmark of the season loop (`npm run bench`; alone: `node engine/src/season/season.bench.ts
 * [agents] [rounds]`). 1,000 momentum bots (moving-average crossover, long only, each its own
 * fast period) on 8 synthetic hourly assets for a year (8,760 rounds), with every rule on: the
 * LLMTrader risk rules plus a max position size, a hard stop, the end-of-day VaR and market access;
 * the six banned-strategy detectors, config freeze, activity tracking and a minimum trade count.
 * Standings are built after every round. Reported: agent-rounds per second of process CPU time
 * (one core: the loop is single-threaded; CPU time is what a shared, noisy machine does not
 * inflate as much as wall time, though it still moves by 15–40% with the machine's load), wall-clock
 * seconds in the note. Baseline, measured in the same run on the same agents and data: the same loop
 * with no rule at all. Each configuration runs three times (SEASON_BENCH_RUNS), alternating, and the best run of each is
 * reported (every run's rate is in the note). Each run is a process of its own
 * (`--only full|baseline` prints one JSON line): run in one process, the second season ran on code
 * the JIT had optimized for the first one's types and rule set, and its figure moved by up to 40%.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { reportBench } from "@podium/scripts/bench";
import { type BuiltInBotName, builtInBotConfigHash, createBuiltInBot } from "../bots/builtInBots.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { createSeason } from "./createSeason.ts";
import type { SeasonEntrant } from "./seasonEntrant.ts";

const AGENTS = Number(process.argv[2] ?? 1_000);
const ROUNDS = Number(process.argv[3] ?? 8_760);
const ONLY = process.argv[4] === "--only" ? process.argv[5] : undefined;
/** Runs of each configuration (`SEASON_BENCH_RUNS`, default 3): the best is reported. */
const RUNS = Number(process.env.SEASON_BENCH_RUNS ?? 3);
const BOT: BuiltInBotName = "momentum";

const dataset = generateSyntheticMarket({
  seed: "bench",
  assets: llmTraderUniverse.slice(0, 8),
  frequency: "1h",
  start: 1_704_067_200,
  bars: ROUNDS,
});
const symbols = dataset.assets.map((asset) => asset.symbol);

const everyRule: SeasonRules = {
  ...llmtraderSeason,
  markets: { allowed: symbols, onBreach: "deny" },
  risk: {
    ...llmtraderSeason.risk,
    maxPositionSize: { maxNotional: "5000" },
    hardStop: { minCumulativePnl: "-5000" },
    valueAtRisk: { limit: "2000", confidenceBps: 9_500, windowDays: 250, minObservations: 20, checkTimeUtc: "16:15" },
  },
  conduct: {
    ...llmtraderSeason.conduct,
    tournament: "non-daily",
    activity: { minActiveShareBps: 8_000, maxInactiveHours: 24 },
    minTradeCount: 1,
  },
};
const noRule: SeasonRules = { ...llmtraderSeason, markets: { onBreach: "deny" }, risk: {}, conduct: {} };

function entrants(): SeasonEntrant[] {
  return Array.from({ length: AGENTS }, (_, index) => {
    const parameters = {
      fast: 12 + (index % 24),
      slow: 48,
      allowShort: false,
      allocationBps: 1_000,
      thresholdBps: 200,
    };
    const name = `${BOT}-${index}`;
    return {
      index,
      name,
      modelFamily: `family-${index % 5}`,
      configHash: builtInBotConfigHash(BOT, name, parameters),
      agent: createBuiltInBot({ bot: BOT, id: name, seed: "bench", parameters }),
    };
  });
}

function measure(rules: SeasonRules) {
  const season = createSeason({ rules, dataset, entrants: entrants(), seed: "bench", datasetHash: "0x00" });
  let records = 0;
  const wall = performance.now(); // determinism-ok: a benchmark times itself
  const cpu = process.cpuUsage();
  while (!season.finished) records += season.step().records.length;
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  const wallSeconds = (performance.now() - wall) / 1_000; // determinism-ok
  const settle = performance.now(); // determinism-ok
  const results = season.results();
  const settleSeconds = (performance.now() - settle) / 1_000; // determinism-ok
  const trades = results.entrants.reduce((sum, entry) => sum + (entry.metrics.tradeCount ?? 0), 0);
  return { rate: Math.round((AGENTS * ROUNDS) / seconds), seconds, wallSeconds, settleSeconds, records, trades };
}

type Measured = ReturnType<typeof measure>;

/** Runs one configuration in a fresh process (same Node flags) and reads its JSON line. */
function measureApart(configuration: "full" | "baseline"): Measured {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), String(AGENTS), String(ROUNDS), "--only", configuration],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
  );
  return JSON.parse(output.trim().split("\n").at(-1) as string) as Measured;
}

if (ONLY !== undefined) {
  if (ONLY !== "full" && ONLY !== "baseline") throw new Error(`--only takes full or baseline, not ${ONLY}`);
  console.log(JSON.stringify(measure(ONLY === "full" ? everyRule : noRule)));
} else {
  // Each configuration RUNS times, alternating, each run in its own process; the best run of each is
  // reported (the one other work on the machine disturbed least), every run's rate in the note.
  const runs: Record<"baseline" | "full", Measured[]> = { baseline: [], full: [] };
  for (let run = 0; run < RUNS; run++) {
    runs.baseline.push(measureApart("baseline"));
    runs.full.push(measureApart("full"));
  }
  const best = (measured: Measured[]) => measured.reduce((a, b) => (b.rate > a.rate ? b : a));
  const baseline = best(runs.baseline);
  const full = best(runs.full);
  const sizes = `${AGENTS} agents × ${ROUNDS} hourly rounds × ${symbols.length} assets`;
  const rates = (measured: Measured[]) => measured.map((m) => m.rate.toLocaleString("en-US")).join(", ");
  const describe = (m: Measured) =>
    `${m.seconds.toFixed(1)} s CPU, ${m.wallSeconds.toFixed(1)} s wall, ${m.records} records, ${m.trades} trades, settlement ${m.settleSeconds.toFixed(1)} s`;
  reportBench([
    {
      name: "engine.season.agentRoundsPerSecond",
      value: full.rate,
      unit: "agent-rounds/s",
      better: "higher",
      baseline: { name: "same season with no risk or conduct rule", value: baseline.rate },
      note: `${sizes}, momentum bots, every rule on, standings every round; best of ${RUNS} runs per configuration, alternating, each in its own process (all runs: ${rates(runs.full)}; baseline ${rates(runs.baseline)}); best run: ${describe(full)}. Baseline: ${describe(baseline)}. Goal ≥ 1,000,000 on one core.`,
    },
  ]);
}
