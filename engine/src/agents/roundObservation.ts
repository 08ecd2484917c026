import type { ArenaKind } from "../config/seasonRules.ts";
import type { PositionSide } from "../domain/denial.ts";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import type { AssetClass } from "../market/assetClass.ts";
import type { Bar, BarFrequency } from "../market/bar.ts";
import type { Fixed } from "../money/fixed.ts";

/**
 * Everything an agent is told at a round: plain data, built by the engine (buildRoundObservation.ts)
 * from the season's rules, the market tape and the entrant's account. Money is fixed-point (8
 * decimals); ratios and indicators are floats (statistics). Only `news` is free text from outside
 * the engine: prompts fence it as untrusted data.
 */
export type RoundObservation = {
  /** Round index in the season's timeline. */
  round: number;
  /** Unix seconds of the round's bar open. */
  time: number;
  rules: RulesSummary;
  riskBudget: RiskBudget;
  /** The season's assets in universe (dataset) order. */
  assets: AssetObservation[];
  portfolio: PortfolioObservation;
  /** Optional news or context text (untrusted: it may contain instructions an agent must ignore). */
  news?: string[];
};

/** The season's rules an agent must respect, as plain numbers (from the committed SeasonRules). */
export type RulesSummary = {
  seasonId: string;
  seasonName: string;
  arena: ArenaKind;
  frequency: BarFrequency;
  /** "close": orders fill at the close of the bar the agent sees; "open": at the next bar's open. */
  fillPrice: "open" | "close";
  feeBps: number;
  slippageBps: number;
  /** Largest share of equity one asset's position may take, in basis points (seed 001: 2,500). */
  maxPositionShareBps?: number;
  /** What the cap measures: posted margin or the position's notional. */
  positionCapMeasure?: "margin" | "notional";
  /** Highest leverage per asset symbol (seed 001: 5x majors, 3x others). */
  maxLeverage: Record<string, number>;
  /** Whether positions may carry stop-losses (false: market orders only, seed 002). */
  stopOrders: boolean;
  /** Mandatory stop-loss within this distance of entry, tighten only (seed 001: 800 bps). */
  stopLossMaxDistanceBps?: number;
  minPositionNotional?: Fixed;
  maxPositionNotional?: Fixed;
  /** Daily drawdown that pauses trading for the UTC day (seed 001: 1,000 bps). */
  dailyDrawdownBps?: number;
  /** Drawdown from the high-water mark that ends the season for the entrant (seed 001: 4,000 bps). */
  seasonDrawdownBps?: number;
  /** Cumulative P&L below which the entrant is eliminated (seed 002: -1,000,000). */
  hardStopPnl?: Fixed;
  /** End-of-day portfolio VaR limit (seed 002: 100,000 at 95%). */
  valueAtRiskLimit?: Fixed;
  /** Strategies the season bans (seed 001), e.g. "martingale". */
  bannedStrategies: string[];
};

/**
 * How much room the entrant has before a risk control acts, as fractions of equity or amounts in
 * quote currency (plain numbers, for the prompt). Absent when the season has no such control.
 */
export type RiskBudget = {
  /** Fraction of today's starting equity the entrant may still lose before the daily pause. */
  dailyDrawdownLeft?: number;
  /** Fraction of the high-water mark the entrant may still lose before termination. */
  seasonDrawdownLeft?: number;
  /** Quote currency the cumulative P&L may still fall before elimination. */
  hardStopDistance?: number;
  /** VaR limit minus the portfolio's current VaR, when the caller computed the latter. */
  valueAtRiskHeadroom?: number;
};

export type AssetObservation = {
  symbol: string;
  assetClass: AssetClass;
  name: string;
  /** The latest price the agent may see: the close of the last visible bar. */
  price: Fixed;
  /** The visible bars, oldest first (the last `lookback` of them). */
  bars: Bar[];
  /** Simple returns between consecutive visible closes (floats), oldest first. */
  returns: number[];
  indicators: AssetIndicators;
};

/** Indicators over the visible closes; null when there are too few bars. */
export type AssetIndicators = {
  sma20: number | null;
  ema20: number | null;
  rsi14: number | null;
  /** Standard deviation of the last 20 simple returns (per bar, not annualized). */
  volatility20: number | null;
};

export type PortfolioObservation = {
  cash: Fixed;
  equity: Fixed;
  startingCapital: Fixed;
  status: EntrantStatus;
  positions: PositionObservation[];
};

export type PositionObservation = {
  symbol: string;
  side: PositionSide;
  /** Absolute quantity. */
  quantity: Fixed;
  entryPrice: Fixed;
  markPrice: Fixed;
  stopLoss?: Fixed;
  leverage: number;
  unrealizedPnl: Fixed;
};
