import { describe, expect, it } from "vitest";
import { FIXED_ONE } from "../money/fixed.ts";
import { type ParseDecisionReplyParameters, parseDecisionReply } from "./parseDecisionReply.ts";
import { macroRules, testAsset, testObservation } from "./testing/testObservation.ts";

const usd = (value: number) => BigInt(Math.round(value * 1e8));
const order = (fields: Record<string, unknown>) => ({
  symbol: "BTC",
  side: "buy",
  quantity: null,
  notional: null,
  leverage: null,
  stopLoss: null,
  ...fields,
});
const reply = (orders: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ reasoning: "1. BTC trends up.\n2. Buy with a stop.", orders, stopLossUpdates: [], ...extra });
const parse = (text: string, options: Partial<ParseDecisionReplyParameters> = {}) =>
  parseDecisionReply({ reply: { kind: "text", text }, observation: testObservation(), agentId: "agent-1", ...options });

// The observation (testing/testObservation.ts): round 3, BTC at 50,000, ETH at 2,000, equity 10,000,
// LLMTrader rules: 25% of equity as margin per asset, stop-loss within 8% of entry, no fee or slippage.
describe("parseDecisionReply: valid replies", () => {
  it("turns a reply into orders with exact fixed-point amounts and numbered clientOrderIds", () => {
    // Margin 0.04 × 50,000 / 2 = 1,000 (10% of equity); stop 47,000 is 6% below the entry.
    const decision = parse(
      reply([
        order({ quantity: "0.04", leverage: 2, stopLoss: "47000" }),
        order({ symbol: "ETH", side: "sell", notional: "500", stopLoss: "2100" }),
      ]),
    );
    expect(decision.outcome).toBe("trade");
    expect(decision.noTradeReason).toBeUndefined();
    expect(decision.reasoning).toBe("1. BTC trends up.\n2. Buy with a stop.");
    expect(decision.orders).toEqual([
      {
        clientOrderId: "agent-1:3:0",
        symbol: "BTC",
        side: "buy",
        quantity: 4_000_000n,
        leverage: 2,
        stopLoss: 47_000n * FIXED_ONE,
      },
      {
        clientOrderId: "agent-1:3:1",
        symbol: "ETH",
        side: "sell",
        notional: 500n * FIXED_ONE,
        stopLoss: 2_100n * FIXED_ONE,
      },
    ]);
  });

  it("holds on an empty order list, and tolerates one Markdown fence around the JSON", () => {
    const decision = parse(`\`\`\`json\n${reply([])}\n\`\`\``);
    expect(decision).toEqual({
      orders: [],
      stopLossUpdates: [],
      reasoning: "1. BTC trends up.\n2. Buy with a stop.",
      outcome: "hold",
    });
  });

  it("reads a decoded tool input with JSON numbers exactly like decimal strings", () => {
    const fromJson = parseDecisionReply({
      reply: {
        kind: "json",
        value: { reasoning: "r", orders: [order({ quantity: 0.04, leverage: 2, stopLoss: 47000 })] },
      },
      observation: testObservation(),
      agentId: "agent-1",
    });
    const fromText = parse(
      JSON.stringify({ reasoning: "r", orders: [order({ quantity: "0.04", leverage: "2", stopLoss: "47000" })] }),
    );
    expect(fromJson).toEqual(fromText);
    expect(fromJson.outcome).toBe("trade");
  });

  it("accepts a stop exactly at the 8% limit and a position exactly at the 25% cap", () => {
    // 50,000 × (1 − 0.08) = 46,000 is the lowest stop; 0.05 × 50,000 = 2,500 = 25% of 10,000.
    expect(parse(reply([order({ quantity: "0.05", stopLoss: "46000" })])).outcome).toBe("trade");
    // The same position sized by notional: 2,500 / 50,000 = 0.05.
    expect(parse(reply([order({ notional: "2500", stopLoss: "46000" })])).orders[0]?.notional).toBe(usd(2500));
  });

  it("lets a later order in the same reply keep the stop an earlier one set", () => {
    const decision = parse(reply([order({ quantity: "0.01", stopLoss: "47000" }), order({ quantity: "0.01" })]));
    expect(decision.outcome).toBe("trade");
    expect(decision.orders[1]?.stopLoss).toBeUndefined();
  });

  it("needs no stop to reduce a position, and checks an added position at its new average entry", () => {
    const positions = [
      {
        symbol: "BTC",
        side: "long" as const,
        quantity: usd(0.02),
        entryPrice: usd(40_000),
        markPrice: usd(50_000),
        stopLoss: usd(37_000),
        leverage: 1,
        unrealizedPnl: usd(200),
      },
    ];
    const observation = testObservation({ positions });
    const withPosition = (text: string) =>
      parseDecisionReply({ reply: { kind: "text", text }, observation, agentId: "agent-1" });
    expect(withPosition(reply([order({ side: "sell", quantity: "0.01" })])).outcome).toBe("trade");
    // Adding 0.02 at 50,000 to 0.02 at 40,000: average entry (0.02·40,000 + 0.02·50,000) / 0.04 = 45,000,
    // so the stop must be at least 45,000 × 0.92 = 41,400.
    expect(withPosition(reply([order({ quantity: "0.02", stopLoss: "41400" })])).outcome).toBe("trade");
    expect(withPosition(reply([order({ quantity: "0.02", stopLoss: "41000" })])).noTradeReason?.code).toBe(
      "STOP_LOSS_TOO_FAR",
    );
    // A stop update on the open position: entry 40,000 allows stops down to 36,800.
    expect(
      withPosition(reply([], { stopLossUpdates: [{ symbol: "BTC", stopLoss: "38000" }] })).stopLossUpdates,
    ).toEqual([{ clientOrderId: "agent-1:3:s0", symbol: "BTC", stopLoss: usd(38_000) }]);
    expect(
      withPosition(reply([], { stopLossUpdates: [{ symbol: "BTC", stopLoss: "36000" }] })).noTradeReason?.code,
    ).toBe("STOP_LOSS_TOO_FAR");
  });

  it("needs no stop, and refuses one, in a market-only season (seed 002)", () => {
    const observation = testObservation({
      rules: macroRules,
      assets: [testAsset("SPY", 500, "equity-etf"), testAsset("GLD", 200, "commodity")],
    });
    const macro = (text: string) =>
      parseDecisionReply({ reply: { kind: "text", text }, observation, agentId: "team-1" });
    expect(macro(JSON.stringify({ reasoning: "r", orders: [order({ symbol: "SPY", quantity: "2" })] })).outcome).toBe(
      "trade",
    );
    const withStop = macro(
      JSON.stringify({ reasoning: "r", orders: [order({ symbol: "SPY", quantity: "2", stopLoss: "450" })] }),
    );
    expect(withStop.noTradeReason).toEqual({
      code: "STOP_ORDERS_NOT_OFFERED",
      detail: "orders[0]: this season offers market orders only; send no stopLoss",
    });
  });
});

