import { keccak } from "hash-wasm";
import { describe, expect, it } from "vitest";
import type { Dataset } from "./dataset.ts";
import { datasetCanonicalJson, datasetHash } from "./datasetHash.ts";

const small: Dataset = {
  id: "golden-1",
  frequency: "1h",
  assets: [{ symbol: "BTC", assetClass: "crypto-major", name: "Bitcoin" }],
  times: [1_704_067_200, 1_704_070_800],
  bars: {
    BTC: [
      {
        time: 1_704_067_200,
        open: 4_200_000_000_000n,
        high: 4_210_000_000_000n,
        low: 4_190_000_000_000n,
        close: 4_205_050_000_000n,
        volume: 150_000_000n,
      },
      {
        time: 1_704_070_800,
        open: 4_205_050_000_000n,
        high: 4_205_050_000_000n,
        low: 4_205_050_000_000n,
        close: 4_205_050_000_000n,
        volume: 0n,
        filled: true,
      },
    ],
  },
  provenance: { kind: "real", source: "test", licence: "CC0-1.0" },
};

describe("datasetHash", () => {
  it("hashes exactly the documented canonical JSON bytes", () => {
    // Written out by hand from the definition in datasetHash.ts: keys sorted, bigints as strings,
    // `filled` only on the filled bar.
    const expected =
      '{"assets":[{"assetClass":"crypto-major","name":"Bitcoin","symbol":"BTC"}],' +
      '"bars":{"BTC":[' +
      '{"close":"4205050000000","high":"4210000000000","low":"4190000000000","open":"4200000000000","time":1704067200,"volume":"150000000"},' +
      '{"close":"4205050000000","filled":true,"high":"4205050000000","low":"4205050000000","open":"4205050000000","time":1704070800,"volume":"0"}' +
      ']},"format":"podium.dataset.v1","frequency":"1h","id":"golden-1",' +
      '"provenance":{"kind":"real","licence":"CC0-1.0","source":"test"},"times":[1704067200,1704070800]}';
    expect(datasetCanonicalJson(small)).toBe(expected);
  });

  it("matches an independent keccak-256 implementation and a committed golden value", async () => {
    // hash-wasm's keccak (a separate WebAssembly implementation) over the same UTF-8 text.
    const reference = `0x${await keccak(datasetCanonicalJson(small), 256)}`;
    expect(datasetHash(small)).toBe(reference);
    // Golden: a change here means every committed ruleset naming this dataset would change.
    expect(datasetHash(small)).toBe("0x90718b033b7ad7731a852901190b621639198457b617c6d53f9e466b49631191");
  });

  it("changes with any content and ignores properties outside the definition", () => {
    const base = datasetHash(small);
    const btc = small.bars.BTC ?? [];
    const changed: Dataset = { ...small, bars: { BTC: [btc[0], { ...btc[1], close: 1n }] as typeof btc } };
    expect(datasetHash(changed)).not.toBe(base);
    expect(datasetHash({ ...small, id: "golden-2" })).not.toBe(base);
    expect(datasetHash({ ...small, extra: "ignored" } as Dataset)).toBe(base);
  });
});
