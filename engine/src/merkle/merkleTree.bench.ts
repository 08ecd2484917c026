/**
 * Merkle speed (season-runner issue, item 7): build a results tree and EVERY proof for 100,000 and
 * 1,000,000 leaves of the result-leaf type, with buildStandardMerkleTree and with
 * @openzeppelin/merkle-tree's StandardMerkleTree on the same leaves, in the same run.
 *
 * Each measurement runs in a child process of its own (this file with `--child <impl> <leaves>`),
 * so that peak RSS (`process.resourceUsage().maxRSS`, which includes the shared cost of holding the
 * values) is that implementation's alone and one heap never inherits the other's garbage. The
 * children generate the same seeded leaves; the parent fails unless the roots and a sample of
 * proofs (every 997th value) are identical.
 *
 * Figures per size: build + every proof as bytes (`proofInto`, the API for bulk proofs), build +
 * every proof as hex strings (`getProof`, what OZ returns; OZ also re-verifies each proof it hands
 * out), build alone, speed-up (OZ / ours on build + proofs) and peak RSS, each against OZ.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { StandardMerkleTree as OzStandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type BenchResult, reportBench } from "@podium/scripts/bench";
import { type Hex, keccak256, stringToBytes } from "viem";
import { forkRandom } from "../random/seededRandom.ts";
import { buildStandardMerkleTree } from "./standardMerkleTree.ts";

/** PodiumArena's result leaf (contracts/src/libraries/ResultLeaf.sol). */
const RESULT_LEAF_TYPES = ["uint256", "address", "uint256", "uint256", "address", "uint256", "int256", "uint256"];
const ARENA = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const SAMPLE_EVERY = 997;
/** Leaf counts to measure; PODIUM_MERKLE_BENCH_LEAVES="100000" runs a shorter pass (OZ's 1M alone takes many minutes). */
const SIZES = (process.env.PODIUM_MERKLE_BENCH_LEAVES ?? "100000,1000000").split(",").map(Number);

type Implementation = "podium" | "openzeppelin";

type ChildReport = {
  root: Hex;
  /** keccak256 of the sampled proofs, joined. */
  sampleDigest: Hex;
  buildSeconds: number;
  proofBytesSeconds: number;
  proofHexSeconds: number;
  peakRssMegabytes: number;
};

function resultLeaves(count: number): [bigint, string, bigint, bigint, string, bigint, bigint, bigint][] {
  const random = forkRandom("merkle-bench", "result-leaves");
  const word = () => random.nextUint32().toString(16).padStart(8, "0");
  const big = (words: number) => {
    let value = 0n;
    for (let i = 0; i < words; i++) value = (value << 32n) | BigInt(random.nextUint32());
    return value;
  };
  return Array.from({ length: count }, (_, entrantIndex) => [
    31_337n,
    ARENA,
    7n,
    BigInt(entrantIndex),
    `0x${word()}${word()}${word()}${word()}${word()}`,
    BigInt(1 + random.nextInt(count)),
    big(2) - (1n << 63n), // scores of either sign
    big(3), // rewards up to 2^96
  ]);
}

const now = () => process.hrtime.bigint(); // determinism-ok: benchmark timing
const secondsSince = (start: bigint) => Number(now() - start) / 1e9;

async function runChild(implementation: Implementation, count: number): Promise<ChildReport> {
  const values = resultLeaves(count);
  const sampled: string[] = [];
  let buildSeconds: number;
  let proofBytesSeconds: number;
  let proofHexSeconds: number;
  let root: Hex;
  let sink = 0;
  if (implementation === "podium") {
    let start = now();
    const tree = await buildStandardMerkleTree({ values, leafEncoding: RESULT_LEAF_TYPES });
    buildSeconds = secondsSince(start);
    root = tree.root;
    start = now();
    const buffer = new Uint8Array(64 * 32);
    for (let i = 0; i < count; i++) sink += tree.proofInto(i, buffer) + (buffer[0] as number);
    proofBytesSeconds = secondsSince(start);
    start = now();
    for (let i = 0; i < count; i++) {
      const proof = tree.getProof(i);
      sink += proof.length;
      if (i % SAMPLE_EVERY === 0) sampled.push(proof.join(","));
    }
    proofHexSeconds = secondsSince(start);
  } else {
    let start = now();
    const tree = OzStandardMerkleTree.of(values, RESULT_LEAF_TYPES);
    buildSeconds = secondsSince(start);
    root = tree.root as Hex;
    start = now();
    for (let i = 0; i < count; i++) {
      const proof = tree.getProof(i);
      sink += proof.length;
      if (i % SAMPLE_EVERY === 0) sampled.push(proof.join(","));
    }
    proofHexSeconds = secondsSince(start);
    proofBytesSeconds = proofHexSeconds; // OZ has only the hex form
  }
  if (sink === 0) throw new Error("no proof was produced");
  return {
    root,
    sampleDigest: keccak256(stringToBytes(sampled.join(";"))),
    buildSeconds,
    proofBytesSeconds,
    proofHexSeconds,
    peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
  };
}

