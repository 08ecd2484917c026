import { keccak } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { llmtraderSeason } from "./presets/llmtraderSeason.ts";
import { rulesCommitmentText, rulesHash } from "./rulesHash.ts";

const datasetHash = `0x${"ab".repeat(32)}` as const;

describe("rulesHash", () => {
  it("is keccak256 of the canonical JSON of { datasetHash, rules } (checked with an independent keccak)", async () => {
    const text = rulesCommitmentText({ rules: llmtraderSeason, datasetHash });
    expect(text.startsWith(`{"datasetHash":"${datasetHash}","rules":{"arena":"llmtrader","conduct":`)).toBe(true);
    expect(text).not.toMatch(/\s"|":\s/); // no whitespace between tokens
    expect(rulesHash({ rules: llmtraderSeason, datasetHash })).toBe(`0x${await keccak(text, 256)}`);
  });

  it("does not depend on key order or on how an amount is written", () => {
    const reordered = Object.fromEntries(Object.entries(llmtraderSeason).reverse()) as typeof llmtraderSeason;
    const padded = { ...llmtraderSeason, startingCapital: "10000.00" };
    const base = rulesHash({ rules: llmtraderSeason, datasetHash });
    expect(rulesHash({ rules: reordered, datasetHash })).toBe(base);
    expect(rulesHash({ rules: padded, datasetHash })).toBe(base);
    // Hex case is not meaningful either: 0xABAB… and 0xabab… are the same dataset.
    expect(rulesHash({ rules: llmtraderSeason, datasetHash: `0x${"AB".repeat(32)}` })).toBe(base);
  });

  it("changes with any rule and with the dataset", () => {
    const base = rulesHash({ rules: llmtraderSeason, datasetHash });
    const tighter = { ...llmtraderSeason, risk: { ...llmtraderSeason.risk, stopLoss: { maxDistanceBps: 799 } } };
    expect(rulesHash({ rules: tighter, datasetHash })).not.toBe(base);
    expect(rulesHash({ rules: llmtraderSeason, datasetHash: `0x${"2".repeat(64)}` })).not.toBe(base);
  });

  it("refuses invalid rules instead of hashing them", () => {
    expect(() => rulesHash({ rules: { ...llmtraderSeason, frequency: "1m" as "1h" }, datasetHash })).toThrow(
      /frequency/,
    );
  });
});
