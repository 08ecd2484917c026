import { describe, expect, test } from "vitest";
import { runSeasonCommand } from "./runSeason.ts";

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runSeasonCommand({
    argv,
    env,
    cwd: process.cwd(),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe("runSeason command", () => {
  test("--help documents the chain, season and running options", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const option of ["PODIUM_RPC_URL", "PODIUM_OPERATOR_KEY", "--season", "--create", "--mode", "--confirmations"])
      expect(stdout).toContain(option);
  });

  test("bad input exits 2 with a message and no stack", async () => {
    const { code, stderr } = await run(["--season", "x"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--season must be a season id");
    expect(stderr).not.toContain("    at ");
  });

  test("an unreachable RPC exits 2 saying how to fix it", async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    const { code, stderr } = await run(["--season", "1"], { PODIUM_RPC_URL: "http://127.0.0.1:9" });
    expect(code).toBe(2);
    expect(stderr).toContain("Cannot reach the JSON-RPC node");
  });
});
