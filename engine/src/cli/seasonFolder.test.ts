import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSeasonFolder } from "./seasonFolder.ts";
import { SimulateUsageError } from "./simulateUsageError.ts";

const scratch = mkdtempSync(join(tmpdir(), "podium-folder-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("season folder", () => {
  it("shows nothing at the target until commit, then everything", () => {
    const target = join(scratch, "season");
    const folder = openSeasonFolder(target, false, 1);
    folder.append("rounds.jsonl", "a\n");
    folder.append("rounds.jsonl", "b\n");
    expect(existsSync(target)).toBe(false);
    folder.commit();
    expect(readFileSync(join(target, "rounds.jsonl"), "utf8")).toBe("a\nb\n");
    expect(readdirSync(scratch)).toEqual(["season"]);
  });

  it("leaves no trace when abandoned after a failure, and the previous folder untouched", () => {
    const target = join(scratch, "kept");
    const first = openSeasonFolder(target, false, 2);
    first.append("results.json", "old\n");
    first.commit();
    const second = openSeasonFolder(target, true, 3);
    second.append("results.json", "half");
    second.abandon();
    expect(readFileSync(join(target, "results.json"), "utf8")).toBe("old\n");
    expect(readdirSync(scratch).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("refuses an existing folder without force, and replaces it with force", () => {
    const target = join(scratch, "replaced");
    const first = openSeasonFolder(target, false, 4);
    first.append("season.json", "1\n");
    first.commit();
    writeFileSync(join(target, "stale.txt"), "from before");
    expect(() => openSeasonFolder(target, false, 5)).toThrow(SimulateUsageError);
    const second = openSeasonFolder(target, true, 6);
    second.append("season.json", "2\n");
    second.commit();
    expect(readdirSync(target)).toEqual(["season.json"]);
    expect(readFileSync(join(target, "season.json"), "utf8")).toBe("2\n");
  });
});
