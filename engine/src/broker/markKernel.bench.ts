/**
 * Prototype for the columnar season core (docs/engine.md, Performance): the round's marks of every
 * account as one WebAssembly loop over i64 lanes, against the same books marked by markToMarket on
 * bigints, measured in the same run. The module is assembled here by hand (a dozen opcodes: no
 * WebAssembly toolchain in the dependencies yet); the kernel's equities are checked equal to
 * markToMarket's before timing. Not used by the engine: it measures what the columnar core could
 * gain. Not handled yet (the real kernel must): products past 2^63, which must fall back to bigints.
 */
import { reportBench } from "@podium/scripts/bench";
import { createAccount } from "../domain/account.ts";
import { forkRandom } from "../random/seededRandom.ts";
import { markToMarket } from "./markToMarket.ts";

const ACCOUNTS = 1_000;
const SLOTS = 8;
const ROUNDS = 2_000;
const OPEN_SHARE = 0.29; // 2.3 of 8 positions open on average, as in the season benchmark
// Prices around 50,000 within ±500 and quantities up to 0.5: every q·(p − e) fits in an i64 (the
// prototype does not handle overflow; the real kernel must, with an f64 estimate and a bigint fallback).

// --- a minimal WebAssembly encoder ------------------------------------------------------------------

const unsigned = (value: number): number[] => {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
};
const signed = (value: bigint | number): number[] => {
  const out: number[] = [];
  let rest = BigInt(value);
  for (;;) {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
};
const section = (id: number, bytes: number[]) => [id, ...unsigned(bytes.length), ...bytes];
const text = (value: string) => [...new TextEncoder().encode(value)];
const I32 = 0x7f;
const I64 = 0x7e;
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const tee = (local: number) => [0x22, local];
const i32 = (value: number) => [0x41, ...signed(value)];
const i64 = (value: bigint) => [0x42, ...signed(value)];
const load64 = [0x29, 3, 0];
const store64 = [0x37, 3, 0];
/** Byte address of lane `index` of the array at byte offset `base` (both locals). */
const lane = (base: number, index: number) => [...get(base), ...get(index), ...i32(3), 0x74, 0x6a];

// mark(n, slots, qty, entry, margin, price, cash, out): out[a] = cash[a] + Σ margin + round(q·(p − e) / 10^8)
// locals: a 8, s 9, idx 10 (i32); equity 11, q 12, raw 13 (i64)
const HALF = 50_000_000n;
const markCode = [
  ...[...i32(0), ...set(8)],
  ...[0x02, 0x40, 0x03, 0x40], // block, loop over accounts
  ...[...get(8), ...get(0), 0x4e, 0x0d, 1],
  ...[...lane(6, 8), ...load64, ...set(11)],
  ...[...i32(0), ...set(9)],
  ...[0x02, 0x40, 0x03, 0x40], // block, loop over slots
  ...[...get(9), ...get(1), 0x4e, 0x0d, 1],
  ...[...get(8), ...get(1), 0x6c, ...get(9), 0x6a, ...set(10)],
  ...[...lane(2, 10), ...load64, ...tee(12), 0x50, 0x45, 0x04, 0x40], // if the slot holds a position
  ...[...get(12), ...lane(5, 9), ...load64, ...lane(3, 10), ...load64, 0x7d, 0x7e, ...set(13)],
  ...[...get(11), ...lane(4, 10), ...load64, 0x7c],
  // select(raw + ½, raw − ½, raw ≥ 0) / 10^8: i64.div_s truncates toward zero, as bigint division does
  ...[...get(13), ...i64(HALF), 0x7c, ...get(13), ...i64(HALF), 0x7d, ...get(13), ...i64(0n), 0x59, 0x1b],
  ...[...i64(100_000_000n), 0x7f, 0x7c, ...set(11)],
  0x0b,
  ...[...get(9), ...i32(1), 0x6a, ...set(9), 0x0c, 0],
  ...[0x0b, 0x0b],
  ...[...lane(7, 8), ...get(11), ...store64],
  ...[...get(8), ...i32(1), 0x6a, ...set(8), 0x0c, 0],
  ...[0x0b, 0x0b, 0x0b],
];
const markFunction = [2, ...unsigned(3), I32, ...unsigned(3), I64, ...markCode];
const moduleBytes = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
  ...section(1, [1, 0x60, 8, I32, I32, I32, I32, I32, I32, I32, I32, 0]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0, 32]),
  ...section(7, [2, 4, ...text("mark"), 0, 0, 3, ...text("mem"), 2, 0]),
  ...section(10, [1, ...unsigned(markFunction.length), ...markFunction]),
]);
// The compiler's lib has no WebAssembly declarations (no DOM lib): the two calls used, typed here.
type WasmRuntime = { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }> };
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmRuntime };
const { instance } = await wasm.instantiate(moduleBytes);
const mark = instance.exports.mark as (...arguments_: number[]) => void;
const memory = instance.exports.mem as { buffer: ArrayBuffer };

