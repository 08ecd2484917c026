import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parseArenaArguments, runArena } from "./arena.ts";

test("bad arena arguments are refused with what to fix", () => {
  expect(() => parseArenaArguments(["--rounds", "0"])).toThrow("--rounds must be a whole number from 1 to 2000");
  expect(parseArenaArguments(["--help"])).toBe("help");
});

test("the arena runs a small season end to end: commitments, finalization, claims, verification", async () => {
  const folder = mkdtempSync(join(tmpdir(), "podium-arena-"));
  const lines: string[] = [];
  const arena = await runArena({
    rounds: 6,
    seed: "arena-test",
    entrants: 4,
    keepRunning: false,
    skipBuild: true,
    dataDir: join(folder, "data"),
    deploymentsDir: join(folder, "deployments"),
    log: (line) => lines.push(line),
  });
  try {
    // Split 50/30/20 of 4 x 0.01 ETH minus the 5% fee: at least the first place is paid and claims.
    expect(arena.claimed.length).toBeGreaterThan(0);
    expect(arena.claimed.reduce((sum, c) => sum + c.reward, 0n)).toBe(38n * 10n ** 15n);
    expect(lines.join("\n")).toContain("rank  entrant");
    if (arena.verified !== undefined) expect(arena.verified).toBe(true);
  } finally {
    await arena.close();
    rmSync(folder, { recursive: true, force: true });
  }
}, 180_000);