function measure(implementation: Implementation, count: number): ChildReport {
  const run = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", fileURLToPath(import.meta.url), "--child", implementation, String(count)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`${implementation} at ${count} leaves exited with ${run.status}`);
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as ChildReport;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const label = (count: number) => (count >= 1_000_000 ? `${count / 1_000_000}m` : `${count / 1000}k`);
const OZ = "@openzeppelin/merkle-tree 1.0.8 StandardMerkleTree";

async function main(): Promise<void> {
  const [flag, implementation, count] = process.argv.slice(2);
  if (flag === "--child") {
    const report = await runChild(implementation as Implementation, Number(count));
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  if (SIZES.some((size) => !Number.isSafeInteger(size) || size < 1)) {
    throw new Error(`PODIUM_MERKLE_BENCH_LEAVES must list positive leaf counts, e.g. "100000,1000000"`);
  }
  const results: BenchResult[] = [];
  for (const leaves of SIZES) {
    const ours = measure("podium", leaves);
    process.stdout.write(`merkle bench: podium ${leaves} leaves ${JSON.stringify(ours)}\n`);
    const theirs = measure("openzeppelin", leaves);
    process.stdout.write(`merkle bench: openzeppelin ${leaves} leaves ${JSON.stringify(theirs)}\n`);
    if (ours.root !== theirs.root || ours.sampleDigest !== theirs.sampleDigest) {
      throw new Error(
        `roots or proofs differ at ${leaves} leaves: ${ours.root} / ${theirs.root}, proofs ${ours.sampleDigest} / ${theirs.sampleDigest}`,
      );
    }
    const name = `merkle.results.${label(leaves)}`;
    const note = `${leaves} leaves [uint256,address,uint256,uint256,address,uint256,int256,uint256], identical root ${ours.root.slice(0, 10)}…, each in its own process`;
    const ozTotal = theirs.buildSeconds + theirs.proofHexSeconds;
    const oursBytes = ours.buildSeconds + ours.proofBytesSeconds;
    const oursHex = ours.buildSeconds + ours.proofHexSeconds;
    results.push(
      {
        name: `${name}.buildAndProofs`,
        value: round3(oursBytes),
        unit: "s",
        better: "lower",
        baseline: { name: OZ, value: round3(ozTotal) },
        note: `${note}; proofs as bytes (proofInto)`,
      },
      {
        name: `${name}.buildAndHexProofs`,
        value: round3(oursHex),
        unit: "s",
        better: "lower",
        baseline: { name: OZ, value: round3(ozTotal) },
        note: `${note}; proofs as hex strings (getProof)`,
      },
      {
        name: `${name}.build`,
        value: round3(ours.buildSeconds),
        unit: "s",
        better: "lower",
        baseline: { name: OZ, value: round3(theirs.buildSeconds) },
        note,
      },
      {
        name: `${name}.speedup`,
        value: Math.round((ozTotal / oursBytes) * 10) / 10,
        unit: "x",
        better: "higher",
        note: `OZ build + every proof ÷ ours (bytes); with hex proofs: ${Math.round((ozTotal / oursHex) * 10) / 10}x`,
      },
      {
        name: `${name}.peakRss`,
        value: Math.round(ours.peakRssMegabytes),
        unit: "MB",
        better: "lower",
        baseline: { name: OZ, value: Math.round(theirs.peakRssMegabytes) },
        note: "process.resourceUsage().maxRSS of each child, values held by both",
      },
    );
  }
  reportBench(results);
}

await main();
