import { createRequire } from "node:module";
import { dirname, join, posix, resolve, sep } from "node:path";
import type { SourceText } from "./sourceText.ts";

/** The part of `@nomicfoundation/edr` that Hardhat's coverage uses to instrument a file. */
export type EdrInstrumentation = {
  addStatementCoverageInstrumentation(
    sourceCode: string,
    sourceId: string,
    solidityVersion: string,
  ): {
    source: string;
    metadata: Array<{ tag: Uint8Array; kind: string; startUtf16: number; endUtf16: number }>;
  };
  latestSupportedSolidityVersion(): string;
};

/**
 * EDR as Hardhat itself loads it: resolved from Hardhat's own package, so that the tags come from the
 * very instrumenter that produced the hit data even if another EDR copy is installed elsewhere.
 */
export function loadEdrInstrumentation(rootDir: string): EdrInstrumentation {
  const fromRoot = createRequire(resolve(rootDir, "package.json"));
  const hardhatDir = dirname(fromRoot.resolve("hardhat/package.json"));
  const fromHardhat = createRequire(join(hardhatDir, "package.json"));
  return fromHardhat("@nomicfoundation/edr") as EdrInstrumentation;
}

/**
 * The source name Hardhat 3 gives a project file in its solc input, and hence to EDR:
 * `project/<path relative to the project root>` (HARDHAT_PROJECT_INPUT_SOURCE_NAME_ROOT in
 * hardhat/dist/src/internal/builtin-plugins/solidity/constants.js).
 */
export function hardhatSourceName(relativePath: string): string {
  return `project/${relativePath.split(sep).join(posix.sep)}`;
}

/**
 * The version Hardhat instruments with: the compilation's solc version, capped at the newest one EDR's
 * parser knows (instrumentSolidityFileForCompilationJob in Hardhat's coverage/instrumentation.js).
 */
export function instrumentationVersion(solcVersion: string, latestSupported: string): string {
  const parse = (version: string) => version.split(/[.+-]/).slice(0, 3).map(Number);
  const [a, b] = [parse(solcVersion), parse(latestSupported)];
  for (let i = 0; i < 3; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference < 0 ? solcVersion : latestSupported;
  }
  return solcVersion;
}

/** One statement EDR instruments: its tag, and where it starts (past leading comments/space) and ends. */
export type InstrumentedStatement = {
  readonly tag: string;
  readonly start: number;
  readonly end: number;
};

export type InstrumentedStatementsParameters = {
  edr: EdrInstrumentation;
  text: SourceText;
  /** Path relative to the project root, e.g. `contracts/src/PodiumArena.sol`. */
  relativePath: string;
  solcVersion: string;
};

/**
 * Reproduces the statement metadata Hardhat's coverage hook gets for a file: same call, same arguments,
 * same tag encoding (hex of the tag bytes, hook-handlers/solidity.js). Ranges from EDR include leading
 * trivia; the start is moved past it so that it equals the AST node's start.
 */
export function instrumentedStatements({
  edr,
  text,
  relativePath,
  solcVersion,
}: InstrumentedStatementsParameters): InstrumentedStatement[] {
  const version = instrumentationVersion(solcVersion, edr.latestSupportedSolidityVersion());
  const { metadata } = edr.addStatementCoverageInstrumentation(text.content, hardhatSourceName(relativePath), version);
  return metadata
    .filter((entry) => entry.kind === "statement")
    .map((entry) => ({
      tag: Buffer.from(entry.tag).toString("hex"),
      start: Math.min(text.skipTrivia(entry.startUtf16), entry.endUtf16),
      end: entry.endUtf16,
    }))
    .sort((x, y) => x.start - y.start || y.end - x.end);
}
