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
    // The fifth demo wallet plays stop-loss-widening: it opens with a tight stop, widens it next round.
    entrants: 5,
    keepRunning: false,
    skipBuild: true,
    dataDir: join(folder, "data"),
    deploymentsDir: join(folder, "deployments"),
    log: (line) => lines.push(line),
  });
  try {
    // Split 50/30/20 of 5 x 0.01 ETH minus the 5% fee (0.0475 ETH): at least the first place is paid and claims.
    expect(arena.claimed.length).toBeGreaterThan(0);
    expect(arena.claimed.reduce((sum, c) => sum + c.reward, 0n)).toBe(475n * 10n ** 14n);
    expect(lines.join("\n")).toContain("rank  entrant");
    // Under the LLMTrader preset banned strategies are denied, not flagged: the rule-breaker's widenings
    // show as denials (no violation), one per widening attempt, from round 1 on.
    const widener = arena.entrants.find((entrant) => entrant.bot === "stop-loss-widening");
    expect(widener?.denials.total).toBeGreaterThan(0);
    expect(widener?.denials.byReason.get("stop-loss-widening")).toBe(widener?.denials.total);
    const row = lines.find((line) => / stop-loss-widening /.test(line));
    expect(row).toContain(`${widener?.denials.total} (stop-loss-widening ${widener?.denials.total})`);
    // The honest strategies are never refused by a banned-strategy rule.
    for (const bot of ["momentum", "mean-reversion", "buy-and-hold"]) {
      const honest = arena.entrants.find((entrant) => entrant.bot === bot);
      expect([...(honest?.denials.byReason.keys() ?? [])].filter((reason) => reason === reason.toLowerCase())).toEqual(
        [],
      );
    }
    if (arena.verified !== undefined) expect(arena.verified).toBe(true);
  } finally {
    await arena.close();
    rmSync(folder, { recursive: true, force: true });
  }
}, 180_000);
