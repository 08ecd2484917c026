/**
 * The contract between a benchmark file (`*.bench.ts`, run by `npm run bench`) and the runner.
 * A benchmark measures, then calls `reportBench` once with its figures. Under the runner the
 * figures are appended to the file named by PODIUM_BENCH_OUT; run alone, they are printed.
 */
import { appendFileSync } from "node:fs";

export type BenchResult = {
  /** Stable identifier, e.g. `contracts.gas.claim.first`. */
  name: string;
  value: number;
  /** e.g. `gas`, `agent-rounds/s`, `s`, `MB`. */
  unit: string;
  /** Whether a larger value is better; the table shows it next to the ratio. */
  better: "higher" | "lower";
  /** The same quantity for the reference implementation, measured in the same run. */
  baseline?: { name: string; value: number };
  /** Free-form context: sizes, versions, settings. */
  note?: string;
};

export type BenchRecord = BenchResult & { ratio?: number };

/** value / baseline, rounded to 3 decimals: what `bench/results.json` calls the ratio. */
export function benchRatio(result: BenchResult): number | undefined {
  if (result.baseline === undefined || result.baseline.value === 0) return undefined;
  return Math.round((result.value / result.baseline.value) * 1000) / 1000;
}

export function reportBench(results: readonly BenchResult[]): void {
  const records: BenchRecord[] = results.map((result) => {
    const ratio = benchRatio(result);
    return ratio === undefined ? result : { ...result, ratio };
  });
  const out = process.env.PODIUM_BENCH_OUT;
  if (out) {
    const file = process.env.PODIUM_BENCH_FILE ?? "";
    appendFileSync(out, records.map((record) => `${JSON.stringify({ file, ...record })}\n`).join(""));
    return;
  }
  for (const record of records) {
    const baseline = record.baseline
      ? ` (baseline ${record.baseline.name}: ${record.baseline.value}, ratio ${record.ratio})`
      : "";
    process.stdout.write(`${record.name}: ${record.value} ${record.unit}${baseline}\n`);
  }
}
