import { describe, expect, it } from "vitest";
import { consistencyScore } from "./consistencyScore.ts";
import { simpleReturns } from "./simpleReturns.ts";

function score(equity: number[], subPeriodLength: number) {
  return consistencyScore({ equity, returns: simpleReturns(equity), subPeriodLength });
}

describe("consistencyScore", () => {
  it("is 1 for a steady rise: every sub-period positive and a straight log curve", () => {
    // +1% every period: all 3 blocks of 2 positive (share 1), R² = 1 with an upward slope.
    const equity = Array.from({ length: 7 }, (_, i) => 100 * 1.01 ** i);
    expect(score(equity, 2)).toBeCloseTo(1, 12);
  });

  it("counts positive sub-periods, the short last one included, and drops R² for a falling fit", () => {
    // Worked example, blocks of 2 returns: 100 → 104.5 (+), 104.5 → 95.931 (−), 95.931 → 103.60548 (+,
    // a 1-return block) → 2/3. The cumulative log-return fit slopes down (scipy slope -0.0205) so its
    // R² (0.409) is dropped: 0.5 × 2/3 + 0.5 × 0 = 1/3.
    expect(score([100, 110, 104.5, 106.59, 95.931, 103.60548], 2)).toBeCloseTo(1 / 3, 14);
  });

  it("keeps R² when the fit rises", () => {
    // Returns +0.10, -0.05, +0.10, -0.05 in blocks of 2: both blocks +4.5% → share 1.
    // numpy/scipy: y = log1p([.1,-.05,.1,-.05]).cumsum(); linregress(arange(4), y): slope 0.00735 > 0,
    // rvalue**2 = 0.05909449845719554 → 0.5 × 1 + 0.5 × 0.0590945 = 0.5295472492285977
    const equity = [100, 110, 104.5, 114.95, 109.2025];
    const expected = 0.5 + 0.5 * rSquaredNaive(simpleReturns(equity));
    expect(score(equity, 2)).toBeCloseTo(expected, 12);
    expect(score(equity, 2)).toBeCloseTo(0.5295472492285977, 12);
  });

  it("is 0 for a flat curve and for a bust one, null with fewer than two returns", () => {
    expect(score([100, 100, 100], 1)).toBe(0);
    expect(score([100, 50, 0], 1)).toBe(0);
    expect(score([100, 101], 1)).toBeNull();
  });
});

/** Pearson r² by the textbook formula, written independently of stability.ts. */
function rSquaredNaive(returns: number[]): number {
  const ys: number[] = [];
  let total = 0;
  for (const r of returns) {
    total += Math.log(1 + r);
    ys.push(total);
  }
  const xs = ys.map((_, i) => i);
  const n = ys.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const cov = xs.reduce((a, x, i) => a + (x - mx) * ((ys[i] as number) - my), 0);
  const vx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const vy = ys.reduce((a, y) => a + (y - my) ** 2, 0);
  return (cov * cov) / (vx * vy);
}
