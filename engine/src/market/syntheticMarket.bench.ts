/**
 * Market data benchmark: generating the synthetic market the engine benchmark runs on (8 assets ×
 * 8,760 hourly bars) and computing its content hash. The hash is compared with hash-wasm's keccak
 * over the same bytes (the fastest keccak measured on these machines, TOOLCHAIN.md) to show what
 * viem's pure-JS keccak costs.
 */
import { reportBench } from "@podium/scripts/bench";
import { keccak } from "hash-wasm";
import { stringToBytes } from "viem";
import { datasetCanonicalJson, datasetHash } from "./datasetHash.ts";
import { generateSyntheticMarket } from "./syntheticMarket.ts";
import { llmTraderUniverse } from "./universe.ts";

const assets = llmTraderUniverse.slice(0, 8);
const bars = 8760;
const now = () => performance.now(); // determinism-ok: a benchmark times itself

function best<T>(runs: number, work: () => T): { ms: number; value: T } {
  let ms = Number.POSITIVE_INFINITY;
  let value = work(); // warm-up
  for (let i = 0; i < runs; i++) {
    const started = now();
    value = work();
    ms = Math.min(ms, now() - started);
  }
  return { ms, value };
}

const generate = () => generateSyntheticMarket({ seed: "bench", assets, frequency: "1h", start: 1_704_067_200, bars });
const generated = best(5, generate);
const dataset = generated.value;
const hashed = best(3, () => datasetHash(dataset));
const text = datasetCanonicalJson(dataset);
const bytes = stringToBytes(text);
let wasmMs = Number.POSITIVE_INFINITY;
for (let i = 0; i < 4; i++) {
  const started = now();
  const hex = await keccak(bytes, 256);
  wasmMs = Math.min(wasmMs, now() - started);
  if (`0x${hex}` !== hashed.value) throw new Error("hash-wasm and viem disagree on the dataset hash");
}
const serialized = best(3, () => datasetCanonicalJson(dataset));

const barCount = assets.length * bars;
const mb = bytes.length / 1e6;
reportBench([
  {
    name: "engine.market.synthetic.bars-per-second",
    value: Math.round(barCount / (generated.ms / 1000)),
    unit: "bars/s",
    better: "higher",
    note: `${assets.length} assets x ${bars} hourly bars (GARCH + jumps + 16-step intra-bar path) in ${generated.ms.toFixed(0)} ms, best of 5`,
  },
  {
    name: "engine.market.datasetHash.seconds",
    value: Math.round(hashed.ms) / 1000,
    unit: "s",
    better: "lower",
    baseline: { name: "canonical JSON + hash-wasm keccak", value: Math.round(serialized.ms + wasmMs) / 1000 },
    note: `${mb.toFixed(1)} MB of canonical JSON (${serialized.ms.toFixed(0)} ms to write) for ${barCount} bars; viem keccak256`,
  },
]);
