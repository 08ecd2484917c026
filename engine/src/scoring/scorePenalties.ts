import type { MetricValue } from "../metrics/metric.ts";
import type { OverTradingPenalty, RiskViolationPenalty } from "./tournamentScoringConfig.ts";

/** Points taken off for over-trading: maxPoints × min(1, (turnover - threshold) / threshold) above the threshold. */
export function overTradingPenaltyPoints(turnover: MetricValue, penalty: OverTradingPenalty): number {
  if (turnover === null || turnover <= penalty.turnoverThreshold) return 0;
  const excess = (turnover - penalty.turnoverThreshold) / penalty.turnoverThreshold;
  return penalty.maxPoints * Math.min(1, excess);
}

/** Points taken off for risk violations recorded by the risk rules (flags): linear, capped. */
export function riskViolationPenaltyPoints(violations: number, penalty: RiskViolationPenalty): number {
  return Math.min(penalty.maxPoints, violations * penalty.pointsPerViolation);
}
