import { describe, expect, it } from "vitest";
import { returnVolatility } from "./returnVolatility.ts";

describe("returnVolatility", () => {
  it("is the sample standard deviation of the last `period` returns", () => {
    // Returns 1%, −1%, 2% (in hundredths: 1, −1, 2): mean 2/3, squared deviations 1/9 + 25/9 + 16/9 = 42/9,
    // divided by n − 1 = 2: 7/3, so σ = sqrt(7/3) hundredths = 0.0152752523...
    expect(returnVolatility([0.01, -0.01, 0.02], 3)).toBeCloseTo(Math.sqrt(7 / 3) / 100, 14);
    // Only the last two count: returns 3% and 5% → σ = sqrt(((−1)² + 1²) / 1) % = sqrt(2) %.
    expect(returnVolatility([0.5, 0.03, 0.05], 2)).toBeCloseTo(Math.sqrt(2) / 100, 14);
  });

  it("is null with too few returns or a period below 2", () => {
    expect(returnVolatility([0.01], 2)).toBeNull();
    expect(returnVolatility([0.01, 0.02], 1)).toBeNull();
  });
});
