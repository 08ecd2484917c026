import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderShapeProblem } from "../broker/previewOrder.ts";
import { testDataset } from "../broker/testDataset.ts";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import type { DenialReason } from "../domain/denial.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import { formatFixed } from "../money/fixed.ts";
import type { AgentDecision } from "./agent.ts";
import { buildRoundObservation } from "./buildRoundObservation.ts";
import { noTradeReasonCodes } from "./noTradeReason.ts";
import { type DecisionReply, parseDecisionReply } from "./parseDecisionReply.ts";

// A real LLMTrader season (fees 5 bps, slippage 2 bps, 25% cap, stops within 8%) over two assets.
const dataset = testDataset({
  assets: {
    BTC: { assetClass: "crypto-major", bars: [50_000, 50_000, 50_000] },
    ETH: { assetClass: "crypto-major", bars: [2_000, 2_000, 2_000] },
  },
});
const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
const observation = buildRoundObservation({ season, account: season.createAccount("fuzz"), round: 1 });
const parse = (reply: DecisionReply) => parseDecisionReply({ reply, observation, agentId: "fuzz" });
const fuzzRuns = { numRuns: 2_000, seed: 20_261_122 };

/** Every decision the parser returns is either a reasoned no-trade or orders the broker accepts as shaped. */
function assertWellFormed(decision: AgentDecision): void {
  expect(["trade", "hold", "no-trade"]).toContain(decision.outcome);
  if (decision.outcome === "no-trade") {
    expect(noTradeReasonCodes).toContain(decision.noTradeReason?.code);
    expect(decision.noTradeReason?.detail.length).toBeGreaterThan(0);
    expect(decision.noTradeReason?.detail.length).toBeLessThanOrEqual(1_000);
    expect(decision.orders).toEqual([]);
    expect(decision.stopLossUpdates).toEqual([]);
    return;
  }
  expect(decision.noTradeReason).toBeUndefined();
  expect(decision.outcome).toBe(decision.orders.length + decision.stopLossUpdates.length > 0 ? "trade" : "hold");
  for (const order of decision.orders) {
    expect(orderShapeProblem(order)).toBeUndefined();
    expect(["BTC", "ETH"]).toContain(order.symbol);
  }
}

// Values a model might put anywhere: numbers of every kind, decimal-looking strings, garbage.
const anyScalar = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e308, -1e-308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
  fc.stringMatching(/^-?\d{0,30}(\.\d{0,30})?(e[+-]?\d{1,4})?$/),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(null, true, false, "", "NaN", "Infinity", "0x10", "1_000", "١٢٣"),
);
const symbol = fc.oneof(fc.constantFrom("BTC", "ETH", "DOGE", "btc", "", "BTC "), fc.string({ maxLength: 6 }));
const garbageOrder = fc.record(
  {
    symbol,
    side: fc.oneof(fc.constantFrom("buy", "sell", "hold", "BUY"), anyScalar),
    quantity: anyScalar,
    notional: anyScalar,
    leverage: anyScalar,
    stopLoss: anyScalar,
    extra: anyScalar,
  },
  { requiredKeys: [] },
);
const garbageReply = fc.record(
  {
    reasoning: fc.oneof(fc.string({ unit: "grapheme", maxLength: 200 }), anyScalar),
    orders: fc.oneof(fc.array(fc.oneof(garbageOrder, anyScalar), { maxLength: 6 }), anyScalar),
    stopLossUpdates: fc.oneof(
      fc.array(fc.record({ symbol, stopLoss: anyScalar }, { requiredKeys: [] }), { maxLength: 4 }),
      anyScalar,
    ),
    note: anyScalar,
  },
  { requiredKeys: [] },
);

// Near-valid orders: the right symbols and sides, sizes around the cap, stops around the 8% limit.
const nearValidOrder = fc.record({
  symbol: fc.constantFrom("BTC", "ETH"),
  side: fc.constantFrom("buy", "sell"),
  sizeBps: fc.integer({ min: 1, max: 4_000 }), // order notional as bps of equity
  leverage: fc.oneof(
    fc.constant(null),
    fc.integer({ min: 100, max: 600 }).map((x) => x / 100),
  ),
  stopOffsetBps: fc.oneof(fc.constant(null), fc.integer({ min: -1_200, max: 1_200 })), // stop vs price, signed
  byNotional: fc.boolean(),
});
type NearValidOrder = typeof nearValidOrder extends fc.Arbitrary<infer T> ? T : never;

