/**
 * Golden tests: whole seasons (goldenSeasons.ts) reproduce their committed output in engine/golden/
 * byte for byte: header, every round's records and standings, results. Any change to the engine
 * that changes a single byte of any season shows here; if the change is intended, regenerate with
 * PODIUM_UPDATE_GOLDEN=1 (npx vitest run src/season/golden.test.ts) and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { goldenSeasons } from "./goldenSeasons.ts";
import { runSeason } from "./runSeason.ts";
import { type SeasonArtifacts, seasonArtifacts } from "./seasonArtifacts.ts";

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "golden");
const update = process.env.PODIUM_UPDATE_GOLDEN === "1";

/** Where two texts first differ, as a line number and the two lines (cut around the difference). */
function firstDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const a = expected.split("\n");
  const b = actual.split("\n");
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
  const left = a[line] ?? "<end of file>";
  const right = b[line] ?? "<end of file>";
  let column = 0;
  while (column < Math.min(left.length, right.length) && left[column] === right[column]) column++;
  const cut = (text: string) => text.slice(Math.max(0, column - 80), column + 80);
  return `line ${line + 1}, column ${column + 1}:\n  committed: …${cut(left)}…\n  generated: …${cut(right)}…`;
}

describe("golden seasons", () => {
  for (const golden of goldenSeasons) {
    it(`${golden.name} reproduces engine/golden/${golden.name}/ byte for byte (${golden.description})`, async () => {
      const artifacts = seasonArtifacts(await runSeason(golden.parameters()));
      const dir = join(goldenDir, golden.name);
      if (update) {
        mkdirSync(dir, { recursive: true });
        for (const [file, text] of Object.entries(artifacts)) writeFileSync(join(dir, file), text);
      }
      for (const file of Object.keys(artifacts) as (keyof SeasonArtifacts)[]) {
        const path = join(dir, file);
        if (!existsSync(path))
          throw new Error(`${path} is missing: run PODIUM_UPDATE_GOLDEN=1 npx vitest run src/season/golden.test.ts`);
        const difference = firstDifference(readFileSync(path, "utf8"), artifacts[file]);
        if (difference !== undefined)
          expect.fail(
            `${golden.name}/${file} differs from the committed golden output at ${difference}\n` +
              "If the change is intended, regenerate with PODIUM_UPDATE_GOLDEN=1 and review the diff.",
          );
      }
    });
  }

  it("points at the first differing line and column", () => {
    expect(firstDifference("a\nbcd\ne", "a\nbXd\ne")).toBe("line 2, column 2:\n  committed: …bcd…\n  generated: …bXd…");
    expect(firstDifference("a\n", "a\nb\n")).toContain("line 2");
    expect(firstDifference("same", "same")).toBeUndefined();
  });
});
