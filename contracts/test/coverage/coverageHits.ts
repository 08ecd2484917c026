import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CoverageDataMissingError, InvalidCoverageDataError } from "./branchCoverageError.ts";

export type CoverageHitsParameters = {
  /** Hardhat's coverage folder (`<root>/coverage`); the hit files are under its `data/`. */
  coverageDir: string;
};

export type CoverageHitsReturnType = {
  /** Hex tag -> summed count over every hit file. */
  hits: Map<string, number>;
  /** The hit files read, relative to the coverage folder. */
  files: string[];
};

/**
 * Sums the hit counts of every tag in every `coverage/data/<run kind>/<uuid>.json` that
 * `hardhat test --coverage` wrote (one folder per test kind: nodejs, solidity).
 *
 * What a count means matters to the count rule of sideVerdicts.ts: Hardhat adds 1 per tag per batch
 * EDR reports, and EDR reports the *set* of tags one transaction (or test call) hit, so a count is a
 * number of executions that hit the tag at least once, never split inside a call frame.
 */
export function readCoverageHits({ coverageDir }: CoverageHitsParameters): CoverageHitsReturnType {
  const dataDir = join(coverageDir, "data");
  if (!existsSync(dataDir)) throw new CoverageDataMissingError(dataDir);
  const files = listJsonFiles(dataDir);
  if (files.length === 0) throw new CoverageDataMissingError(dataDir);

  const hits = new Map<string, number>();
  for (const file of files) {
    const shown = relative(coverageDir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new InvalidCoverageDataError(shown, `not JSON (${(error as Error).message})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new InvalidCoverageDataError(shown, "the top level is not an object");
    }
    for (const [tag, count] of Object.entries(parsed)) {
      if (!/^[0-9a-f]+$/.test(tag))
        throw new InvalidCoverageDataError(shown, `key ${JSON.stringify(tag)} is not a hex tag`);
      if (!Number.isSafeInteger(count) || (count as number) < 0) {
        throw new InvalidCoverageDataError(shown, `tag ${tag} has count ${JSON.stringify(count)}, not a count`);
      }
      hits.set(tag, (hits.get(tag) ?? 0) + (count as number));
    }
  }
  return { hits, files: files.map((file) => relative(coverageDir, file)).sort() };
}

function listJsonFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listJsonFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".json")) found.push(path);
  }
  return found;
}
