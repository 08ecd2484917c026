import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { SeasonRules } from "../config/seasonRules.ts";
import { type Asset, type AssetClass, assetClasses } from "../market/assetClass.ts";
import { buildDataset } from "../market/buildDataset.ts";
import type { Dataset } from "../market/dataset.ts";
import { loadCsvSeries } from "../market/loadCsvSeries.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse, macroArenaUniverse } from "../market/universe.ts";
import { datasetWindow } from "../season/datasetWindow.ts";
import { npmMacroDataset } from "./npmMacroDataset.ts";
import type { DatasetSpec, SimulatePreset } from "./simulateArguments.ts";
import { SimulateUsageError } from "./simulateUsageError.ts";

/** Rounds when --rounds is not given: 10 days hourly, a trading year daily, a day, a week. */
export const defaultRounds: Record<SimulatePreset, number> = {
  llmtrader: 240,
  macro: 250,
  "daily-tournament": 24,
  tournament: 168,
};

/** 2024-01-01T00:00:00Z, a Monday: where synthetic markets start unless --from says otherwise. */
const SYNTHETIC_START = 1_704_067_200;
/** 2019-01-02, the first trading day of 2019: where the npm data window starts by default. */
const NPM_START = 1_546_387_200;

const knownAssets = new Map<string, Asset>(
  [...llmTraderUniverse, ...macroArenaUniverse].map((asset) => [asset.symbol, asset]),
);

export type LoadSimulateDatasetParameters = {
  spec: DatasetSpec;
  preset: SimulatePreset;
  rules: SeasonRules;
  rounds: number | undefined;
  from: number | undefined;
};

export type LoadSimulateDatasetReturnType = { dataset: Dataset; notes: string[] };

/** The dataset `--dataset` names, cut to the season's window (--from, --rounds). */
export function loadSimulateDataset(parameters: LoadSimulateDatasetParameters): LoadSimulateDatasetReturnType {
  const { spec, preset, rules, from } = parameters;
  const notes: string[] = [];
  if (spec.kind === "synthetic") {
    const daily = rules.frequency === "1d";
    const dataset = generateSyntheticMarket({
      seed: spec.seed,
      assets: preset === "macro" ? macroArenaUniverse : llmTraderUniverse,
      frequency: rules.frequency,
      start: from ?? SYNTHETIC_START,
      bars: parameters.rounds ?? defaultRounds[preset],
      calendar: daily ? "weekdays" : "24/7",
    });
    notes.push(`synthetic market (seeded generator, seed ${JSON.stringify(spec.seed)}): not real prices`);
    return { dataset, notes };
  }
  if (spec.kind === "npm") {
    const dataset = datasetWindow({
      dataset: npmMacroDataset(),
      from: from ?? NPM_START,
      rounds: parameters.rounds ?? 250,
    });
    return { dataset, notes };
  }
  const files = csvFiles(spec.paths);
  const problems: string[] = [];
  const series = files.flatMap((file) => {
    const asset = assetOfFile(file, problems);
    if (asset === undefined) return [];
    const { series: loaded, problems: found } = loadCsvSeries({
      path: file,
      asset,
      frequency: rules.frequency,
      policy: { calendar: rules.frequency === "1d" ? "weekdays" : "24/7", onProblem: "forward-fill", repair: "clamp" },
    });
    if (found.length > 0)
      notes.push(`${basename(file)}: ${found.length} bar problem(s) repaired or filled (forward-fill policy)`);
    return [loaded];
  });
  if (problems.length > 0) throw new SimulateUsageError(problems);
  const symbols = series.map((s) => s.asset.symbol);
  const whole = buildDataset({ id: `csv-${symbols.join("-").toLowerCase()}`, series });
  const dataset = datasetWindow({
    dataset: whole,
    ...(from === undefined ? {} : { from }),
    ...(parameters.rounds === undefined ? {} : { rounds: parameters.rounds }),
  });
  return { dataset, notes };
}

function csvFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      problems.push(`--dataset csv: ${path} does not exist`);
      continue;
    }
    if (!isDirectory) files.push(path);
    else
      files.push(
        ...readdirSync(path)
          .filter((name) => name.toLowerCase().endsWith(".csv"))
          .sort()
          .map((name) => join(path, name)),
      );
  }
  if (problems.length === 0 && files.length === 0) problems.push("--dataset csv: no .csv file found");
  if (problems.length > 0) throw new SimulateUsageError(problems);
  return files;
}

/** `BTC.csv` (a known symbol) or `ACME.equity-etf.csv` (any symbol, its class named). */
function assetOfFile(file: string, problems: string[]): Asset | undefined {
  const parts = basename(file)
    .replace(/\.csv$/i, "")
    .split(".");
  const symbol = (parts[0] ?? "").toUpperCase();
  const className = parts[1];
  if (className !== undefined) {
    if (!(assetClasses as readonly string[]).includes(className)) {
      problems.push(`${basename(file)}: "${className}" is not an asset class (${assetClasses.join(", ")})`);
      return undefined;
    }
    return { symbol, assetClass: className as AssetClass, name: symbol };
  }
  const known = knownAssets.get(symbol);
  if (known === undefined)
    problems.push(
      `${basename(file)}: ${symbol} is not a known symbol; name the file <SYMBOL>.<class>.csv with a class among ${assetClasses.join(", ")}`,
    );
  return known;
}

/**
 * The preset adapted to the dataset: market lists (traded, allowed, blocked) keep only the symbols
 * the dataset has, with a note for each change (e.g. the macro preset on EUR/USD and SPY data).
 */
export function rulesForDataset(rules: SeasonRules, dataset: Dataset): { rules: SeasonRules; notes: string[] } {
  const available = new Set(dataset.assets.map((asset) => asset.symbol));
  const notes: string[] = [];
  const markets = { ...rules.markets };
  for (const list of ["symbols", "allowed", "blocked"] as const) {
    const symbols = markets[list];
    if (symbols === undefined) continue;
    const kept = symbols.filter((symbol) => available.has(symbol));
    if (kept.length === symbols.length) continue;
    const dropped = symbols.filter((symbol) => !available.has(symbol));
    if (kept.length === 0 && list !== "blocked")
      throw new SimulateUsageError([
        `the ${rules.id} preset's markets.${list} (${symbols.join(", ")}) has no symbol in dataset "${dataset.id}" (${[...available].join(", ")})`,
      ]);
    notes.push(
      `preset markets.${list} restricted to the dataset's symbols: ${kept.join(", ") || "none"} (no data for ${dropped.join(", ")})`,
    );
    if (kept.length === 0) delete markets[list];
    else markets[list] = kept;
  }
  return { rules: { ...rules, markets }, notes };
}
