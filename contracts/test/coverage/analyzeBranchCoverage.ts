import { findBranchPoints } from "./branchPoints.ts";
import { type EdrInstrumentation, instrumentedStatements } from "./instrumentedStatements.ts";
import { type AnalyzedFile, createProgramIndex } from "./programIndex.ts";
import { type DecidedBranchPoint, decideBranchPoints } from "./sideVerdicts.ts";
import { solidityAsts } from "./solidityAst.ts";
import { createSourceText } from "./sourceText.ts";

export type AnalyzeBranchCoverageParameters = {
  /** Project root: source paths are relative to it, imports are read from it and its node_modules. */
  rootDir: string;
  /** Relative path (as Hardhat reports it, e.g. contracts/src/PodiumArena.sol) -> file text. */
  sources: Record<string, string>;
  /** Hex tag -> summed hit count (readCoverageHits). */
  hits: ReadonlyMap<string, number>;
  edr: EdrInstrumentation;
  /** Where the `solc` package is resolved from (defaults to rootDir). */
  solcFrom?: string;
};

export type AnalyzeBranchCoverageReturnType = {
  points: DecidedBranchPoint[];
  files: AnalyzedFile[];
  solcVersion: string;
  statementCount: number;
  /** Hit tags that belong to a statement of the sources. */
  matchedTags: number;
  /** Hit tags that match no statement: the data is from other sources (or another solc). */
  unmatchedTags: string[];
};

/** Branch points of the sources, each side decided from the statement hits. */
export function analyzeBranchCoverage({
  rootDir,
  sources,
  hits,
  edr,
  solcFrom = rootDir,
}: AnalyzeBranchCoverageParameters): AnalyzeBranchCoverageReturnType {
  const { asts, solcVersion } = solidityAsts({ sources, rootDir, solcFrom });
  const files: AnalyzedFile[] = Object.entries(sources).map(([relativePath, content]) => {
    const text = createSourceText(content);
    const ast = asts.get(relativePath);
    if (!ast) throw new Error(`solidityAsts returned no AST for ${relativePath}`);
    return { relativePath, text, ast, statements: instrumentedStatements({ edr, text, relativePath, solcVersion }) };
  });

  const knownTags = new Set(files.flatMap((file) => file.statements.map((statement) => statement.tag)));
  const unmatchedTags = [...hits.keys()].filter((tag) => !knownTags.has(tag));

  const index = createProgramIndex({ files, hits });
  const points = decideBranchPoints(
    index,
    files.flatMap((file) => findBranchPoints(index, file)),
  );
  return {
    points,
    files,
    solcVersion,
    statementCount: knownTags.size,
    matchedTags: hits.size - unmatchedTags.length,
    unmatchedTags,
  };
}
