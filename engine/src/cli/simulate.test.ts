/**
 * The `simulate` command, run as a separate Node process exactly as a user runs it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { builtInBotNames } from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";

const script = join(dirname(fileURLToPath(import.meta.url)), "simulate.ts");
const scratch = mkdtempSync(join(tmpdir(), "podium-simulate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function simulate(...args: string[]) {
  const run = spawnSync(process.execPath, [script, ...args], {
    cwd: scratch,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: scratch },
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("simulate", () => {
  it("--help documents every option, dataset form, bot and exit code", () => {
    const { status, stdout } = simulate("--help");
    expect(status).toBe(0);
    for (const text of [
      "--preset",
      "--dataset",
      "--agents",
      "--rounds",
      "--from",
      "--seed",
      "--split",
      "--out",
      "--force",
    ])
      expect(stdout).toContain(text);
    for (const text of [
      "synthetic[:seed]",
      "csv:",
      "npm:sp500-eurusd",
      "llmtrader",
      "macro",
      "daily-tournament",
      "tournament",
    ])
      expect(stdout).toContain(text);
    for (const bot of builtInBotNames) expect(stdout).toContain(`    ${bot}`);
    expect(stdout).toMatch(/Exit codes: 0 done, 2 bad input/);
  });

  it("runs a season, writes canonical JSON, prints the table, and the same options give the same bytes", () => {
    const first = simulate(
      "--preset",
      "llmtrader",
      "--rounds",
      "48",
      "--seed",
      "cli",
      "--split",
      "6000,4000",
      "--out",
      "run-a",
    );
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/rank\s+entrant\s+family\s+status\s+return\s+sharpe/);
    expect(first.stdout).toContain("wrote ");
    const dir = join(scratch, "run-a");
    expect(readdirSync(dir).sort()).toEqual(["results.json", "rounds.jsonl", "season.json"]);
    const rounds = readFileSync(join(dir, "rounds.jsonl"), "utf8").trimEnd().split("\n");
    expect(rounds).toHaveLength(48);
    const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
    expect(`${canonicalJson(results)}\n`).toBe(readFileSync(join(dir, "results.json"), "utf8"));
    expect(results.entrants).toHaveLength(builtInBotNames.length);
    expect(results.rewardSplitBps).toEqual([6_000, 4_000]);
    const second = simulate("--rounds", "48", "--seed", "cli", "--split", "6000,4000", "--out", "run-b");
    expect(second.status).toBe(0);
    for (const file of ["season.json", "rounds.jsonl", "results.json"])
      expect(readFileSync(join(scratch, "run-b", file), "utf8")).toBe(readFileSync(join(dir, file), "utf8"));
  });

  it("runs the agents of a file, and the macro preset on the real npm data with its markets restricted", () => {
    const agents = join(scratch, "agents.json");
    writeFileSync(
      agents,
      JSON.stringify([
        { bot: "buy-and-hold", count: 2 },
        { bot: "momentum", name: "trend", parameters: { fast: 5, slow: 20 } },
      ]),
    );
    const { status, stdout } = simulate(
      "--preset",
      "macro",
      "--dataset",
      "npm:sp500-eurusd",
      "--from",
      "2019-06-03",
      "--rounds",
      "40",
      "--agents",
      agents,
    );
    expect(status).toBe(0);
    expect(stdout).toContain(
      "dataset npm-eurusd-sp500-daily@1559520000+40: EURUSD, SPY, 40 rounds from 2019-06-03T00:00:00Z",
    );
    expect(stdout).toContain(
      "note: preset markets.symbols restricted to the dataset's symbols: EURUSD, SPY (no data for TLT, USO, GLD)",
    );
    for (const name of ["buy-and-hold-1", "buy-and-hold-2", "trend"]) expect(stdout).toContain(name);
  });

  it("reads CSV files named after their symbols", () => {
    const csv = join(scratch, "csv");
    mkdirSync(csv);
    const hours = Array.from({ length: 30 }, (_, i) =>
      `2024-03-01T${String(i % 24).padStart(2, "0")}:00:00Z`.replace(
        "2024-03-01",
        i < 24 ? "2024-03-01" : "2024-03-02",
      ),
    );
    const lines = (base: number) => [
      "timestamp,open,high,low,close,volume",
      ...hours.map((time, i) => `${time},${base + i},${base + i + 1},${base + i - 1},${base + i + 0.5},10`),
    ];
    writeFileSync(join(csv, "BTC.csv"), lines(100).join("\n"));
    writeFileSync(join(csv, "ACME.equity-etf.csv"), lines(50).join("\n"));
    const { status, stdout, stderr } = simulate("--dataset", `csv:${csv}`, "--rounds", "30");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain("dataset csv-acme-btc: ACME, BTC, 30 rounds from 2024-03-01T00:00:00Z");
  });

  it("refuses bad input with exit code 2 and a message saying what to fix, never a stack", () => {
    const cases: [string[], RegExp][] = [
      [["--preset", "nasdaq"], /--preset must be one of llmtrader, macro, daily-tournament, tournament, got "nasdaq"/],
      [
        ["--rounds", "ten", "--dataset", "ftp:x", "--bogus"],
        /3 problems:[\s\S]*unknown argument "--bogus"[\s\S]*--dataset must be[\s\S]*--rounds must be/,
      ],
      [["--preset", "macro", "--dataset", "npm:sp500-eurusd", "--rounds", "100000"], /fewer than the 100000 asked for/],
      [["--preset", "llmtrader", "--dataset", "npm:sp500-eurusd"], /frequency: is "1h" but dataset .* has "1d" bars/],
      [["--dataset", "csv:/nonexistent/folder"], /does not exist/],
      [["--from", "yesterday"], /--from: "yesterday" is neither an ISO 8601/],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = simulate(...args);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("lists every problem of an agents file", () => {
    const agents = join(scratch, "bad-agents.json");
    writeFileSync(
      agents,
      JSON.stringify([
        { bot: "momentum", parameters: { fast: -1 } },
        { bot: "hodl" },
        { bot: "random", count: 0, colour: "red" },
      ]),
    );
    const { status, stderr } = simulate("--agents", agents);
    expect(status).toBe(2);
    expect(stderr).toContain("4 problems");
    expect(stderr).toContain("agents[0].parameters.fast must be an integer");
    expect(stderr).toContain('agents[1].bot "hodl" is not a built-in bot');
    expect(stderr).toContain("agents[2].colour is not a field");
    expect(stderr).toContain("agents[2].count must be a whole number");
  });

  it("never overwrites an existing folder without --force, and leaves nothing half written", () => {
    expect(simulate("--rounds", "5", "--out", "twice").status).toBe(0);
    const before = readFileSync(join(scratch, "twice", "rounds.jsonl"), "utf8");
    const refused = simulate("--rounds", "6", "--out", "twice");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("already exists");
    expect(readFileSync(join(scratch, "twice", "rounds.jsonl"), "utf8")).toBe(before);
    expect(simulate("--rounds", "6", "--out", "twice", "--force").status).toBe(0);
    expect(
      readFileSync(join(scratch, "twice", "rounds.jsonl"), "utf8")
        .trimEnd()
        .split("\n"),
    ).toHaveLength(6);
    expect(readdirSync(scratch).filter((name) => name.includes(".partial-") || name.includes(".replaced-"))).toEqual(
      [],
    );
    expect(existsSync(join(scratch, "twice", "season.json"))).toBe(true);
  });
});
