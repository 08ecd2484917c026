/**
 * keccak256 and the two loops of a Merkle build (hash every leaf, hash every internal node) as one
 * small WebAssembly module, generated here instructions by instructions. Why not a library: with
 * hash-wasm's API every hash is three calls across the JS/WebAssembly boundary and a copy out, about
 * 1 µs, which was most of a million-leaf build; here a whole batch of leaves, or the whole tree
 * above them, is one call. Keccak-f[1600] follows FIPS 202 (rotation offsets and round constants
 * are derived below, not typed in), with the original Keccak padding (0x01, not SHA-3's 0x06).
 * Checked against viem's keccak256 on random inputs of every length around the block boundaries.
 *
 * Memory is the caller's (imported, growable). Layout of the reserved low area:
 *   [0, 200)      the Keccak state, 25 little-endian 64-bit lanes
 *   [256, 448)    the 24 round constants
 *   [512, 648)    the last (padded) block of a message
 *   [704, 768)    two sorted children of a node
 *   [768, 800)    a leaf's inner hash
 * Callers use memory from KECCAK_WASM_FREE_OFFSET on.
 */

const STATE = 0;
/** Where the caller writes the 24 round constants (little-endian 64-bit) before the first hash. */
export const KECCAK_WASM_ROUND_CONSTANTS_OFFSET = 256;
const ROUND_CONSTANTS = KECCAK_WASM_ROUND_CONSTANTS_OFFSET;
const PAD_BLOCK = 512;
const PAIR = 704;
const INNER = 768;
export const KECCAK_WASM_FREE_OFFSET = 1024;
/** keccak256's rate: 1088 bits, 17 lanes. */
const RATE = 136;

// ---------------------------------------------------------------- Keccak-f constants (FIPS 202)

/** Rotation offset of lane x + 5y (FIPS 202 §3.2.2, ρ). */
function rotationOffsets(): number[] {
  const offsets = new Array<number>(25).fill(0);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    offsets[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  return offsets;
}

/** The 24 round constants of ι (FIPS 202 §3.2.5), from the degree-8 LFSR rc(t). */
export function keccakRoundConstants(): bigint[] {
  let lfsr = 1;
  const rc = () => {
    const bit = lfsr & 1;
    lfsr = lfsr & 0x80 ? ((lfsr << 1) ^ 0x71) & 0xff : (lfsr << 1) & 0xff;
    return bit;
  };
  const constants: bigint[] = [];
  for (let round = 0; round < 24; round++) {
    let constant = 0n;
    for (let j = 0; j < 7; j++) if (rc()) constant |= 1n << BigInt(2 ** j - 1);
    constants.push(constant);
  }
  return constants;
}

// ---------------------------------------------------------------- a minimal WebAssembly assembler

const I32 = 0x7f;
const I64 = 0x7e;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  call: 0x10,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i64Load: 0x29,
  i32Load8U: 0x2d,
  i64Store: 0x37,
  i32Store8: 0x3a,
  i32Const: 0x41,
  i64Const: 0x42,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i64And: 0x83,
  i64Xor: 0x85,
  i64Rotl: 0x89,
} as const;
const EMPTY_BLOCK = 0x40;

function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

