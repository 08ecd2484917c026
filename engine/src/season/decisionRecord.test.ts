import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import {
  activityOutcome,
  commitDecision,
  decisionFromRecord,
  failedDecision,
  isSilentHold,
  SILENT_HOLD,
} from "./decisionRecord.ts";

describe("decision records", () => {
  it("keep the known fields of orders with JSON-safe values, odd values as text", () => {
    const committed = commitDecision({
      outcome: "trade",
      orders: [
        { clientOrderId: "a", symbol: "BTC", side: "buy", quantity: FIXED_ONE, leverage: Number.NaN, extra: "dropped" },
        "not an order",
      ],
      stopLossUpdates: [{ clientOrderId: "s", symbol: "BTC", stopLoss: 9n * FIXED_ONE }],
      reasoning: "because",
      usage: { inputTokens: 10, outputTokens: 5, latencyMs: 1234, attempts: 1 },
    });
    expect(committed).toEqual({
      outcome: "trade",
      orders: [
        { clientOrderId: "a", symbol: "BTC", side: "buy", quantity: FIXED_ONE, leverage: "NaN" },
        { invalid: "not an order" },
      ],
      stopLossUpdates: [{ clientOrderId: "s", symbol: "BTC", stopLoss: 9n * FIXED_ONE }],
      reasoning: "because",
    });
  });

  it("turn anything that is not a decision into an INVALID_DECISION no-trade", () => {
    expect(commitDecision(undefined)).toEqual(failedDecision("INVALID_DECISION", "got undefined"));
    expect(commitDecision({ outcome: "maybe", orders: {}, stopLossUpdates: [] }).noTradeReason).toEqual({
      code: "INVALID_DECISION",
      detail: "outcome is maybe; orders is not an array",
    });
  });

  it("read back from canonical JSON to the same committed decision", () => {
    const committed = commitDecision({
      outcome: "trade",
      orders: [
        { clientOrderId: "a", symbol: "ETH", side: "sell", notional: 1_234n * FIXED_ONE, stopLoss: 3_100n * FIXED_ONE },
      ],
      stopLossUpdates: [],
      reasoning: "",
    });
    expect(decisionFromRecord(JSON.parse(canonicalJson(committed)))).toEqual(committed);
  });

  it("count for seed 003's active hours: trades and holds are valid, unusable replies invalid, failed calls missing", () => {
    expect(activityOutcome(SILENT_HOLD)).toBe("hold");
    expect(activityOutcome({ ...SILENT_HOLD, outcome: "trade" })).toBe("orders");
    expect(activityOutcome(failedDecision("INVALID_DECISION", ""))).toBe("invalid");
    expect(
      activityOutcome({ ...SILENT_HOLD, outcome: "no-trade", noTradeReason: { code: "MALFORMED_JSON", detail: "" } }),
    ).toBe("invalid");
    expect(
      activityOutcome({ ...SILENT_HOLD, outcome: "no-trade", noTradeReason: { code: "TIMEOUT", detail: "" } }),
    ).toBe("missing");
    expect(activityOutcome(failedDecision("AGENT_ERROR", "boom"))).toBe("missing");
    expect(isSilentHold(SILENT_HOLD)).toBe(true);
    expect(isSilentHold({ ...SILENT_HOLD, reasoning: "nothing to do" })).toBe(false);
  });
});
