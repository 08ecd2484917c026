import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFixed } from "../money/fixed.ts";
import { loadCsvSeries } from "./loadCsvSeries.ts";
import { BarValidationError } from "./validateBars.ts";

const dir = mkdtempSync(join(tmpdir(), "podium-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const eth = { symbol: "ETH", assetClass: "crypto-major", name: "Ether" } as const;
// Hourly bars at 00:00, 01:00 and 03:00 UTC on 2024-01-01: the 02:00 bar is missing.
const text = [
  "timestamp,open,high,low,close,volume",
  "2024-01-01T00:00:00Z,2281.87,2290.00,2275.10,2285.50,1500.1",
  "2024-01-01T01:00:00Z,2285.50,2301.00,2280.00,2299.95,1720.7",
  "2024-01-01T03:00:00Z,2300.10,2310.00,2295.00,2305.00,1600.0",
].join("\n");

describe("loadCsvSeries", () => {
  it("rejects a gap under the strict default policy, naming the file", () => {
    const path = join(dir, "ETHUSDT-1h.csv");
    writeFileSync(path, text);
    expect(() => loadCsvSeries({ path, asset: eth, frequency: "1h" })).toThrow(BarValidationError);
    expect(() => loadCsvSeries({ path, asset: eth, frequency: "1h" })).toThrow(
      /ETH before ETHUSDT-1h\.csv line 4: gap: 1 missing 1h bar/,
    );
  });

  it("forward-fills when asked and labels the series as a real file of unstated licence", () => {
    const path = join(dir, "ETHUSDT-1h.csv");
    writeFileSync(path, text);
    const { series, problems } = loadCsvSeries({
      path,
      asset: eth,
      frequency: "1h",
      policy: { onProblem: "forward-fill" },
    });
    expect(series.bars).toHaveLength(4);
    expect(series.bars[2]).toMatchObject({ close: parseFixed("2299.95"), volume: 0n, filled: true });
    expect(problems.map((p) => [p.kind, p.action])).toEqual([["gap", "filled"]]);
    expect(series.provenance).toEqual({ kind: "real", source: "file ETHUSDT-1h.csv", licence: "not stated" });
  });
});
