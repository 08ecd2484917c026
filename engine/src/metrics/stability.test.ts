import { describe, expect, it } from "vitest";
import { stability } from "./stability.ts";

describe("stability (empyrical stability_of_timeseries)", () => {
  it("is 1 for constant growth, where the cumulative log return is a straight line", () => {
    const { rSquared, slope } = stability([0.01, 0.01, 0.01, 0.01]);
    expect(rSquared).toBeCloseTo(1, 12);
    // slope = log1p(0.01) per period
    expect(slope).toBeCloseTo(Math.log1p(0.01), 12);
  });

  it("matches scipy.stats.linregress on a small series", () => {
    // numpy/scipy 1.17: y = np.log1p([0.10,-0.05,0.02,-0.10,0.08]).cumsum();
    // linregress(arange(5), y): rvalue**2 = 0.40892568669261453, slope = -0.020533817158778424
    const { rSquared, slope } = stability([0.1, -0.05, 0.02, -0.1, 0.08]);
    expect(rSquared).toBeCloseTo(0.40892568669261453, 12);
    expect(slope).toBeCloseTo(-0.020533817158778424, 12);
  });

  it("is 0 for a flat curve (scipy sets r = 0 when a variance is zero)", () => {
    expect(stability([0, 0, 0])).toEqual({ rSquared: 0, slope: 0 });
  });
});
