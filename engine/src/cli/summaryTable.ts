import type { MetricValue } from "../metrics/metric.ts";
import type { SeasonResults } from "../season/seasonResults.ts";

const percent = (value: MetricValue) => (value === null ? "—" : `${(value * 100).toFixed(2)}%`);
const decimal = (value: MetricValue, digits = 2) => (value === null ? "—" : value.toFixed(digits));

/** The results as a plain-text table: one row per entrant, best first, then the unranked. */
export function summaryTable(results: SeasonResults): string {
  const header = ["rank", "entrant", "family", "status", "return", "sharpe", "max dd", "trades", "score", "conduct"];
  const rows = results.entrants.map((entry) => [
    entry.rank === null ? "—" : String(entry.rank),
    entry.name,
    entry.modelFamily,
    entry.finalAtRound === null ? entry.status : `${entry.status}@${entry.finalAtRound}`,
    percent(entry.metrics.totalReturn),
    decimal(entry.metrics.sharpeRatio),
    percent(entry.metrics.maxDrawdown),
    String(entry.metrics.tradeCount ?? 0),
    entry.score === null ? "—" : decimal(entry.score, results.scoringMethod === "totalPnl" ? 2 : 3),
    [...new Set(entry.conduct.map((outcome) => `${outcome.action}:${outcome.rule}`))].join(" ") || "—",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const numeric = new Set([0, 4, 5, 6, 7, 8]);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number),
      )
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