function signedLeb(value: bigint): number[] {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

const utf8 = (text: string) => [...new TextEncoder().encode(text)];
const vector = (items: number[][]) => [...unsignedLeb(items.length), ...items.flat()];
const section = (id: number, content: number[]) => [id, ...unsignedLeb(content.length), ...content];

/** Instruction emitter for one function body. */
class Code {
  readonly bytes: number[] = [];
  emit(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }
  get(local: number) {
    return this.emit(op.localGet, ...unsignedLeb(local));
  }
  set(local: number) {
    return this.emit(op.localSet, ...unsignedLeb(local));
  }
  tee(local: number) {
    return this.emit(op.localTee, ...unsignedLeb(local));
  }
  i32(value: number) {
    return this.emit(op.i32Const, ...signedLeb(BigInt(value | 0)));
  }
  i64(value: bigint) {
    return this.emit(op.i64Const, ...signedLeb(BigInt.asIntN(64, value)));
  }
  /** i64.load with a constant offset from the address on the stack (alignment hint 8). */
  load64(offset: number) {
    return this.emit(op.i64Load, 3, ...unsignedLeb(offset));
  }
  store64(offset: number) {
    return this.emit(op.i64Store, 3, ...unsignedLeb(offset));
  }
  load8(offset: number) {
    return this.emit(op.i32Load8U, 0, ...unsignedLeb(offset));
  }
  store8(offset: number) {
    return this.emit(op.i32Store8, 0, ...unsignedLeb(offset));
  }
  call(functionIndex: number) {
    return this.emit(op.call, ...unsignedLeb(functionIndex));
  }
}

/** A function body: its local declarations (beyond the parameters) and its instructions. */
function body(locals: [count: number, type: number][], code: Code): number[] {
  const content = [...vector(locals.map(([count, type]) => [...unsignedLeb(count), type])), ...code.bytes, op.end];
  return [...unsignedLeb(content.length), ...content];
}

// ---------------------------------------------------------------- the functions

const FN_PERMUTE = 0;
const FN_KECCAK = 1;
const FN_HASH_LEAVES = 2;
const FN_HASH_NODES = 3;

/** permute(): Keccak-f[1600] on the state in memory; the lanes live in locals through 24 rounds. */
function permuteCode(): Code {
  const code = new Code();
  // Locals: a0..a24 (0..24), b0..b24 (25..49), c0..c4 (50..54), d (55): i64; round (56): i32.
  const a = (i: number) => i;
  const b = (i: number) => 25 + i;
  const c = (i: number) => 50 + i;
  const d = 55;
  const round = 56;
  const offsets = rotationOffsets();
  for (let i = 0; i < 25; i++)
    code
      .i32(0)
      .load64(STATE + 8 * i)
      .set(a(i));
  code.i32(0).set(round);
  code.emit(op.loop, EMPTY_BLOCK);
  // θ: c[x] = xor of column x; a[x, y] ^= c[x - 1] ^ rotl(c[x + 1], 1).
  for (let x = 0; x < 5; x++) {
    code
      .get(a(x))
      .get(a(x + 5))
      .emit(op.i64Xor)
      .get(a(x + 10))
      .emit(op.i64Xor);
    code
      .get(a(x + 15))
      .emit(op.i64Xor)
      .get(a(x + 20))
      .emit(op.i64Xor)
      .set(c(x));
  }
  for (let x = 0; x < 5; x++) {
    code
      .get(c((x + 4) % 5))
      .get(c((x + 1) % 5))
      .i64(1n)
      .emit(op.i64Rotl)
      .emit(op.i64Xor)
      .set(d);
    for (let y = 0; y < 5; y++)
      code
        .get(a(x + 5 * y))
        .get(d)
        .emit(op.i64Xor)
        .set(a(x + 5 * y));
  }
  // ρ and π: b[y, 2x + 3y] = rotl(a[x, y], r[x, y]).
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const target = y + 5 * ((2 * x + 3 * y) % 5);
      const offset = offsets[x + 5 * y] as number;
      code.get(a(x + 5 * y));
      if (offset !== 0) code.i64(BigInt(offset)).emit(op.i64Rotl);
      code.set(b(target));
    }
  }
  // χ: a[x, y] = b[x, y] ^ (~b[x + 1, y] & b[x + 2, y]).
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      code.get(b(x + 5 * y));
      code
        .get(b(((x + 1) % 5) + 5 * y))
        .i64(-1n)
        .emit(op.i64Xor);
      code
        .get(b(((x + 2) % 5) + 5 * y))
        .emit(op.i64And)
        .emit(op.i64Xor)
        .set(a(x + 5 * y));
    }
  }
  // ι: a[0, 0] ^= RC[round].
  code.get(a(0)).get(round).i32(3).emit(op.i32Shl).load64(ROUND_CONSTANTS).emit(op.i64Xor).set(a(0));
  code.get(round).i32(1).emit(op.i32Add).tee(round).i32(24).emit(op.i32LtU).emit(op.brIf, 0);
  code.emit(op.end);
  for (let i = 0; i < 25; i++)
    code
      .i32(0)
      .get(a(i))
      .store64(STATE + 8 * i);
  return code;
}

