import { SEASON_RULES_FORMAT, type SeasonRules } from "../seasonRules.ts";

/**
 * A daily Arena tournament (seed 003): one day of hourly rounds, no config freeze and no activity
 * requirement (both are for non-daily tournaments), allowed markets and a max leverage whose
 * breaches are excluded from scoring rather than refused, a max position size in USD, a minimum
 * trade count and a cap on bots per user, scored by P&L. The seed's "e.g." values are used where it
 * gives them (BTC and ETH only, 10x); the others are Podium's choices.
 */
export const dailyTournament: SeasonRules = {
  format: SEASON_RULES_FORMAT,
  id: "daily-tournament",
  name: "Arena daily tournament",
  arena: "tournament",
  source: "seed 003 (Tournament Arena: constraints, participation rules, scoring methods)",
  frequency: "1h",
  startingCapital: "10000",
  execution: { fillPrice: "close", feeBps: 5, slippageBps: 2, stopOrders: true },
  markets: { allowed: ["BTC", "ETH"], onBreach: "excludeFromScoring" },
  risk: {
    leverage: {
      maxLeverage: { "crypto-major": 10, crypto: 10, fx: 10, "equity-etf": 10, rates: 10, commodity: 10 },
      onBreach: "excludeFromScoring",
    },
    maxPositionSize: { maxNotional: "5000" },
  },
  conduct: { bannedStrategies: { "wash-trading": { action: "disqualify" } }, tournament: "daily", minTradeCount: 3 },
  scoring: { method: "pnl", riskFreeRatePerYear: 0, periodsPerYear: 8_760 },
  entry: { entryFee: "0", maxBotsPerUser: 3 },
  metadata: { seed: "003", durationDays: 1 },
};
