/**
 * Branch coverage of the Solidity sources, from the statement hits `hardhat test --coverage` leaves in
 * coverage/data (EDR instruments statements only). Run after it, from the project root:
 *
 *   npx hardhat test --coverage && node contracts/test/coverage/branchCoverage.ts
 *
 * Prints a table per file and `Branches: X/Y (Z%)`, lists every side not covered, and exits 1 when a
 * side is not taken, a side statement data cannot decide has no named test in branch-evidence.json,
 * or that file has a wrong entry (2 when the data is missing or stale).
 * Options: --root <dir> --sources <dir> --coverage <dir> --evidence <file> --tests <dir> (see defaults);
 * --all also lists every covered side and why it counts as covered.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { analyzeBranchCoverage } from "./analyzeBranchCoverage.ts";
import { BranchCoverageError, StaleCoverageDataError } from "./branchCoverageError.ts";
import { applyBranchEvidence, readBranchEvidence } from "./branchEvidence.ts";
import { formatBranchReport } from "./branchReport.ts";
import { readCoverageHits } from "./coverageHits.ts";
import { loadEdrInstrumentation } from "./instrumentedStatements.ts";

export type BranchCoverageOptions = {
  rootDir: string;
  /** These four are relative to rootDir (or absolute). */
  sourcesDir: string;
  coverageDir: string;
  evidencePath: string;
  testsDir: string;
  /** List covered sides too, with why each counts as covered. */
  listAll?: boolean;
  /** Where hardhat (hence EDR) and solc are installed (defaults to rootDir). */
  toolsDir?: string;
};

export const DEFAULT_OPTIONS = {
  rootDir: resolve(fileURLToPath(new URL("../../..", import.meta.url))),
  sourcesDir: "contracts/src",
  coverageDir: "coverage",
  evidencePath: "contracts/test/coverage/branch-evidence.json",
  testsDir: "contracts/test",
} as const satisfies BranchCoverageOptions;

export type RunBranchCoverageReturnType = { text: string; exitCode: number };

/** The whole check: read hits and sources, decide every side, apply the evidence, format. */
export function runBranchCoverage(options: BranchCoverageOptions): RunBranchCoverageReturnType {
  const { rootDir, toolsDir = rootDir } = options;
  const { hits, files: hitFiles } = readCoverageHits({ coverageDir: resolve(rootDir, options.coverageDir) });
  const sourcePaths = listSolidityFiles(resolve(rootDir, options.sourcesDir)).map((path) => relative(rootDir, path));
  const sources = Object.fromEntries(sourcePaths.map((path) => [path, readFileSync(join(rootDir, path), "utf8")]));

  const edr = loadEdrInstrumentation(toolsDir);
  const analysis = analyzeBranchCoverage({ rootDir, sources, hits, edr, solcFrom: toolsDir });
  const [unknown] = analysis.unmatchedTags;
  if (unknown !== undefined) throw new StaleCoverageDataError(analysis.unmatchedTags.length, hits.size, unknown);

  const evidence = readBranchEvidence({ path: resolve(rootDir, options.evidencePath) });
  const { sides, problems } = applyBranchEvidence({
    points: analysis.points,
    evidence,
    rootDir,
    testsDir: options.testsDir,
  });
  const report = formatBranchReport({
    files: sourcePaths,
    sides,
    problems,
    evidencePath: options.evidencePath,
    listAll: options.listAll ?? false,
    notes: [
      `hits: ${hitFiles.map((file) => join(options.coverageDir, file)).join(", ")}`,
      `${analysis.matchedTags} hit tags, all matched to the ${analysis.statementCount} statements EDR instruments in ${options.sourcesDir} (solc ${analysis.solcVersion})`,
    ],
  });
  return { text: report.text, exitCode: report.ok ? 0 : 1 };
}

function listSolidityFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSolidityFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".sol")) found.push(path);
  }
  return found.sort();
}

function main(): void {
  const { values } = parseArgs({
    options: {
      root: { type: "string" },
      sources: { type: "string" },
      coverage: { type: "string" },
      evidence: { type: "string" },
      tests: { type: "string" },
      all: { type: "boolean" },
    },
  });
  try {
    const { text, exitCode } = runBranchCoverage({
      rootDir: values.root === undefined ? DEFAULT_OPTIONS.rootDir : resolve(values.root),
      sourcesDir: values.sources ?? DEFAULT_OPTIONS.sourcesDir,
      coverageDir: values.coverage ?? DEFAULT_OPTIONS.coverageDir,
      evidencePath: values.evidence ?? DEFAULT_OPTIONS.evidencePath,
      testsDir: values.tests ?? DEFAULT_OPTIONS.testsDir,
      listAll: values.all ?? false,
    });
    console.log(text);
    process.exitCode = exitCode;
  } catch (error) {
    if (!(error instanceof BranchCoverageError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}

// `hardhat test nodejs` loads every .ts file under contracts/test: run only when invoked as a script.
const invokedPath = process.argv[1];
if (
  invokedPath !== undefined &&
  existsSync(invokedPath) &&
  realpathSync(invokedPath) === fileURLToPath(import.meta.url)
) {
  main();
}
