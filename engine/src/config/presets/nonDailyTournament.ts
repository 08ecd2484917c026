import { SEASON_RULES_FORMAT, type SeasonRules } from "../seasonRules.ts";

/**
 * A non-daily Arena tournament (seed 003): a week of hourly rounds with the agent's config frozen
 * (a changed config forfeits), activity requirements checked at settlement (at least 80% active
 * hours, no inactive streak over 24 hours), allowed markets and a max leverage whose breaches are
 * excluded from scoring, a max position size, an entry fee, a minimum trade count and a cap on bots
 * per user, scored risk-adjusted (0.4 Sharpe + 0.3 Sortino + 0.3 (1 − drawdown)). Durations, fee and
 * sizes are Podium's choices; the thresholds are the seed's.
 */
export const nonDailyTournament: SeasonRules = {
  format: SEASON_RULES_FORMAT,
  id: "non-daily-tournament",
  name: "Arena weekly tournament",
  arena: "tournament",
  source: "seed 003 (Tournament Arena: config freeze, activity requirements, constraints, scoring methods)",
  frequency: "1h",
  startingCapital: "10000",
  execution: { fillPrice: "close", feeBps: 5, slippageBps: 2, stopOrders: true },
  markets: { allowed: ["BTC", "ETH", "SOL"], onBreach: "excludeFromScoring" },
  risk: {
    leverage: {
      maxLeverage: { "crypto-major": 10, crypto: 10, fx: 10, "equity-etf": 10, rates: 10, commodity: 10 },
      onBreach: "excludeFromScoring",
    },
    maxPositionSize: { maxNotional: "25000" },
  },
  conduct: {
    bannedStrategies: { "wash-trading": { action: "disqualify" } },
    tournament: "non-daily",
    activity: { minActiveShareBps: 8_000, maxInactiveHours: 24 },
    minTradeCount: 10,
  },
  scoring: { method: "risk_adjusted", riskFreeRatePerYear: 0, periodsPerYear: 8_760 },
  entry: { entryFee: "10", maxBotsPerUser: 3 },
  metadata: { seed: "003", durationDays: 7 },
};
