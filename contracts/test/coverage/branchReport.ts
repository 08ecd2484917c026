import type { ResolvedSide, ResolvedStatus } from "./branchEvidence.ts";

export type BranchReportParameters = {
  /** Files in table order (relative paths); a file without branch points still gets a row. */
  files: readonly string[];
  sides: readonly ResolvedSide[];
  problems: readonly string[];
  /** Where unprovable sides get their named test, for the hint. */
  evidencePath: string;
  /** Extra lines printed under the title (data files read, tags matched, ...). */
  notes?: readonly string[];
  /** Also list every covered side with the reason it counts as covered. */
  listAll?: boolean;
};

export type BranchReportReturnType = {
  text: string;
  /** Every side taken or proven by a named test, and no evidence problem. */
  ok: boolean;
  covered: number;
  total: number;
};

type Counts = Record<ResolvedStatus, number> & { points: number; sides: number };

/** The per-file table, the `Branches: X/Y (Z%)` total, and every side that is not covered. */
export function formatBranchReport({
  files,
  sides,
  problems,
  evidencePath,
  notes = [],
  listAll = false,
}: BranchReportParameters): BranchReportReturnType {
  const empty = (): Counts => ({ points: 0, sides: 0, taken: 0, "named-test": 0, "not-taken": 0, unprovable: 0 });
  const perFile = new Map<string, Counts>(files.map((file) => [file, empty()]));
  const total = empty();
  const seenPoints = new Set<string>();
  for (const side of sides) {
    const file = side.point.file.relativePath;
    const counts = perFile.get(file) ?? empty();
    perFile.set(file, counts);
    for (const target of [counts, total]) {
      target.sides++;
      target[side.status]++;
      if (!seenPoints.has(side.point.id)) target.points++;
    }
    seenPoints.add(side.point.id);
  }

  const header = ["File", "Points", "Sides", "Taken", "Named test", "Not taken", "Not provable"];
  const row = (name: string, c: Counts) => [
    name,
    ...[c.points, c.sides, c.taken, c["named-test"], c["not-taken"], c.unprovable].map(String),
  ];
  const rows = [header, ...[...perFile].map(([file, counts]) => row(file, counts)), row("Total", total)];
  const widths = header.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? "").length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");

  const covered = total.taken + total["named-test"];
  const percent = total.sides === 0 ? 100 : (covered * 100) / total.sides;
  const lines = [
    "Branch coverage (sides decided from statement hits; see contracts/test/coverage/sideVerdicts.ts)",
    ...notes.map((note) => `  ${note}`),
    "",
    format(header),
    rule,
    ...rows.slice(1, -1).map(format),
    rule,
    format(row("Total", total)),
    "",
    `Branches: ${covered}/${total.sides} (${percent.toFixed(2)}%)  [${total.taken} taken per statement data, ${total["named-test"]} proven by named test]`,
  ];

  const list = (title: string, selected: readonly ResolvedSide[], describe: (side: ResolvedSide) => string[]) => {
    if (selected.length === 0) return;
    lines.push("", `${title} (${selected.length}):`);
    for (const side of selected) lines.push(...describe(side).map((line) => `  ${line}`));
  };
  const snippet = (side: ResolvedSide) => {
    const text = side.point.file.text.lineText(side.point.line).trim();
    return `    ${text.length > 110 ? `${text.slice(0, 107)}...` : text}`;
  };
  const location = (side: ResolvedSide) => `${side.point.file.relativePath}:${side.point.line}`;

  list(
    "Not taken",
    sides.filter((side) => side.status === "not-taken"),
    (side) => [`${location(side)}  ${side.point.kind} ${side.side}: ${side.reason}`, snippet(side)],
  );
  list(
    `Not provable from statement data and no named test (add one to ${evidencePath})`,
    sides.filter((side) => side.status === "unprovable"),
    (side) => [`${side.key}: ${side.reason}`, snippet(side)],
  );
  if (listAll) {
    list(
      "Taken per statement data",
      sides.filter((side) => side.status === "taken"),
      (side) => [`${side.key}: ${side.reason}`],
    );
  }
  list(
    "Proven by named test",
    sides.filter((side) => side.status === "named-test"),
    (side) => [`${side.key}  <-  "${side.evidence?.test}" (${side.evidence?.file})`],
  );
  if (problems.length > 0) {
    lines.push("", `Problems in ${evidencePath} (${problems.length}):`, ...problems.map((problem) => `  ${problem}`));
  }

  const ok = total["not-taken"] === 0 && total.unprovable === 0 && problems.length === 0;
  lines.push(
    "",
    ok
      ? `Branch coverage: every side of ${total.points} branch points is covered`
      : `Branch coverage FAILED: ${total["not-taken"]} side(s) not taken, ${total.unprovable} unprovable without a named test, ${problems.length} evidence problem(s)`,
  );
  return { text: lines.join("\n"), ok, covered, total: total.sides };
}
