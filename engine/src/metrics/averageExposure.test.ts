import { describe, expect, it } from "vitest";
import { averageExposure } from "./averageExposure.ts";

describe("averageExposure", () => {
  it("averages the gross exposure samples", () => {
    // (0 + 1.5 + 3 + 1.5) / 4 = 1.5
    expect(averageExposure({ exposure: [0, 1.5, 3, 1.5] })).toBe(1.5);
    expect(averageExposure({ exposure: [] })).toBeNull();
  });
});
