import type { BrokerSettings } from "../broker/brokerConfig.ts";
import type { ConductConfig } from "../conduct/conductPolicy.ts";
import type { AssetClass } from "../market/assetClass.ts";
import type { BarFrequency } from "../market/bar.ts";
import type { PositionCapMeasure } from "../risk/positionCap.ts";
import type { BreachAction } from "../risk/riskRule.ts";
import type { LlmTraderTolerances } from "../scoring/llmTraderRanking.ts";
import {
  type CustomScoringWeights,
  type TournamentScoringConfig,
  tournamentMethods,
} from "../scoring/tournamentScoringConfig.ts";

/** The format tag of this version of the rules: part of the hash, so a format change changes every hash. */
export const SEASON_RULES_FORMAT = "podium.season-rules/1";

/**
 * A decimal amount in quote currency (USD) as text, e.g. "100000" or "-1000000.5": exact, readable in
 * the committed rules, and normalized by the validator (so "1e3" is refused and "10.50" becomes "10.5").
 */
export type DecimalText = string;

/** The arena family a season reproduces. */
export type ArenaKind = "llmtrader" | "macro" | "tournament";

/** Risk rules of the season; an absent rule is off. Each names its seed. */
export type RiskSettings = {
  /** seed 001: max position per asset as a share of the portfolio (25%). */
  positionCap?: { maxShareBps: number; measure: PositionCapMeasure };
  /** seed 001: 5x crypto majors, 3x others; seed 003: one max leverage, breaches excluded from scoring. */
  leverage?: { maxLeverage: Record<AssetClass, number>; onBreach: BreachAction };
  /** seed 003: maximum USD value per position. */
  maxPositionSize?: { maxNotional: DecimalText };
  /** seed 001: minimum position size, set per season. */
  minPositionSize?: { minNotional: DecimalText };
  /** seed 001: mandatory stop-loss within 8% of entry, tighten only (needs execution.stopOrders). */
  stopLoss?: { maxDistanceBps: number };
  /** seed 001: 10% daily drawdown pauses trading until 00:00 UTC. */
  dailyDrawdown?: { thresholdBps: number };
  /** seed 001: 40% drawdown from the high-water mark terminates. */
  seasonDrawdown?: { thresholdBps: number };
  /** seed 002: cumulative P&L below this eliminates (e.g. "-1000000"). */
  hardStop?: { minCumulativePnl: DecimalText };
  /** seed 002: end-of-day portfolio VaR limit; breach liquidates and skips the next trading day. */
  valueAtRisk?: {
    limit: DecimalText;
    confidenceBps: number;
    windowDays: number;
    minObservations: number;
    /** "HH:MM" UTC of the end-of-day check (seed 002: "16:15"). */
    checkTimeUtc: string;
  };
};

/** Markets of the season (seed 003's market restrictions). */
export type MarketSettings = {
  /** Symbols traded in the season; absent: every asset of the dataset. */
  symbols?: string[];
  /** Only these count; takes priority over `blocked` when both are set. */
  allowed?: string[];
  blocked?: string[];
  /** Deny orders outside the allowed markets, or fill them and exclude them from scoring (seed 003). */
  onBreach: BreachAction;
};

/**
 * Ranking methods: LLMTrader's ordering (seed 001), the macro arena's total P&L (seed 002) and
 * seed 003's tournament methods (scoring/tournamentScoringConfig.ts).
 */
export const scoringMethods = ["llmtrader", "totalPnl", ...tournamentMethods] as const;
export type ScoringMethod = (typeof scoringMethods)[number];

export type ScoringSettings = {
  method: ScoringMethod;
  /** Annual risk-free rate as a decimal (seed 001: "set per season"), converted per period by the metrics. */
  riskFreeRatePerYear: number;
  /** Marks per year, the annualization factor: 8,760 hourly, 365 daily crypto, 252 trading days. */
  periodsPerYear: number;
  /** Only with "llmtrader": the grid steps of "similar" values (scoring/llmTraderRanking.ts). */
  tolerances?: LlmTraderTolerances;
  /** Only with "custom": weights of the percentile ranks (seed 003's keys). */
  weights?: CustomScoringWeights;
  /** Only with a tournament method: seed 004's over-trading and risk-violation penalties. */
  penalties?: TournamentScoringConfig["penalties"];
};

export type EntrySettings = {
  /** seed 003: entry fee in USD ("0" for free tournaments). */
  entryFee: DecimalText;
  /** seed 003: max agents one user may enter. */
  maxBotsPerUser?: number;
};

/**
 * A season's complete ruleset: everything that decides its outcome, committed by hash before it
 * starts (seed 001: "Rules are finalized before each season begins"). JSON-native: money as decimal
 * text, rates in basis points, leverage as a plain multiple. Validate with validateSeasonRules,
 * compile for a dataset with compileSeasonRules.
 */
export type SeasonRules = {
  format: typeof SEASON_RULES_FORMAT;
  id: string;
  name: string;
  arena: ArenaKind;
  /** The seed documents the season reproduces, e.g. "seed 001 (LLMTrader rules & scoring)". */
  source: string;
  /** Bar frequency the dataset must have. */
  frequency: BarFrequency;
  startingCapital: DecimalText;
  execution: BrokerSettings;
  markets: MarketSettings;
  risk: RiskSettings;
  /** Banned strategies, config freeze, activity and trade count (conduct/conductPolicy.ts). */
  conduct: ConductConfig;
  scoring: ScoringSettings;
  entry: EntrySettings;
  /** Descriptive facts that change no number (seed 002's debate rounds, ...). */
  metadata: Record<string, string | number | boolean>;
};
