import type { ViolationEvidence } from "./violation.ts";

/** Seed 003's participation requirements, checked at settlement, and its config freeze. */
export const requirementIds = ["min-active-hours", "max-inactive-streak", "min-trade-count", "config-freeze"] as const;
export type RequirementId = (typeof requirementIds)[number];

/** A requirement an entrant did not meet: which, why in words, and the numbers. */
export type RequirementFailure<TEvidence extends ViolationEvidence = ViolationEvidence> = {
  requirement: RequirementId;
  reason: string;
  evidence: TEvidence;
};
