import { SEASON_RULES_FORMAT, type SeasonRules } from "../seasonRules.ts";

/**
 * The LLM Macro Trading Arena (seed 002): EUR/USD, SPY, TLT, USO and GLD traded once a day with
 * market orders only (no stop orders), a hard stop-loss at −$1,000,000 of cumulative P&L
 * (elimination), a $100,000 portfolio VaR 95% limit checked at 16:15 UTC (liquidation and a skipped
 * trading day), ranked by total P&L. The seed's virtual broker charges no fees or slippage ("does
 * not account for slippage ... or real-world execution costs"), so neither does this preset.
 * The seed leaves open the starting capital, leverage and the VaR window: Podium's choices are
 * $10,000,000, unleveraged positions, and 250 daily returns (at least 20 before the first check).
 */
export const macroArena: SeasonRules = {
  format: SEASON_RULES_FORMAT,
  id: "macro-arena",
  name: "LLM Macro Trading Arena",
  arena: "macro",
  source: "seed 002 (LLM Macro Trading Arena competition rulebook)",
  frequency: "1d",
  startingCapital: "10000000",
  execution: { fillPrice: "close", feeBps: 0, slippageBps: 0, stopOrders: false },
  markets: { symbols: ["EURUSD", "SPY", "TLT", "USO", "GLD"], onBreach: "deny" },
  risk: {
    leverage: {
      maxLeverage: { "crypto-major": 1, crypto: 1, fx: 1, "equity-etf": 1, rates: 1, commodity: 1 },
      onBreach: "deny",
    },
    hardStop: { minCumulativePnl: "-1000000" },
    valueAtRisk: { limit: "100000", confidenceBps: 9_500, windowDays: 250, minObservations: 20, checkTimeUtc: "16:15" },
  },
  conduct: {},
  scoring: { method: "totalPnl", riskFreeRatePerYear: 0.04, periodsPerYear: 252 },
  entry: { entryFee: "0" },
  metadata: { seed: "002", debateRounds: 2, teams: 3, agentsPerTeam: 7, rebalancing: "once per day" },
};
