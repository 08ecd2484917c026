import { describe, expect, it } from "vitest";
import { type OrderPreview, previewOrder } from "../broker/previewOrder.ts";
import { price, TEST_START } from "../broker/testDataset.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { Order } from "../domain/order.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { createDailyDrawdownRule } from "./dailyDrawdown.ts";
import { createHardStopRule } from "./hardStop.ts";
import { createSeasonDrawdownRule } from "./seasonDrawdown.ts";
import { testSeason } from "./testSeason.ts";
import { createValueAtRiskRule } from "./valueAtRisk.ts";

const btc = (bars: string[]) => ({ BTC: { assetClass: "crypto-major" as const, bars } });
const buy = (quantity: bigint): Order => ({ clientOrderId: "o", symbol: "BTC", side: "buy", quantity });

describe("createRiskEngine", () => {
  it("retires an entrant (forfeit, disqualification): liquidates at the closes and refuses every later order", () => {
    const season = testSeason({ assets: btc(["100", "110", "120"]) });
    season.order(0, buy(FIXED_ONE));
    season.engine.retireEntrant(season.account, season.round(1), "forfeited", season.records);
    expect(season.account).toMatchObject({
      status: "forfeited",
      finalAtRound: 1,
      openPositionCount: 0,
      cash: price("10010"),
    });
    expect(season.records.slice(1).map((record) => record.type)).toEqual(["forcedLiquidation", "statusChanged"]);
    expect(season.records[1]).toMatchObject({ reason: "statusChange" });
    expect(season.order(2, buy(FIXED_ONE))).toMatchObject({
      denial: { reason: "ENTRANT_FORFEITED", context: { atRound: 1 } },
    });
    // A retired entrant is not marked any more: its equity stays frozen.
    season.mark(2);
    expect(season.account.equity).toBe(price("10010"));
    const disqualified = testSeason({ assets: btc(["100"]) });
    disqualified.engine.retireEntrant(
      disqualified.account,
      disqualified.round(0),
      "disqualified",
      disqualified.records,
    );
    expect(disqualified.order(0, buy(FIXED_ONE))).toMatchObject({ denial: { reason: "ENTRANT_DISQUALIFIED" } });
  });

  it("marks a flat entrant again once its book changed, after marks that had nothing to do", () => {
    const season = testSeason({
      assets: btc(["100", "100", "100", "50", "50"]),
      rules: [createHardStopRule({ minCumulativePnl: price("-1000") })],
    });
    // Flat and above the floor: quiet marks, the second one with nothing changed since the first.
    season.mark(0);
    season.mark(1);
    expect(season.account.equity).toBe(price("10000"));
    // 100 BTC bought at 100, sold at 50 before the round's mark: flat again, 5,000 lost.
    season.order(2, buy(100n * FIXED_ONE));
    season.mark(2);
    season.order(3, { clientOrderId: "o", symbol: "BTC", side: "sell", quantity: 100n * FIXED_ONE });
    expect(season.account.openPositionCount).toBe(0);
    season.mark(3);
    expect(season.account).toMatchObject({ status: "eliminated", equity: price("5000"), cash: price("5000") });
    const events = season.records.filter((record) => record.type === "riskEvent");
    expect(events).toMatchObject([{ round: 3, event: { kind: "hardStopElimination" } }]);
  });

  it("returns a quiet mark's equity in exact units, NaN when the mark was not quiet or an event followed", () => {
    const season = testSeason({
      assets: btc(["100", "110", "120", "50"]),
      rules: [createHardStopRule({ minCumulativePnl: price("-1000") })],
    });
    expect(season.mark(0)).toBeNaN(); // flat: no quiet mark
    season.order(0, buy(30n * FIXED_ONE));
    expect(season.mark(1)).toBe(Number(season.account.equity));
    expect(season.mark(2)).toBe(Number(price("10600")));
    // 30 BTC from 100 to 50: −1,500, the hard stop eliminates (an event after the mark).
    expect(season.mark(3)).toBeNaN();
    expect(season.account.status).toBe("eliminated");
  });

  it("applies the most severe trigger first: a hard stop and a season drawdown at once eliminate", () => {
    // 100 BTC from 100 to 50: P&L −5,000 < −1,000 and 50% below the high-water mark.
    const season = testSeason({
      frequency: "1d",
      assets: btc(["100", "50"]),
      rules: [
        createHardStopRule({ minCumulativePnl: price("-1000") }),
        createSeasonDrawdownRule({ thresholdBps: 4_000 }),
      ],
    });
    season.order(0, buy(100n * FIXED_ONE));
    season.mark(0);
    season.mark(1);
    expect(season.account.status).toBe("eliminated");
    const events = season.records.filter((record) => record.type === "riskEvent");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: { kind: "hardStopElimination" } });
  });

  it("keeps the longer pause when a VaR breach and the daily drawdown trigger together", () => {
    // Daily bars: day 2 falls 20%: the daily limit pauses to day 3, the VaR penalty to the end of day 3.
    const season = testSeason({
      frequency: "1d",
      startingCapital: 10_000n * FIXED_ONE,
      assets: btc(["100", "100", "80", "80", "80"]),
      rules: (tape) => [
        createValueAtRiskRule({
          limit: price("1"),
          confidenceBps: 9_500,
          windowDays: 10,
          minObservations: 2,
          checkSecondsUtc: 0,
          tape,
        }),
        createDailyDrawdownRule({ thresholdBps: 1_000 }),
      ],
    });
    season.order(1, buy(100n * FIXED_ONE));
    season.mark(1); // one return so far
    season.mark(2);
    expect(season.account).toMatchObject({
      status: "paused",
      pauseReason: "varPenalty",
      pausedUntil: TEST_START + 4 * 86_400,
    });
    expect(season.order(3, buy(FIXED_ONE))).toMatchObject({ denial: { reason: "VAR_PENALTY_DAY" } });
    expect(season.order(4, buy(FIXED_ONE)).status).toBe("FILLED");
  });

  it("records malformed orders in JSON-safe form, and every record is canonical JSON", () => {
    const season = testSeason({ assets: btc(["100", "90"]) });
    const malformed = { clientOrderId: "bad", symbol: "BTC", side: "buy", quantity: Number.NaN, extra: () => 1 };
    expect(season.order(0, malformed as unknown as Order)).toMatchObject({ denial: { reason: "INVALID_ORDER" } });
    expect(season.records[0]).toMatchObject({ order: { clientOrderId: "bad", quantity: "NaN" } });
    season.order(0, { ...buy(FIXED_ONE), stopLoss: price("95") });
    season.engine.updateStopLoss(
      season.account,
      season.round(0),
      { clientOrderId: "s", symbol: "BTC", stopLoss: price("96") },
      season.records,
    );
    season.mark(1);
    const text = canonicalJson(season.records);
    expect(text).toContain('"type":"orderCancelled"');
    expect(text).toContain('"kind":"stopLossTriggered"');
    // The bar opens at 90, through the stop at 96: a gap fill at 90, in 8-decimal units "9000000000".
    expect(text).toContain('"gap":true');
    expect(text).toContain('"price":"9000000000"');
  });

  it("with orders at the open, executes the stops the open gapped through before the round's orders", () => {
    // Long 1 from 100 with a stop at 95; the next bar opens at 90: the stop fills at 90 first, and the
    // agent's sell at that open then opens a short instead of closing a long whose stop is above the market.
    const season = testSeason({
      broker: { fillPrice: "open" },
      assets: btc(["100", "90"]),
    });
    season.order(0, { ...buy(FIXED_ONE), stopLoss: price("95") });
    season.mark(0);
    const outcome = season.order(1, {
      clientOrderId: "s",
      symbol: "BTC",
      side: "sell",
      quantity: FIXED_ONE,
      stopLoss: price("95"),
    });
    expect(season.records.map((record) => record.type)).toEqual(["orderFilled", "riskEvent", "orderFilled"]);
    expect(season.records[1]).toMatchObject({
      event: { kind: "stopLossTriggered", gap: true, fill: { price: price("90") } },
    });
    expect(outcome.status === "FILLED" && outcome.fill.positionAfter).toBe(-FIXED_ONE);
  });

  it("takes a given preview of the same order instead of computing it, and ignores one of another order", () => {
    const run = (preview: "same" | "other" | "none") => {
      const season = testSeason({ assets: btc(["100", "110"]) });
      const order = buy(FIXED_ONE);
      const round = season.round(0);
      season.engine.beginRound(season.account, round, season.records);
      const previewed = previewOrder({
        account: season.account,
        order: preview === "other" ? buy(2n * FIXED_ONE) : order,
        round,
        universe: season.tape.universe,
        config: season.engine.broker,
      }) as OrderPreview;
      const outcome = season.engine.submitOrder(
        season.account,
        round,
        order,
        season.records,
        preview === "none" ? undefined : previewed,
      );
      return { outcome, account: season.account, records: canonicalJson(season.records) };
    };
    const computed = run("none");
    expect(computed.outcome).toMatchObject({ status: "FILLED", fill: { quantity: FIXED_ONE } });
    expect(run("same")).toEqual(computed);
    // A preview of another order (twice the size) is not used for this one.
    expect(run("other")).toEqual(computed);
  });

  it("begins a round once per account: the day's starting equity is not reset by later calls", () => {
    const season = testSeason({
      assets: btc(["100", "50"]),
      rules: [createDailyDrawdownRule({ thresholdBps: 1_000 })],
    });
    season.order(0, buy(50n * FIXED_ONE));
    season.mark(0);
    season.engine.beginRound(season.account, season.round(1), season.records);
    season.mark(1); // equity 7,500: 25% below the day's 10,000
    season.engine.beginRound(season.account, season.round(1), season.records);
    expect(season.account.dayStartEquity).toBe(price("10000"));
    expect(season.account.status).toBe("paused");
  });
});
