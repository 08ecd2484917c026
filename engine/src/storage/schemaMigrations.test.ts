import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { describe, expect, test } from "vitest";
import { migrationsFolder } from "./migrateDatabase.ts";
import * as schema from "./schema.ts";

type Journal = { entries: { idx: number; tag: string }[] };

describe("the committed migrations", () => {
  test("are up to date with schema.ts (otherwise run `npx drizzle-kit generate` in engine/)", async () => {
    const journal = JSON.parse(await readFile(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
    const last = journal.entries.at(-1);
    if (last === undefined) throw new Error("the migration journal is empty");
    const snapshotFile = join(migrationsFolder, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`);
    const committed = JSON.parse(await readFile(snapshotFile, "utf8"));
    // drizzle-kit's own diff, as `drizzle-kit generate` computes it: no statement means nothing to generate.
    const current = generateDrizzleJson(schema, committed.id);
    expect(await generateMigration(committed, current)).toEqual([]);
  });
});
