import { describe, expect, it } from "vitest";
import { testDataset } from "../broker/testDataset.ts";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { macroArena } from "../config/presets/macroArena.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import { FIXED_ONE } from "../money/fixed.ts";
import { buildRoundObservation, ObservationRoundError } from "./buildRoundObservation.ts";
import { relativeStrengthIndex } from "./indicators/relativeStrengthIndex.ts";
import { simpleMovingAverage } from "./indicators/simpleMovingAverage.ts";
import { visibleCloses } from "./visibleCloses.ts";

const usd = (whole: number) => BigInt(whole) * FIXED_ONE;
// 25 hourly closes of BTC rising by 1 from 100, and ETH flat at 10.
const btcCloses = Array.from({ length: 25 }, (_, i) => 100 + i);
const dataset = testDataset({
  assets: {
    BTC: { assetClass: "crypto-major", bars: btcCloses },
    ETH: { assetClass: "crypto-major", bars: Array.from({ length: 25 }, () => 10) },
  },
});

describe("buildRoundObservation", () => {
  it("shows the round's own bar when orders fill at the close, with indicators over the visible closes", () => {
    const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
    const account = season.createAccount("e1");
    const observation = buildRoundObservation({ season, account, round: 24 });
    const btc = observation.assets[0];
    expect(observation.round).toBe(24);
    expect(observation.time).toBe(dataset.times[24]);
    expect(btc?.symbol).toBe("BTC");
    expect(btc?.bars.length).toBe(25); // rounds 0..24, under the default lookback of 50
    expect(btc?.price).toBe(usd(124)); // the close of round 24: the price orders fill at
    // SMA20 of the closes 105..124 = (105 + 124) / 2 = 114.5 (an arithmetic series).
    expect(btc?.indicators.sma20).toBe(114.5);
    // A series that only rises has no losses: RSI 100.
    expect(btc?.indicators.rsi14).toBe(100);
    expect(btc?.returns[0]).toBeCloseTo(101 / 100 - 1, 15);
    expect(observation.assets[1]?.indicators.volatility20).toBe(0); // ETH never moves
    // The floats behind the indicators are the bots' visible closes too.
    if (btc === undefined) throw new Error("no BTC");
    expect(visibleCloses(btc)).toEqual(btcCloses);
  });

  it("hides the round's bar when orders fill at the open, and prices at that open", () => {
    const rules = { ...llmtraderSeason, execution: { ...llmtraderSeason.execution, fillPrice: "open" as const } };
    const season = compileSeasonRules({ rules, dataset });
    const observation = buildRoundObservation({ season, account: season.createAccount("e1"), round: 10, lookback: 5 });
    const btc = observation.assets[0];
    // Rounds 5..9 are visible (5 of lookback), not round 10.
    expect(btc?.bars.map((bar) => bar.close)).toEqual([105, 106, 107, 108, 109].map(usd));
    expect(btc?.price).toBe(usd(110)); // round 10's open (open = close in these bars)
    expect(btc?.indicators.sma20).toBeNull(); // five closes are too few for a 20-bar average
    expect(simpleMovingAverage([105, 106, 107, 108, 109], 5)).toBe(107);
    expect(relativeStrengthIndex([105, 106, 107, 108, 109], 14)).toBeNull();
  });

  it("summarizes the rules and the risk budget from the season and the account", () => {
    const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
    const account = season.createAccount("e1");
    const records: RoundRecord[] = [];
    const round = season.tape.rounds[2];
    if (round === undefined) throw new Error("no round 2");
    season.riskEngine.markAccount(account, round, records);
    // Buy 5 BTC at 102 (+2 bps slippage = 102.0204) with a stop at 95: 2 bps of slippage and a 5 bps fee.
    const outcome = season.riskEngine.submitOrder(
      account,
      round,
      { clientOrderId: "o", symbol: "BTC", side: "buy", quantity: usd(5), stopLoss: usd(95) },
      records,
    );
    expect(outcome.status).toBe("FILLED");
    const observation = buildRoundObservation({ season, account, round: 2 });
    expect(observation.rules).toMatchObject({
      seasonId: "llmtrader-season",
      maxPositionShareBps: 2_500,
      positionCapMeasure: "margin",
      maxLeverage: { BTC: 5, ETH: 5 },
      stopOrders: true,
      stopLossMaxDistanceBps: 800,
      dailyDrawdownBps: 1_000,
      seasonDrawdownBps: 4_000,
      minPositionNotional: usd(10),
    });
    expect(observation.rules.bannedStrategies).toContain("martingale");
    const position = observation.portfolio.positions[0];
    expect(position).toMatchObject({ symbol: "BTC", side: "long", quantity: usd(5), stopLoss: usd(95), leverage: 1 });
    expect(position?.entryPrice).toBe(10_202_040_000n); // 102 × 1.0002 = 102.0204
    // The fee (5 bps of 5 × 102.0204 = 0.255051) and the slippage left equity at
    // 10,000 − 0.255051 + 5 × (102 − 102.0204) = 10,000 − 0.255051 − 0.102 = 9,999.642949.
    expect(observation.portfolio.equity).toBe(999_964_294_900n);
    // The day started at 10,000: daily budget = 10% − 0.357051 / 10,000; the peak is 10,000 too.
    const lost = (10_000 - 9_999.642949) / 10_000;
    expect(observation.riskBudget.dailyDrawdownLeft).toBeCloseTo(0.1 - lost, 12);
    expect(observation.riskBudget.seasonDrawdownLeft).toBeCloseTo(0.4 - lost, 12);
    expect(observation.riskBudget.hardStopDistance).toBeUndefined();
  });

  it("gives the macro arena's hard-stop distance and VaR headroom, and the news", () => {
    const macro = testDataset({
      frequency: "1d",
      assets: Object.fromEntries(
        ["EURUSD", "SPY", "TLT", "USO", "GLD"].map((symbol) => [
          symbol,
          { assetClass: "commodity" as const, bars: [1, 1, 1] },
        ]),
      ),
    });
    const season = compileSeasonRules({ rules: macroArena, dataset: macro });
    const observation = buildRoundObservation({
      season,
      account: season.createAccount("t1"),
      round: 1,
      valueAtRisk: 25_000,
      news: ["ECB holds rates"],
    });
    // Flat at the start: P&L 0, so 0 − (−1,000,000) = 1,000,000 of room; VaR headroom 100,000 − 25,000.
    expect(observation.riskBudget).toEqual({ hardStopDistance: 1_000_000, valueAtRiskHeadroom: 75_000 });
    expect(observation.rules.stopOrders).toBe(false);
    expect(observation.rules.hardStopPnl).toBe(usd(-1_000_000));
    expect(observation.news).toEqual(["ECB holds rates"]);
  });

  it("refuses a round outside the tape", () => {
    const season = compileSeasonRules({ rules: llmtraderSeason, dataset });
    expect(() => buildRoundObservation({ season, account: season.createAccount("e1"), round: 25 })).toThrow(
      ObservationRoundError,
    );
  });
});
