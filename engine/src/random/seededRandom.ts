/**
 * Seeded randomness for the engine: no Math.random anywhere in the core.
 * Streams are split by concern (`forkRandom(seed, "synthetic:BTC")`, `"agent:7"`, ...) so that adding
 * a consumer of randomness to one concern never shifts the numbers another concern sees.
 * Generator: xoshiro128** (32-bit state words, exact in JS integer arithmetic on every machine),
 * seeded through SplitMix32 from an FNV-1a hash of the seed and the stream name.
 */

export type SeededRandom = {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  nextFloat(): number;
  /** Uniform integer in [0, bound), without modulo bias. bound must be in [1, 2^32]. */
  nextInt(bound: number): number;
  /** Standard normal deviate (Box-Muller; one value per call, deterministic). */
  nextGaussian(): number;
};

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function splitMix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** A random stream for one concern of one seed. The same (seed, stream) always gives the same numbers. */
export function forkRandom(seed: string, stream: string): SeededRandom {
  const mix = splitMix32(fnv1a32(`${seed}\u0000${stream}`));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  if ((a | b | c | d) === 0) a = 1; // xoshiro's all-zero state is a fixed point

  const nextUint32 = () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return result;
  };
  const nextFloat = () => nextUint32() / 4_294_967_296;
  return {
    nextUint32,
    nextFloat,
    nextInt(bound) {
      if (!Number.isInteger(bound) || bound < 1 || bound > 4_294_967_296) {
        throw new RangeError(`nextInt: bound ${bound} must be an integer in [1, 2^32]`);
      }
      const limit = 4_294_967_296 - (4_294_967_296 % bound);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % bound;
    },
    nextGaussian() {
      const u1 = 1 - nextFloat(); // (0, 1]: log is finite
      const u2 = nextFloat();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
  };
}
