import { describe, expect, it } from "vitest";
import { forkRandom } from "./seededRandom.ts";

describe("forkRandom", () => {
  it("repeats the same numbers for the same seed and stream", () => {
    const a = forkRandom("season-1", "synthetic:BTC");
    const b = forkRandom("season-1", "synthetic:BTC");
    const draws = Array.from({ length: 5 }, () => [a.nextUint32(), b.nextUint32()]);
    for (const [x, y] of draws) expect(x).toBe(y);
  });

  it("gives independent streams per concern", () => {
    const a = forkRandom("season-1", "agent:1");
    const b = forkRandom("season-1", "agent:2");
    const xs = Array.from({ length: 8 }, () => a.nextUint32());
    const ys = Array.from({ length: 8 }, () => b.nextUint32());
    expect(xs).not.toEqual(ys);
  });

  it("keeps a golden sequence so that no refactor silently changes replays", () => {
    const r = forkRandom("podium", "golden");
    expect(Array.from({ length: 4 }, () => r.nextUint32())).toMatchInlineSnapshot(`
      [
        3133137163,
        1105381719,
        3209762561,
        3834823072,
      ]
    `);
  });

  it("draws uniform integers and floats in range, and gaussians with mean 0 and variance 1", () => {
    const r = forkRandom("podium", "stats");
    const n = 20_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const k = r.nextInt(6);
      expect(k >= 0 && k < 6).toBe(true);
      const f = r.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
      const g = r.nextGaussian();
      sum += g;
      sumSq += g * g;
    }
    // Standard error of the mean is 1/sqrt(n) = 0.007; 5 sigma bounds keep the test stable.
    expect(Math.abs(sum / n)).toBeLessThan(0.036);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
    expect(() => r.nextInt(0)).toThrow(RangeError);
  });
});
