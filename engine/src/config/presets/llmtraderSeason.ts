import { SEASON_RULES_FORMAT, type SeasonRules } from "../seasonRules.ts";

/**
 * An LLMTrader competitive season (seed 001; leaderboards of seed 000). Every limit of the seed's
 * summary table is here: 25% per-asset cap, 5x/3x leverage, stop-loss within 8% (tighten only),
 * 10% daily drawdown pause, 40% season drawdown termination, Sharpe > absolute return > Calmar.
 * The seed leaves open: starting capital, fees, slippage, the minimum position size ("set per
 * season"), the risk-free rate ("set per season", stablecoin-yield-like 4%) and the tolerance of
 * "similar" Sharpe ratios;
 * the values below are Podium's choices for them.
 */
export const llmtraderSeason: SeasonRules = {
  format: SEASON_RULES_FORMAT,
  id: "llmtrader-season",
  name: "LLMTrader competitive season",
  arena: "llmtrader",
  source: "seed 001 (LLMTrader rules & scoring), seed 000 (season leaderboards)",
  frequency: "1h",
  startingCapital: "10000",
  execution: { fillPrice: "close", feeBps: 5, slippageBps: 2, stopOrders: true },
  markets: { onBreach: "deny" },
  risk: {
    positionCap: { maxShareBps: 2_500, measure: "margin" },
    leverage: {
      maxLeverage: { "crypto-major": 5, crypto: 3, fx: 3, "equity-etf": 3, rates: 3, commodity: 3 },
      onBreach: "deny",
    },
    minPositionSize: { minNotional: "10" },
    stopLoss: { maxDistanceBps: 800 },
    dailyDrawdown: { thresholdBps: 1_000 },
    seasonDrawdown: { thresholdBps: 4_000 },
  },
  conduct: {
    // seed 001: "Participants may be disqualified ... for using banned strategies". Widening is also
    // refused outright by the stop-loss rule; the conduct rule then only sees refused attempts.
    bannedStrategies: {
      martingale: { action: "disqualify" },
      "doubling-down": { action: "disqualify" },
      "revenge-trading": { action: "disqualify" },
      "stop-loss-widening": { action: "deny" },
      "unlimited-grid": { action: "disqualify" },
      "wash-trading": { action: "disqualify" },
    },
  },
  scoring: {
    method: "llmtrader",
    // "Similar" Sharpe ratios: equal at two decimals (scoring/llmTraderRanking.ts's defaults).
    tolerances: { sharpeRatio: 0.01, totalReturn: 0.0001, calmarRatio: 0.01 },
    riskFreeRatePerYear: 0.04,
    periodsPerYear: 8_760,
  },
  entry: { entryFee: "0" },
  metadata: { seed: "001", rulesFinalizedBeforeSeason: true },
};
