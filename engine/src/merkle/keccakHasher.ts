import { keccak256 } from "viem";
import {
  KECCAK_WASM_FREE_OFFSET,
  KECCAK_WASM_ROUND_CONSTANTS_OFFSET,
  keccakRoundConstants,
  keccakWasmBytes,
} from "./keccakWasm.ts";
import { InvalidMerkleTreeError } from "./merkleTreeErrors.ts";

/**
 * keccak256 for the Merkle code, on the WebAssembly module of keccakWasm.ts. One instance serves
 * the process: creating it is asynchronous (compilation), everything after is synchronous, so a
 * tree is built without awaiting per node, and a hash never interleaves with another.
 *
 * Memory: [0, 1024) the module's own area, [1024, 1024 + 64 KiB) the input of `hashInto`, and
 * from `buildOffset` on the region a tree build reserves: about 100 bytes a leaf, grown as needed,
 * reused by the next build and never shrunk (WebAssembly memory cannot shrink). A one-off huge tree
 * can take its own hasher (createKeccakHasher()) so that the memory goes with it.
 */
export type KeccakHasher = {
  /** Writes keccak256(`input`) into `out[offset .. offset + 32)`. */
  hashInto(input: Uint8Array, out: Uint8Array, offset: number): void;
  /**
   * The module's memory as bytes. Re-read after `reserve`: growing the memory detaches old views.
   */
  memory(): Uint8Array;
  /** Start of the region a tree build uses: after the module's area and the `hashInto` input area. */
  readonly buildOffset: number;
  /** Makes memory [buildOffset, buildOffset + byteLength) usable. */
  reserve(byteLength: number): void;
  /** memory[output + 32i, +32) = keccak256(keccak256(memory[input + i·stride, +stride))) for i < count. */
  hashLeaves(input: number, stride: number, count: number, output: number): void;
  /** Hashes nodes leafCount - 2 … 0 of the OZ-layout tree at `nodes` from their sorted children. */
  hashNodes(nodes: number, leafCount: number): void;
  /** Marks the build region as in use; throws if it already is (builds do not nest). */
  claimBuildRegion(): void;
  releaseBuildRegion(): void;
};

const BUILD_OFFSET = KECCAK_WASM_FREE_OFFSET + 65_536;
const HASH_INPUT_LIMIT = 65_536;
const PAGE = 65_536;

type KeccakExports = {
  keccak(input: number, length: number, output: number): void;
  hashLeaves(input: number, stride: number, count: number, output: number): void;
  hashNodes(nodes: number, leafCount: number): void;
};

/**
 * The slice of the WebAssembly JS API used here. The workspace's `lib` (ES2023, no DOM) declares no
 * WebAssembly values, so the global is typed locally instead of widening the shared tsconfig.
 */
type WasmMemory = { readonly buffer: ArrayBuffer; grow(pages: number): number };
type WasmApi = {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: object }>;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
};
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<object> | undefined;
let shared: Promise<KeccakHasher> | undefined;

/** The process-wide hasher (compiled and instantiated once). */
export function keccakHasher(): Promise<KeccakHasher> {
  shared ??= createKeccakHasher().catch((error: unknown) => {
    shared = undefined; // a later call may retry instead of inheriting the failure
    throw error;
  });
  return shared;
}

/** A hasher of its own (its own memory), e.g. for a worker or a test. */
export async function createKeccakHasher(): Promise<KeccakHasher> {
  compiled ??= wasm.compile(keccakWasmBytes());
  const memoryObject = new wasm.Memory({ initial: Math.ceil(BUILD_OFFSET / PAGE) });
  const instance = await wasm.instantiate(await compiled, { env: { memory: memoryObject } });
  const exports = instance.exports as unknown as KeccakExports;
  let bytes = new Uint8Array(memoryObject.buffer);
  const constants = new DataView(memoryObject.buffer);
  for (const [round, constant] of keccakRoundConstants().entries()) {
    constants.setBigUint64(KECCAK_WASM_ROUND_CONSTANTS_OFFSET + 8 * round, constant, true);
  }
  const view = () => {
    if (bytes.byteLength === 0 || bytes.buffer !== memoryObject.buffer) bytes = new Uint8Array(memoryObject.buffer);
    return bytes;
  };
  let building = false;
  return {
    hashInto(input, out, offset) {
      if (input.length > HASH_INPUT_LIMIT) {
        // Long messages are rare here (leaves and nodes are short): viem's keccak keeps them correct.
        const digest = keccak256(input, "bytes");
        out.set(digest, offset);
        return;
      }
      const memory = view();
      memory.set(input, KECCAK_WASM_FREE_OFFSET);
      exports.keccak(KECCAK_WASM_FREE_OFFSET, input.length, KECCAK_WASM_FREE_OFFSET);
      for (let i = 0; i < 32; i++) out[offset + i] = memory[KECCAK_WASM_FREE_OFFSET + i] as number;
    },
    memory: view,
    buildOffset: BUILD_OFFSET,
    reserve(byteLength) {
      const needed = BUILD_OFFSET + byteLength;
      const current = memoryObject.buffer.byteLength;
      if (needed > current) memoryObject.grow(Math.ceil((needed - current) / PAGE));
    },
    hashLeaves: (input, stride, count, output) => exports.hashLeaves(input, stride, count, output),
    hashNodes: (nodes, leafCount) => exports.hashNodes(nodes, leafCount),
    claimBuildRegion() {
      if (building) {
        throw new InvalidMerkleTreeError(
          "a tree build is already running on this hasher",
          "Build trees one after the other, or give each its own hasher (createKeccakHasher()).",
        );
      }
      building = true;
    },
    releaseBuildRegion() {
      building = false;
    },
  };
}