/** keccak(input, length, output): keccak256 of memory [input, input + length) into [output, output + 32). */
function keccakCode(): Code {
  const [input, length, output, i] = [0, 1, 2, 3];
  const code = new Code();
  for (let lane = 0; lane < 25; lane++)
    code
      .i32(0)
      .i64(0n)
      .store64(STATE + 8 * lane);
  // Absorb every full block.
  code.emit(op.block, EMPTY_BLOCK, op.loop, EMPTY_BLOCK);
  code.get(length).i32(RATE).emit(op.i32LtU).emit(op.brIf, 1);
  for (let lane = 0; lane < RATE / 8; lane++) {
    code
      .i32(0)
      .i32(0)
      .load64(STATE + 8 * lane)
      .get(input)
      .load64(8 * lane)
      .emit(op.i64Xor)
      .store64(STATE + 8 * lane);
  }
  code.call(FN_PERMUTE);
  code.get(input).i32(RATE).emit(op.i32Add).set(input);
  code.get(length).i32(RATE).emit(op.i32Sub).set(length);
  code.emit(op.br, 0, op.end, op.end);
  // The last block: the remaining bytes, then the padding 0x01 … 0x80.
  for (let lane = 0; lane < RATE / 8; lane++)
    code
      .i32(0)
      .i64(0n)
      .store64(PAD_BLOCK + 8 * lane);
  code.i32(0).set(i);
  code.emit(op.block, EMPTY_BLOCK, op.loop, EMPTY_BLOCK);
  code.get(i).get(length).emit(op.i32GeU).emit(op.brIf, 1);
  code.get(i).get(input).get(i).emit(op.i32Add).load8(0).store8(PAD_BLOCK);
  code.get(i).i32(1).emit(op.i32Add).set(i);
  code.emit(op.br, 0, op.end, op.end);
  code.get(length).get(length).load8(PAD_BLOCK).i32(0x01).emit(op.i32Xor).store8(PAD_BLOCK);
  code
    .i32(0)
    .i32(0)
    .load8(PAD_BLOCK + RATE - 1)
    .i32(0x80)
    .emit(op.i32Xor)
    .store8(PAD_BLOCK + RATE - 1);
  for (let lane = 0; lane < RATE / 8; lane++) {
    code
      .i32(0)
      .i32(0)
      .load64(STATE + 8 * lane)
      .i32(0)
      .load64(PAD_BLOCK + 8 * lane)
      .emit(op.i64Xor);
    code.store64(STATE + 8 * lane);
  }
  code.call(FN_PERMUTE);
  // Squeeze: the first 32 bytes of the state, lanes little-endian as stored.
  for (let lane = 0; lane < 4; lane++)
    code
      .get(output)
      .i32(0)
      .load64(STATE + 8 * lane)
      .store64(8 * lane);
  return code;
}

/** hashLeaves(input, stride, count, output): output[i] = keccak256(keccak256(input[i × stride, +stride))). */
function hashLeavesCode(): Code {
  const [input, stride, count, output, i] = [0, 1, 2, 3, 4];
  const code = new Code();
  code.i32(0).set(i);
  code.emit(op.block, EMPTY_BLOCK, op.loop, EMPTY_BLOCK);
  code.get(i).get(count).emit(op.i32GeU).emit(op.brIf, 1);
  code.get(input).get(i).get(stride).emit(op.i32Mul).emit(op.i32Add).get(stride).i32(INNER).call(FN_KECCAK);
  code.i32(INNER).i32(32).get(output).get(i).i32(5).emit(op.i32Shl).emit(op.i32Add).call(FN_KECCAK);
  code.get(i).i32(1).emit(op.i32Add).set(i);
  code.emit(op.br, 0, op.end, op.end);
  return code;
}

/**
 * hashNodes(nodes, leafCount): for node = leafCount - 2 down to 0, node = keccak256 of its children
 * 2i + 1 and 2i + 2 in ascending byte order (OZ's makeMerkleTree with standardNodeHash).
 */