describe("parseDecisionReply: replies that become a no-trade", () => {
  const cases: [string, string, Partial<ParseDecisionReplyParameters>, string, string][] = [
    ["truncated JSON", '{"reasoning": "x", "orders": [', {}, "MALFORMED_JSON", "the reply is not valid JSON"],
    ["prose", "I think BTC will go up.", {}, "MALFORMED_JSON", "the reply is not valid JSON"],
    ["whitespace", "  \n ", {}, "EMPTY_REPLY", "the reply is empty"],
    [
      "a top-level array",
      "[]",
      {},
      "SCHEMA_MISMATCH",
      "the reply must be a JSON object with reasoning and orders, got []",
    ],
    ["an extra field", reply([], { confidence: 0.9 }), {}, "SCHEMA_MISMATCH", 'unknown field "confidence"'],
    [
      "orders not an array",
      JSON.stringify({ reasoning: "r", orders: "buy BTC" }),
      {},
      "SCHEMA_MISMATCH",
      'orders must be an array, got "buy BTC"',
    ],
    [
      "an asset outside the universe",
      reply([order({ symbol: "DOGE", quantity: "100", stopLoss: "0.1" })]),
      {},
      "UNKNOWN_ASSET",
      'orders[0]: "DOGE" is not traded in this season (BTC, ETH)',
    ],
    [
      "an asset outside the agent's markets",
      reply([order({ symbol: "ETH", quantity: "1", stopLoss: "1900" })]),
      { markets: ["BTC"] },
      "UNKNOWN_ASSET",
      "orders[0]: ETH is not among the agent's markets (BTC)",
    ],
    [
      "a new position without a stop",
      reply([order({ quantity: "0.01" })]),
      {},
      "MISSING_STOP_LOSS",
      "orders[0]: every BTC position needs a stop-loss; give stopLoss with the order",
    ],
    // 50,000 × 0.92 = 46,000 is the furthest stop allowed; one unit below is too far.
    [
      "a stop one unit too far",
      reply([order({ quantity: "0.01", stopLoss: "45999.99999999" })]),
      {},
      "STOP_LOSS_TOO_FAR",
      "orders[0]: stop-loss 45999.99999999 is more than 8% from the expected entry 50000",
    ],
    [
      "a long's stop above the price",
      reply([order({ quantity: "0.01", stopLoss: "51000" })]),
      {},
      "STOP_LOSS_WRONG_SIDE",
      "orders[0]: a long BTC position's stop-loss must be below the price 50000, got 51000",
    ],
    [
      "a short's stop below the price",
      reply([order({ side: "sell", quantity: "0.01", stopLoss: "49000" })]),
      {},
      "STOP_LOSS_WRONG_SIDE",
      "orders[0]: a short BTC position's stop-loss must be above the price 50000, got 49000",
    ],
    // 0.05000001 × 50,000 = 2,500.0005 of margin at 1x, above 25% of 10,000.
    [
      "a position over the 25% cap",
      reply([order({ quantity: "0.05000001", stopLoss: "47000" })]),
      {},
      "ORDER_TOO_LARGE",
      "orders[0]: the BTC position's margin would be 2500.0005, above 25% of equity 10000",
    ],
    [
      "leverage with three decimals",
      reply([order({ quantity: "0.01", leverage: 2.555, stopLoss: "47000" })]),
      {},
      "INVALID_NUMBER",
      "orders[0]: leverage must be a number from 1 to 100 with at most two decimals, got 2.555",
    ],
    [
      "leverage below 1",
      reply([order({ quantity: "0.01", leverage: 0.5, stopLoss: "47000" })]),
      {},
      "INVALID_NUMBER",
      "orders[0]: leverage must be a number from 1 to 100 with at most two decimals, got 0.5",
    ],
    [
      "a negative quantity",
      reply([order({ quantity: "-1", stopLoss: "47000" })]),
      {},
      "INVALID_NUMBER",
      'orders[0]: quantity expected a positive decimal such as "0.25", got "-1"',
    ],
    [
      "both quantity and notional",
      reply([order({ quantity: "1", notional: "100", stopLoss: "47000" })]),
      {},
      "SCHEMA_MISMATCH",
      "orders[0]: give exactly one of quantity and notional",
    ],
    [
      "leverage above the agent's own limit",
      reply([order({ quantity: "0.01", leverage: 3, stopLoss: "47000" })]),
      { risk: { maxLeverage: 2 } },
      "ORDER_TOO_LARGE",
      "orders[0]: leverage 3 is above the agent's own limit of 2",
    ],
    // 0.02 × 50,000 = 1,000 of margin, above the agent's own 5% (500).
    [
      "an order above the agent's own share",
      reply([order({ quantity: "0.02", stopLoss: "47000" })]),
      { risk: { maxOrderShareBps: 500 } },
      "ORDER_TOO_LARGE",
      "orders[0]: the order's margin 1000 is above the agent's own limit of 5% of equity",
    ],
    [
      "a stop update on an unknown asset",
      reply([], { stopLossUpdates: [{ symbol: "SOL", stopLoss: "100" }] }),
      {},
      "UNKNOWN_ASSET",
      'stopLossUpdates[0]: "SOL" is not traded in this season (BTC, ETH)',
    ],
  ];
  it.each(cases)("%s", (_name, text, options, code, detail) => {
    const decision = parse(text, options);
    expect(decision.outcome).toBe("no-trade");
    expect(decision.orders).toEqual([]);
    expect(decision.stopLossUpdates).toEqual([]);
    expect(decision.noTradeReason?.code).toBe(code);
    expect(decision.noTradeReason?.detail).toContain(detail);
  });

  it("refuses a reply longer than the cap before parsing it", () => {
    expect(parse(reply([]), { maxReplyChars: 50 }).noTradeReason).toEqual({
      code: "REPLY_TOO_LARGE",
      detail: `the reply is ${reply([]).length} characters long; at most 50 are read`,
    });
  });

  it("refuses more orders than a round accepts (twice the assets by default)", () => {
    const five = Array.from({ length: 5 }, () => order({ quantity: "0.001", stopLoss: "47000" }));
    expect(parse(reply(five)).noTradeReason?.code).toBe("TOO_MANY_ORDERS");
    expect(parse(reply(five.slice(0, 4))).outcome).toBe("trade");
  });

  it("voids the whole reply for one bad order, keeps the reasoning, and lists every problem", () => {
    const decision = parse(
      reply([
        order({ quantity: "0.01", stopLoss: "47000" }),
        order({ symbol: "DOGE", quantity: "1" }),
        order({ symbol: "ETH", quantity: "1" }),
      ]),
    );
    expect(decision.orders).toEqual([]);
    expect(decision.reasoning).toBe("1. BTC trends up.\n2. Buy with a stop.");
    expect(decision.noTradeReason?.code).toBe("UNKNOWN_ASSET");
    expect(decision.noTradeReason?.detail).toBe(
      'orders[1]: "DOGE" is not traded in this season (BTC, ETH); orders[2]: every ETH position needs a stop-loss; give stopLoss with the order',
    );
  });
});
