import { describe, expect, it } from "vitest";
import { tradeCount } from "./tradeCount.ts";

describe("tradeCount", () => {
  it("reports the executed orders", () => {
    expect(tradeCount({ fillCount: 17 })).toBe(17);
    expect(tradeCount({ fillCount: 0 })).toBe(0);
  });
});
