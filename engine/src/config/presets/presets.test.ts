/**
 * Each preset reproduces its seed arena: the numbers below are the seeds' (001: 25%, 5x/3x, 8%;
 * 002: market-only, −$1,000,000, $100,000 at 16:15 UTC; 003: allowed markets and max leverage
 * excluded from scoring, max position size), exercised through a compiled season.
 */
import { describe, expect, it } from "vitest";
import { price, testDataset } from "../../broker/testDataset.ts";
import type { Order } from "../../domain/order.ts";
import type { RoundRecord } from "../../domain/roundRecord.ts";
import type { Dataset } from "../../market/dataset.ts";
import { FIXED_ONE } from "../../money/fixed.ts";
import { compileSeasonRules } from "../compileSeasonRules.ts";
import type { SeasonRules } from "../seasonRules.ts";
import { validateSeasonRules } from "../validateSeasonRules.ts";
import { dailyTournament } from "./dailyTournament.ts";
import { llmtraderSeason } from "./llmtraderSeason.ts";
import { macroArena } from "./macroArena.ts";
import { nonDailyTournament } from "./nonDailyTournament.ts";

const crypto = testDataset({
  assets: {
    BTC: { assetClass: "crypto-major", bars: ["100", "100"] },
    ETH: { assetClass: "crypto-major", bars: ["100", "100"] },
    SOL: { assetClass: "crypto-major", bars: ["100", "100"] },
    DOGE: { assetClass: "crypto", bars: ["100", "100"] },
  },
});
const macro = testDataset({
  frequency: "1d",
  assets: {
    EURUSD: { assetClass: "fx", bars: ["1.1"] },
    SPY: { assetClass: "equity-etf", bars: ["500"] },
    TLT: { assetClass: "rates", bars: ["90"] },
    USO: { assetClass: "commodity", bars: ["75"] },
    GLD: { assetClass: "commodity", bars: ["200"] },
  },
});

function trial(rules: SeasonRules, dataset: Dataset) {
  const season = compileSeasonRules({ rules, dataset });
  return (order: Omit<Order, "clientOrderId">) => {
    const records: RoundRecord[] = [];
    const round = season.tape.rounds[0];
    if (round === undefined) throw new Error("empty dataset");
    return season.riskEngine.submitOrder(
      season.createAccount("a"),
      round,
      { clientOrderId: "o", ...order } as Order,
      records,
    );
  };
}

describe("presets", () => {
  it("are valid rulesets, already normalized", () => {
    for (const preset of [llmtraderSeason, macroArena, dailyTournament, nonDailyTournament])
      expect(validateSeasonRules(preset)).toEqual(preset);
  });

  it("llmtraderSeason: 25% cap on margin, 5x majors and 3x others, stop within 8%", () => {
    const submit = trial(llmtraderSeason, crypto);
    const stop = price("92.5");
    // Fill 100.02 (2 bps slippage): 120 BTC at 5x is 2,400.48 of margin, within 25% of ~9,988 equity.
    expect(submit({ symbol: "BTC", side: "buy", quantity: 120n * FIXED_ONE, leverage: 5, stopLoss: stop }).status).toBe(
      "FILLED",
    );
    // 130 BTC at 5x is 2,600.52 of margin: above 25%.
    expect(
      submit({ symbol: "BTC", side: "buy", quantity: 130n * FIXED_ONE, leverage: 5, stopLoss: stop }),
    ).toMatchObject({
      denial: { reason: "POSITION_CAP_EXCEEDED" },
    });
    expect(submit({ symbol: "ETH", side: "buy", quantity: FIXED_ONE, leverage: 6, stopLoss: stop })).toMatchObject({
      denial: { reason: "LEVERAGE_EXCEEDED", context: { maxLeverage: 5 } },
    });
    expect(submit({ symbol: "DOGE", side: "buy", quantity: FIXED_ONE, leverage: 4, stopLoss: stop })).toMatchObject({
      denial: { reason: "LEVERAGE_EXCEEDED", context: { assetClass: "crypto", maxLeverage: 3 } },
    });
    expect(submit({ symbol: "SOL", side: "buy", quantity: FIXED_ONE })).toMatchObject({
      denial: { reason: "STOP_LOSS_MISSING" },
    });
    // Entry 100.02 × 0.92 = 92.0184: a stop at 92 is too far.
    expect(submit({ symbol: "SOL", side: "buy", quantity: FIXED_ONE, stopLoss: price("92") })).toMatchObject({
      denial: { reason: "STOP_LOSS_TOO_FAR", context: { limitPrice: price("92.0184") } },
    });
  });

  it("macroArena: market orders only, unleveraged, on the five macro assets", () => {
    const submit = trial(macroArena, macro);
    expect(submit({ symbol: "SPY", side: "buy", quantity: 1_000n * FIXED_ONE }).status).toBe("FILLED");
    expect(submit({ symbol: "GLD", side: "sell", quantity: FIXED_ONE, stopLoss: price("210") })).toMatchObject({
      denial: { reason: "STOP_ORDERS_NOT_OFFERED" },
    });
    expect(submit({ symbol: "TLT", side: "buy", quantity: FIXED_ONE, leverage: 2 })).toMatchObject({
      denial: { reason: "LEVERAGE_EXCEEDED" },
    });
    const season = compileSeasonRules({ rules: macroArena, dataset: macro });
    expect(season.broker).toMatchObject({ feeBps: 0n, slippageBps: 0n });
    expect(macroArena.metadata.debateRounds).toBe(2);
  });

  it("dailyTournament: breaches of markets and leverage fill but are excluded; max position size is refused", () => {
    const submit = trial(dailyTournament, crypto);
    expect(submit({ symbol: "BTC", side: "buy", quantity: 10n * FIXED_ONE, leverage: 10 })).toMatchObject({
      status: "FILLED",
      exclusions: [],
    });
    expect(submit({ symbol: "SOL", side: "buy", quantity: 10n * FIXED_ONE })).toMatchObject({
      status: "FILLED",
      exclusions: ["MARKET_NOT_ALLOWED"],
    });
    expect(submit({ symbol: "ETH", side: "buy", quantity: 10n * FIXED_ONE, leverage: 20 })).toMatchObject({
      status: "FILLED",
      exclusions: ["LEVERAGE_EXCEEDED"],
    });
    // Market value at the round's price: 51 × 100 = 5,100 > 5,000.
    expect(submit({ symbol: "BTC", side: "buy", quantity: 51n * FIXED_ONE, leverage: 2 })).toMatchObject({
      denial: { reason: "MAX_POSITION_USD_EXCEEDED" },
    });
  });

  it("nonDailyTournament: freeze, activity and trade count are set for settlement", () => {
    expect(nonDailyTournament.conduct).toMatchObject({
      tournament: "non-daily",
      activity: { minActiveShareBps: 8_000, maxInactiveHours: 24 },
      minTradeCount: 10,
    });
    expect(dailyTournament.conduct.tournament).toBe("daily");
    expect(dailyTournament.conduct.activity).toBeUndefined();
    const submit = trial(nonDailyTournament, crypto);
    expect(submit({ symbol: "DOGE", side: "buy", quantity: FIXED_ONE })).toMatchObject({
      exclusions: ["MARKET_NOT_ALLOWED"],
    });
    expect(submit({ symbol: "SOL", side: "buy", quantity: FIXED_ONE })).toMatchObject({ exclusions: [] });
  });
});
