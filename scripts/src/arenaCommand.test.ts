import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("arenaCommand", () => {
  it("loads nothing but node's own modules before the contracts are built (a fresh clone has no generated ABI)", () => {
    const source = readFileSync(new URL("./arenaCommand.ts", import.meta.url), "utf8");
    const staticImports = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((match) => match[1]);
    expect(staticImports.length).toBeGreaterThan(0);
    expect(staticImports.filter((specifier) => !specifier?.startsWith("node:"))).toEqual([]);
    // The arena itself (which imports the engine and the ABI) is loaded only after the build.
    expect(source.indexOf('await import("./arena.ts")')).toBeGreaterThan(source.indexOf("build:contracts"));
  });
});
