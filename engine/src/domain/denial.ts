import type { AssetClass } from "../market/assetClass.ts";
import type { Fixed } from "../money/fixed.ts";

/** Which way a position points: long (quantity > 0) or short (quantity < 0). */
export type PositionSide = "long" | "short";

/**
 * The numbers behind each denial reason, so that a cancelled order says exactly what limit it hit.
 * Money is fixed-point (8 decimals); times are unix seconds; leverage is a plain multiple.
 */
export type DenialContexts = {
  /** The order itself is malformed: no or non-positive size, both sizes, bad leverage, bad stop price. */
  INVALID_ORDER: { problem: string };
  /** The symbol is not an asset of the season's dataset. */
  UNKNOWN_ASSET: { symbol: string };
  /** Outside the season's allowed markets (seed 003). */
  MARKET_NOT_ALLOWED: { symbol: string; allowedMarkets: readonly string[] };
  /** In the season's blocked markets (seed 003). */
  MARKET_BLOCKED: { symbol: string };
  ENTRANT_TERMINATED: { atRound: number };
  ENTRANT_ELIMINATED: { atRound: number };
  ENTRANT_DISQUALIFIED: { atRound: number };
  ENTRANT_FORFEITED: { atRound: number };
  /** Paused by the daily drawdown limit until `pausedUntil` (00:00 UTC of the next day, seed 001). */
  TRADING_PAUSED: { pausedUntil: number };
  /** Skipping the trading day after a VaR breach (seed 002). */
  VAR_PENALTY_DAY: { pausedUntil: number };
  /** The position would take more than the per-asset share of the portfolio (25%, seed 001). */
  POSITION_CAP_EXCEEDED: {
    symbol: string;
    measure: "margin" | "notional";
    positionValue: Fixed;
    equity: Fixed;
    limit: Fixed;
    maxShareBps: number;
  };
  /** Leverage above the asset class's maximum (5x crypto majors, 3x others, seed 001). */
  LEVERAGE_EXCEEDED: { symbol: string; assetClass: AssetClass; leverage: number; maxLeverage: number };
  /** Adding to a position at a leverage other than the position's own. */
  LEVERAGE_MISMATCH: { symbol: string; leverage: number; positionLeverage: number };
  /** The position's notional would exceed the season's maximum position size in USD (seed 003). */
  MAX_POSITION_USD_EXCEEDED: { symbol: string; notional: Fixed; maxNotional: Fixed };
  /** The position left open would be smaller than the season's minimum position size (seed 001). */
  BELOW_MIN_POSITION: { symbol: string; notional: Fixed; minNotional: Fixed };
  /** The position would have no stop-loss where one is mandatory (seed 001). */
  STOP_LOSS_MISSING: { symbol: string };
  /** The stop-loss is further than the allowed distance from the entry price (8%, seed 001). */
  STOP_LOSS_TOO_FAR: {
    symbol: string;
    side: PositionSide;
    stopLoss: Fixed;
    entryPrice: Fixed;
    /** The furthest stop allowed: entry × (1 ∓ maxDistance). */
    limitPrice: Fixed;
    maxDistanceBps: number;
  };
  /** The stop-loss would move further from the entry price: stops may only be tightened (seed 001). */
  STOP_LOSS_WIDENED: { symbol: string; side: PositionSide; stopLoss: Fixed; currentStopLoss: Fixed };
  /** The stop-loss is not on the protective side of the market price (it would fire at once). */
  STOP_LOSS_WRONG_SIDE: { symbol: string; side: PositionSide; stopLoss: Fixed; marketPrice: Fixed };
  /** The season offers market orders only, no stop orders (seed 002). */
  STOP_ORDERS_NOT_OFFERED: { symbol: string };
  /** A stop-loss update for an asset without an open position. */
  NO_POSITION: { symbol: string };
  /** Free cash does not cover the initial margin and the fee. */
  INSUFFICIENT_MARGIN: { symbol: string; required: Fixed; available: Fixed };
};

export type DenialReason = keyof DenialContexts;

/** Why an order or stop update was cancelled: data, not an exception (Nautilus Trader's OrderDenied). */
export type Denial = {
  [R in DenialReason]: { kind: "denied"; reason: R; message: string; context: DenialContexts[R] };
}[DenialReason];

/**
 * Breaches a tournament may accept but leave out of scoring (seed 003: "Trades outside allowed
 * markets are filtered from the leaderboard", "Max Leverage: trades exceeding this are excluded
 * from scoring").
 */
export type ExclusionReason = "MARKET_NOT_ALLOWED" | "MARKET_BLOCKED" | "LEVERAGE_EXCEEDED";

/** A breach that lets the order fill but marks its position as excluded from scoring. */
export type Exclusion = {
  [R in ExclusionReason]: { kind: "excluded"; reason: R; message: string; context: DenialContexts[R] };
}[ExclusionReason];

/** Builds a denial with its context typed by its reason. */
export function deny<R extends DenialReason>(reason: R, message: string, context: DenialContexts[R]): Denial {
  return { kind: "denied", reason, message, context } as Denial;
}

/** Builds an exclusion with its context typed by its reason. */
export function exclude<R extends ExclusionReason>(reason: R, message: string, context: DenialContexts[R]): Exclusion {
  return { kind: "excluded", reason, message, context } as Exclusion;
}

/** Whether a result (a preview, a rule's verdict) is a denial. */
export function isDenial(value: unknown): value is Denial {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "denied";
}