function toReplyOrder(spec: NearValidOrder) {
  const asset = observation.assets.find((a) => a.symbol === spec.symbol);
  if (asset === undefined) throw new Error("unknown test asset");
  const notional = (observation.portfolio.equity * BigInt(spec.sizeBps)) / 10_000n;
  const quantity = (notional * 100_000_000n) / asset.price;
  const sign = spec.side === "buy" ? -1n : 1n; // a long's stop below the price, a short's above
  const stop =
    spec.stopOffsetBps === null ? null : asset.price + (sign * asset.price * BigInt(spec.stopOffsetBps)) / 10_000n;
  return {
    symbol: spec.symbol,
    side: spec.side,
    quantity: spec.byNotional ? null : formatFixed(quantity),
    notional: spec.byNotional ? formatFixed(notional) : null,
    leverage: spec.leverage,
    stopLoss: stop === null || stop <= 0n ? null : formatFixed(stop),
  };
}

/** Denials the parser exists to prevent: a reply it accepts must never draw one of these from the broker. */
const caughtByParser = new Set<DenialReason>([
  "INVALID_ORDER",
  "UNKNOWN_ASSET",
  "STOP_LOSS_MISSING",
  "STOP_LOSS_TOO_FAR",
  "STOP_LOSS_WRONG_SIDE",
  "STOP_ORDERS_NOT_OFFERED",
]);

describe("parseDecisionReply fuzzing", () => {
  it("never throws on arbitrary text, and every result is a reasoned no-trade or a well-formed decision", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 400 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          assertWellFormed(parse({ kind: "text", text }));
        },
      ),
      fuzzRuns,
    );
  });

  it("never throws on truncated or corrupted valid replies", () => {
    const valid = JSON.stringify({
      reasoning: "1. Up. 2. Buy.",
      orders: [{ symbol: "BTC", side: "buy", quantity: "0.01", notional: null, leverage: 2, stopLoss: "47000" }],
      stopLossUpdates: [],
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length }),
        fc.integer({ min: 0, max: valid.length }),
        fc.string({ unit: "binary", maxLength: 5 }),
        (cut, at, insert) => {
          const truncated = parse({ kind: "text", text: valid.slice(0, cut) });
          assertWellFormed(truncated);
          if (cut < valid.length) expect(truncated.outcome).toBe("no-trade");
          assertWellFormed(parse({ kind: "text", text: valid.slice(0, at) + insert + valid.slice(at) }));
        },
      ),
      fuzzRuns,
    );
  });

  it("never throws on replies of the right shape with wrong types, huge numbers, unicode and nested garbage", () => {
    fc.assert(
      fc.property(garbageReply, (value) => {
        assertWellFormed(parse({ kind: "json", value }));
        assertWellFormed(parse({ kind: "text", text: JSON.stringify(value) ?? "" }));
      }),
      fuzzRuns,
    );
    fc.assert(
      fc.property(
        fc.anything({
          maxDepth: 4,
          withBigInt: true,
          withNullPrototype: true,
          withMap: true,
          withSet: true,
          withDate: true,
        }),
        (value) => {
          assertWellFormed(parse({ kind: "json", value }));
        },
      ),
      fuzzRuns,
    );
  });

  it("accepts only replies the broker and risk engine do not deny for a reason the parser checks", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(nearValidOrder, { minLength: 1, maxLength: 3 }), (specs) => {
        const decision = parse({
          kind: "json",
          value: { reasoning: "fuzz", orders: specs.map(toReplyOrder), stopLossUpdates: [] },
        });
        assertWellFormed(decision);
        if (decision.outcome === "no-trade") {
          refused++;
          return;
        }
        accepted++;
        const account = season.createAccount("fuzz");
        const round = season.tape.rounds[1];
        if (round === undefined) throw new Error("no round 1");
        const records: RoundRecord[] = [];
        season.riskEngine.markAccount(account, round, records);
        for (const order of decision.orders) {
          const outcome = season.riskEngine.submitOrder(account, round, order, records);
          if (outcome.status === "CANCELLED") {
            expect(
              caughtByParser.has(outcome.denial.reason),
              `${outcome.denial.reason}: ${outcome.denial.message}`,
            ).toBe(false);
            break; // later orders see a book the parser did not assume
          }
        }
      }),
      { numRuns: 1_500, seed: 20_261_122 },
    );
    // Both paths were exercised (the generator is tuned so that neither dominates).
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
