import { PodiumError } from "../errors/podiumError.ts";
import { alignSeries } from "./alignSeries.ts";
import { assetClasses } from "./assetClass.ts";
import type { BarSeries } from "./barSeries.ts";
import type { Dataset, DatasetProvenance } from "./dataset.ts";

/**
 * Builds a Dataset from validated series: checks that they fit together (one frequency, unique
 * upper-case symbols, known asset classes), aligns them on one timeline (`alignSeries`, default
 * `intersection`), and labels provenance. Synthetic data stays labelled: a dataset with synthetic
 * provenance must have an id starting with `synthetic-`, a real one must not.
 * Without an explicit `provenance`, series that are all real get `real` with their sources and
 * licences joined by "; "; series from one synthetic generator and seed keep that label; any other
 * mix needs `provenance` to be given.
 */
export type BuildDatasetParameters = {
  id: string;
  series: readonly BarSeries[];
  join?: "intersection" | "union";
  provenance?: DatasetProvenance;
};

export type BuildDatasetErrorType = BuildDatasetError;

export class BuildDatasetError extends PodiumError {
  override name = "BuildDatasetError";
  readonly problems: readonly string[];
  constructor(id: string, problems: readonly string[]) {
    super(`Cannot build dataset "${id}": ${problems.length} problem(s).`, {
      details: problems.map((p) => `\n- ${p}`).join(""),
      hint: "Give every series the same frequency and a unique upper-case symbol; label mixed or synthetic data explicitly.",
    });
    this.problems = problems;
  }
}

const symbolPattern = /^[A-Z0-9]+$/;

export function buildDataset(parameters: BuildDatasetParameters): Dataset {
  const { id, series } = parameters;
  const problems: string[] = [];
  if (id.trim() === "") problems.push("the id is empty");
  if (series.length === 0) problems.push("there are no series");
  const frequencies = [...new Set(series.map((s) => s.frequency))];
  if (frequencies.length > 1) problems.push(`the series mix frequencies ${frequencies.join(" and ")}`);
  const seen = new Set<string>();
  for (const { asset } of series) {
    if (!symbolPattern.test(asset.symbol))
      problems.push(`symbol "${asset.symbol}" is not upper-case letters and digits`);
    if (seen.has(asset.symbol)) problems.push(`symbol ${asset.symbol} appears twice`);
    seen.add(asset.symbol);
    if (!assetClasses.includes(asset.assetClass)) {
      problems.push(
        `${asset.symbol} has unknown asset class "${asset.assetClass}" (known: ${assetClasses.join(", ")})`,
      );
    }
  }
  const provenance = parameters.provenance ?? deriveProvenance(series, problems);
  if (provenance !== undefined) {
    const synthetic = provenance.kind === "synthetic";
    if (synthetic && !id.startsWith("synthetic-"))
      problems.push(`synthetic data needs an id starting with "synthetic-", not "${id}"`);
    if (!synthetic && id.startsWith("synthetic-"))
      problems.push(`real data may not have an id starting with "synthetic-"`);
  }
  if (problems.length > 0 || provenance === undefined) throw new BuildDatasetError(id, problems);

  const aligned = alignSeries({
    series: series.map((s) => ({ symbol: s.asset.symbol, bars: s.bars })),
    join: parameters.join ?? "intersection",
  });
  return {
    id,
    frequency: (series[0] as BarSeries).frequency,
    assets: series.map((s) => ({ ...s.asset })),
    times: aligned.times,
    bars: aligned.bars,
    provenance,
  };
}

function deriveProvenance(series: readonly BarSeries[], problems: string[]): DatasetProvenance | undefined {
  const unique = (values: string[]) => [...new Set(values)].join("; ");
  const real = series.flatMap((s) => (s.provenance.kind === "real" ? [s.provenance] : []));
  const synthetic = series.flatMap((s) => (s.provenance.kind === "synthetic" ? [s.provenance] : []));
  if (real.length === series.length && series.length > 0) {
    return { kind: "real", source: unique(real.map((p) => p.source)), licence: unique(real.map((p) => p.licence)) };
  }
  const labels = new Set(synthetic.map((p) => `${p.generator}\u0000${p.seed}`));
  if (synthetic.length === series.length && labels.size === 1) return { ...(synthetic[0] as DatasetProvenance) };
  if (series.length > 0) {
    problems.push("the series mix provenances (real and synthetic, or several generators/seeds): pass `provenance`");
  }
  return undefined;
}