function hashNodesCode(): Code {
  const [nodes, leafCount, node, left, k, x, y, leftFirst] = [0, 1, 2, 3, 4, 5, 6, 7];
  const code = new Code();
  code.get(leafCount).i32(2).emit(op.i32Sub).set(node);
  code.emit(op.block, EMPTY_BLOCK, op.loop, EMPTY_BLOCK);
  code.get(node).i32(0).emit(op.i32LtS).emit(op.brIf, 1);
  code
    .get(nodes)
    .get(node)
    .i32(1)
    .emit(op.i32Shl)
    .i32(1)
    .emit(op.i32Add)
    .i32(5)
    .emit(op.i32Shl)
    .emit(op.i32Add)
    .set(left);
  // Compare the children byte by byte: the first difference decides.
  code.i32(1).set(leftFirst).i32(0).set(k);
  code.emit(op.block, EMPTY_BLOCK, op.loop, EMPTY_BLOCK);
  code.get(k).i32(32).emit(op.i32GeU).emit(op.brIf, 1);
  code.get(left).get(k).emit(op.i32Add).tee(x).load8(0).set(y);
  code.get(x).load8(32).tee(x).get(y).emit(op.i32Ne);
  code.emit(op.if, EMPTY_BLOCK).get(y).get(x).emit(op.i32LtU).set(leftFirst).emit(op.br, 2, op.end);
  code.get(k).i32(1).emit(op.i32Add).set(k);
  code.emit(op.br, 0, op.end, op.end);
  // Copy both children into the pair buffer, smaller first.
  code.get(leftFirst).emit(op.if, EMPTY_BLOCK);
  for (let w = 0; w < 8; w++)
    code
      .i32(0)
      .get(left)
      .load64(8 * w)
      .store64(PAIR + 8 * w);
  code.emit(op.else);
  for (let w = 0; w < 4; w++)
    code
      .i32(0)
      .get(left)
      .load64(32 + 8 * w)
      .store64(PAIR + 8 * w);
  for (let w = 0; w < 4; w++)
    code
      .i32(0)
      .get(left)
      .load64(8 * w)
      .store64(PAIR + 32 + 8 * w);
  code.emit(op.end);
  code.i32(PAIR).i32(64).get(nodes).get(node).i32(5).emit(op.i32Shl).emit(op.i32Add).call(FN_KECCAK);
  code.get(node).i32(1).emit(op.i32Sub).set(node);
  code.emit(op.br, 0, op.end, op.end);
  return code;
}

/** The module's bytes: one imported memory, four functions, three exports. */
export function keccakWasmBytes(): Uint8Array {
  const types = [
    [0x60, ...vector([]), ...vector([])], // () -> ()
    [0x60, ...vector([[I32], [I32], [I32]]), ...vector([])], // (i32, i32, i32) -> ()
    [0x60, ...vector([[I32], [I32], [I32], [I32]]), ...vector([])], // (i32 × 4) -> ()
    [0x60, ...vector([[I32], [I32]]), ...vector([])], // (i32, i32) -> ()
  ];
  const name = (text: string) => [...unsignedLeb(utf8(text).length), ...utf8(text)];
  // env.memory: a memory of at least one page, kind 0x02, limits flag 0x00 (no maximum).
  const imports = [[...name("env"), ...name("memory"), 0x02, 0x00, ...unsignedLeb(1)]];
  const exportEntry = (text: string, index: number) => [...name(text), 0x00, ...unsignedLeb(index)];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector([[0], [1], [2], [3]])),
    ...section(
      7,
      vector([
        exportEntry("keccak", FN_KECCAK),
        exportEntry("hashLeaves", FN_HASH_LEAVES),
        exportEntry("hashNodes", FN_HASH_NODES),
      ]),
    ),
    ...section(
      10,
      vector([
        body(
          [
            [50, I64],
            [6, I64],
            [1, I32],
          ],
          permuteCode(),
        ),
        body([[1, I32]], keccakCode()),
        body([[1, I32]], hashLeavesCode()),
        body([[6, I32]], hashNodesCode()),
      ]),
    ),
  ];
  return new Uint8Array(bytes);
}
