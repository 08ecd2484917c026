import type { BenchRecord } from "./report.ts";

export type BenchMachine = { node: string; platform: string; cpus: number };

const formatNumber = (value: number) =>
  Number.isInteger(value)
    ? value.toLocaleString("en-US")
    : value.toLocaleString("en-US", { maximumSignificantDigits: 4 });

/** The Markdown table committed as `bench/RESULTS.md`. */
export function renderBenchTable(records: readonly BenchRecord[], machine: BenchMachine): string {
  const header = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (scripts/src/bench.ts); do not edit by hand. The machine-readable",
    "figures are in `results.json`. Ratios compare against a baseline measured in the same run.",
    "",
    `Machine: Node ${machine.node}, ${machine.platform}, ${machine.cpus} CPU(s).`,
    "",
  ];
  if (records.length === 0) return `${[...header, "No benchmarks yet."].join("\n")}\n`;
  const rows = records.map((r) => {
    const baseline = r.baseline ? `${formatNumber(r.baseline.value)} (${r.baseline.name})` : "";
    const ratio = r.ratio === undefined ? "" : `${r.ratio}x`;
    return `| ${r.name} | ${formatNumber(r.value)} | ${r.unit} | ${r.better} | ${baseline} | ${ratio} | ${r.note ?? ""} |`;
  });
  return `${[...header, "| name | value | unit | better | baseline | ratio | note |", "| --- | ---: | --- | --- | --- | ---: | --- |", ...rows].join("\n")}\n`;
}
