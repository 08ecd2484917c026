import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Asset } from "./assetClass.ts";
import type { BarFrequency } from "./bar.ts";
import type { BarProblem } from "./barProblem.ts";
import type { BarSeries } from "./barSeries.ts";
import type { DatasetProvenance } from "./dataset.ts";
import { parseCsvBars } from "./parseCsvBars.ts";
import { type FillPolicy, strictFillPolicy, validateBars } from "./validateBars.ts";

/**
 * Reads one asset's OHLCV CSV file (layouts of parseCsvBars.ts), validates it with a fill policy
 * (strict by default: any problem fails) and returns the series with every problem found.
 * Messages name the file by its base name and line.
 */
export type LoadCsvSeriesParameters = {
  path: string;
  asset: Asset;
  frequency: BarFrequency;
  policy?: Partial<FillPolicy>;
  onBadRow?: "reject" | "skip";
  /** Default: real, source `file <name>`, licence "not stated". */
  provenance?: DatasetProvenance;
};

export type LoadCsvSeriesReturnType = { series: BarSeries; problems: BarProblem[] };

export function loadCsvSeries(parameters: LoadCsvSeriesParameters): LoadCsvSeriesReturnType {
  const { path, asset, frequency } = parameters;
  const source = basename(path);
  const { bars: raw, skipped } = parseCsvBars({
    text: readFileSync(path, "utf8"),
    source,
    onBadRow: parameters.onBadRow ?? "reject",
  });
  const { bars, problems } = validateBars({
    symbol: asset.symbol,
    frequency,
    bars: raw,
    policy: { ...strictFillPolicy, ...parameters.policy },
  });
  return {
    series: {
      asset,
      frequency,
      bars,
      provenance: parameters.provenance ?? { kind: "real", source: `file ${source}`, licence: "not stated" },
    },
    problems: [...skipped, ...problems],
  };
}
