import { keccak } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { agentConfigHash } from "./agentConfigHash.ts";

const config = {
  name: "Momentum Mike",
  strategy: { kind: "momentum", lookbackHours: 24 },
  model: "llama-3.1-8b",
  riskSettings: { maxLeverage: 3, stopLossBps: 500 },
  exchange: { venue: "paper", markets: ["BTC", "ETH"] },
};

describe("agentConfigHash", () => {
  it("hashes the canonical JSON of the frozen fields (checked with an independent keccak)", async () => {
    // Written by hand: keys sorted, no whitespace, only strategy/model/riskSettings/exchange.
    const canonical =
      '{"exchange":{"markets":["BTC","ETH"],"venue":"paper"},"model":"llama-3.1-8b","riskSettings":{"maxLeverage":3,"stopLossBps":500},"strategy":{"kind":"momentum","lookbackHours":24}}';
    expect(agentConfigHash(config)).toBe(`0x${await keccak(canonical, 256)}`);
  });

  it("ignores fields that are not frozen and changes with any frozen one", () => {
    const base = agentConfigHash(config);
    expect(agentConfigHash({ ...config, name: "Renamed" })).toBe(base);
    expect(agentConfigHash({ ...config, riskSettings: { maxLeverage: 5, stopLossBps: 500 } })).not.toBe(base);
    expect(agentConfigHash({ ...config, model: "llama-3.1-70b" })).not.toBe(base);
  });
});
