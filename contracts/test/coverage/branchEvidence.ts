import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { InvalidBranchEvidenceError } from "./branchCoverageError.ts";
import type { DecidedBranchPoint, SideStatus } from "./sideVerdicts.ts";

/** A side statement data cannot decide, and the test that takes it. */
export type BranchEvidenceEntry = {
  /** The test's name: an `it(...)` title (or a table case's name) in a .ts file, a function in a .t.sol. */
  readonly test: string;
  /** The test file, relative to the project root, under the tests folder. */
  readonly file: string;
  /** How that test takes the side. */
  readonly why: string;
};

/** `<file>:<line>:<kind>:<side>` -> entry. */
export type BranchEvidence = ReadonlyMap<string, BranchEvidenceEntry>;

export type ReadBranchEvidenceParameters = { path: string };

/** Reads the committed allowlist (branch-evidence.json): {"sides": {"<key>": {test, file, why}}}. */
export function readBranchEvidence({ path }: ReadBranchEvidenceParameters): BranchEvidence {
  if (!existsSync(path)) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InvalidBranchEvidenceError(path, `not JSON: ${(error as Error).message}`);
  }
  const sides = (parsed as { sides?: unknown } | null)?.sides;
  if (typeof sides !== "object" || sides === null || Array.isArray(sides)) {
    throw new InvalidBranchEvidenceError(path, 'the top level needs a "sides" object');
  }
  const evidence = new Map<string, BranchEvidenceEntry>();
  for (const [key, value] of Object.entries(sides)) {
    const entry = value as Partial<Record<keyof BranchEvidenceEntry, unknown>> | null;
    const fields = ["test", "file", "why"] as const;
    const missing = fields.filter(
      (field) => typeof entry?.[field] !== "string" || (entry[field] as string).trim() === "",
    );
    if (missing.length > 0) throw new InvalidBranchEvidenceError(path, `${key}: missing ${missing.join(", ")}`);
    if (key.split(":").length !== 4) {
      throw new InvalidBranchEvidenceError(path, `${key}: the key is not <file>:<line>:<kind>:<side>`);
    }
    evidence.set(key, { test: entry?.test as string, file: entry?.file as string, why: entry?.why as string });
  }
  return evidence;
}

/** A side's final status: the data's verdict, or a named test standing in for an unprovable side. */
export type ResolvedStatus = SideStatus | "named-test";

export type ResolvedSide = {
  readonly point: DecidedBranchPoint;
  readonly side: string;
  readonly key: string;
  readonly status: ResolvedStatus;
  readonly reason: string;
  readonly evidence?: BranchEvidenceEntry;
};

export type ApplyBranchEvidenceParameters = {
  points: readonly DecidedBranchPoint[];
  evidence: BranchEvidence;
  rootDir: string;
  /** Folder the named test files must be in, relative to the root (e.g. contracts/test). */
  testsDir: string;
};

export type ApplyBranchEvidenceReturnType = {
  sides: ResolvedSide[];
  /** Entries that are wrong or no longer needed; each one fails the check. */
  problems: string[];
};

/**
 * Resolves unprovable sides with the allowlist. Every entry must earn its place: it must name a side
 * that exists and that the data cannot decide, and a test that exists in the named file.
 */
export function applyBranchEvidence({
  points,
  evidence,
  rootDir,
  testsDir,
}: ApplyBranchEvidenceParameters): ApplyBranchEvidenceReturnType {
  const problems: string[] = [];
  const used = new Set<string>();
  const sides: ResolvedSide[] = [];
  for (const point of points) {
    for (const verdict of point.verdicts) {
      const key = `${point.id}:${verdict.side}`;
      const entry = evidence.get(key);
      if (entry) used.add(key);
      if (entry && verdict.status !== "unprovable") {
        problems.push(
          verdict.status === "taken"
            ? `${key}: statement data already proves it (${verdict.reason}); remove the entry`
            : `${key}: names "${entry.test}" but the data shows the side never ran (${verdict.reason}); that test does not reach it`,
        );
      }
      if (entry && verdict.status === "unprovable") {
        const problem = namedTestProblem(rootDir, testsDir, entry);
        if (problem) problems.push(`${key}: ${problem}`);
        else {
          sides.push({ point, side: verdict.side, key, status: "named-test", reason: verdict.reason, evidence: entry });
          continue;
        }
      }
      sides.push({ point, side: verdict.side, key, status: verdict.status, reason: verdict.reason });
    }
  }
  for (const key of evidence.keys()) {
    if (!used.has(key))
      problems.push(`${key}: no such branch side (the source moved or changed); update or remove the entry`);
  }
  return { sides, problems };
}

/** Why the named test cannot be found, or undefined when it is there. */
export function namedTestProblem(rootDir: string, testsDir: string, entry: BranchEvidenceEntry): string | undefined {
  const inTests = relative(join(rootDir, testsDir), join(rootDir, entry.file));
  if (inTests.startsWith("..") || isAbsolute(inTests)) return `${entry.file} is not under ${testsDir}`;
  const path = join(rootDir, entry.file);
  if (!existsSync(path)) return `test file ${entry.file} does not exist`;
  const text = readFileSync(path, "utf8");
  const name = escapeRegExp(entry.test);
  if (entry.file.endsWith(".sol")) {
    const declared = new RegExp(`function\\s+${name}\\s*\\(`).test(text);
    if (!/^(test|invariant)/.test(entry.test)) return `"${entry.test}" is not a Solidity test name (test*, invariant*)`;
    return declared ? undefined : `no function ${entry.test}() in ${entry.file}`;
  }
  // A test's title is a string literal: in it("...") itself, or in the table of cases it iterates.
  const literal = new RegExp(`(["'\`])${name}\\1`).test(text);
  const hasTests = /\b(it|test)\s*\(/.test(text);
  return literal && hasTests ? undefined : `no test named "${entry.test}" in ${entry.file}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
