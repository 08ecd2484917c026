import { describe, expect, it } from "vitest";
import { reasoningSteps } from "./reasoningSteps.ts";

describe("reasoningSteps", () => {
  it("counts enumerated lines when there are any", () => {
    expect(reasoningSteps("Plan:\n1. RSI is 72.\n2) MACD crossed down. It confirms.\n- Size 10%\nStep 4: sell")).toBe(
      4,
    );
    expect(reasoningSteps("• one\n* two")).toBe(2);
  });

  it("otherwise counts sentences", () => {
    expect(reasoningSteps("Bollinger bands are wide. Price near the upper band! Hold?")).toBe(3);
    expect(reasoningSteps("Buy 0.5 BTC")).toBe(1);
    expect(reasoningSteps("   ")).toBe(0);
    expect(reasoningSteps("")).toBe(0);
  });
});