// --- the same books in lanes and in accounts ----------------------------------------------------------

// Byte offsets of the lanes in the module's memory.
const LANE_BYTES = ACCOUNTS * SLOTS * 8;
const QTY = 0;
const ENTRY = LANE_BYTES;
const MARGIN = 2 * LANE_BYTES;
const PRICE = 3 * LANE_BYTES;
const CASH = PRICE + SLOTS * 8;
const OUT = CASH + ACCOUNTS * 8;
const words = new BigInt64Array(memory.buffer);
const random = forkRandom("mark-kernel", "books");

const accounts = Array.from({ length: ACCOUNTS }, (_, a) => {
  const account = createAccount({ entrantId: String(a), startingCapital: 5_000n * 10n ** 8n, assetCount: SLOTS });
  words[CASH / 8 + a] = account.cash;
  for (let s = 0; s < SLOTS; s++) {
    if (random.nextFloat() >= OPEN_SHARE) continue;
    const quantity = BigInt(1 + Math.floor(random.nextFloat() * 5e7)); // up to 0.5 units
    const averageEntryPrice = BigInt(Math.floor(5e12 + random.nextFloat() * 5e10));
    const posted = 1_000n * 10n ** 8n;
    words[QTY / 8 + a * SLOTS + s] = quantity;
    words[ENTRY / 8 + a * SLOTS + s] = averageEntryPrice;
    words[MARGIN / 8 + a * SLOTS + s] = posted;
    account.positions[s] = {
      symbol: `A${s}`,
      assetIndex: s,
      quantity,
      averageEntryPrice,
      stopLoss: undefined,
      leverage: 1,
      margin: posted,
      markPrice: averageEntryPrice,
      realizedPnl: 0n,
      fees: 0n,
      openedAtRound: 0,
      excludedFromScoring: false,
    };
    account.openPositionCount++;
  }
  return account;
});
const prices = Array.from({ length: ROUNDS }, () =>
  Array.from({ length: SLOTS }, () => BigInt(Math.floor(5e12 + random.nextFloat() * 5e10))),
);

const runKernel = (round: readonly bigint[]) => {
  for (let s = 0; s < SLOTS; s++) words[PRICE / 8 + s] = round[s] as bigint;
  mark(ACCOUNTS, SLOTS, QTY, ENTRY, MARGIN, PRICE, CASH, OUT);
};

// The kernel must give markToMarket's equities exactly.
for (const round of prices.slice(0, 20)) {
  runKernel(round);
  accounts.forEach((account, a) => {
    if (markToMarket(account, round) !== words[OUT / 8 + a])
      throw new Error(`kernel and markToMarket differ: account ${a}`);
  });
}

const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
let start = process.cpuUsage();
for (const round of prices) for (const account of accounts) markToMarket(account, round);
const objectRate = (ACCOUNTS * ROUNDS) / cpuSeconds(start);
start = process.cpuUsage();
for (const round of prices) runKernel(round);
const kernelRate = (ACCOUNTS * ROUNDS) / cpuSeconds(start);

reportBench([
  {
    name: "engine.broker.markKernel.wasmI64",
    value: Math.round(kernelRate),
    unit: "account-marks/s",
    better: "higher",
    baseline: { name: "markToMarket on the same books (bigints on objects)", value: Math.round(objectRate) },
    note: `prototype for the columnar core, not used by the engine: ${ACCOUNTS} accounts x ${SLOTS} slots (${(OPEN_SHARE * SLOTS).toFixed(1)} open on average) x ${ROUNDS} rounds, one hand-assembled WebAssembly loop over i64 lanes per round, equities checked equal to markToMarket's; products past 2^63 not handled yet`,
  },
]);
