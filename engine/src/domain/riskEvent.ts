import type { Fixed } from "../money/fixed.ts";
import type { PositionSide } from "./denial.ts";
import type { PauseReason } from "./entrantStatus.ts";
import type { Fill } from "./fill.ts";

/**
 * Something a risk rule triggered at a mark. Each names the seed rule it enforces; the risk
 * engine applies the consequence (pause, termination, elimination, forced liquidation).
 */
export type RiskEvent =
  /** A position's stop-loss was hit by the bar (seed 001's mandatory stop). */
  | {
      kind: "stopLossTriggered";
      symbol: string;
      side: PositionSide;
      stopLoss: Fixed;
      /** True when the bar opened beyond the stop: filled at the open, not at the stop. */
      gap: boolean;
      fill: Fill;
    }
  /** Equity fell by the daily limit (10%) from the UTC day's start: paused until 00:00 UTC (seed 001). */
  | { kind: "dailyDrawdownPause"; equity: Fixed; dayStartEquity: Fixed; thresholdBps: number; pausedUntil: number }
  /** Equity fell by the season limit (40%) from the high-water mark: terminated for good (seed 001). */
  | { kind: "seasonDrawdownTermination"; equity: Fixed; highWaterMark: Fixed; thresholdBps: number }
  /** Cumulative P&L fell below the hard stop (−$1,000,000): eliminated (seed 002). */
  | { kind: "hardStopElimination"; cumulativePnl: Fixed; minCumulativePnl: Fixed }
  /** End-of-day portfolio VaR 95% above the limit: liquidated and the next trading day skipped (seed 002). */
  | {
      kind: "valueAtRiskBreach";
      valueAtRisk: Fixed;
      limit: Fixed;
      confidenceBps: number;
      observations: number;
      pausedUntil: number;
    }
  /** A pause ended: the entrant may trade again. */
  | { kind: "pauseLifted"; reason: PauseReason };

export type RiskEventKind = RiskEvent["kind"];
