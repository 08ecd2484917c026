/**
 * The orders and stop-loss moves refused during a season, per entrant and by reason, counted from
 * its published round artifacts (docs/commitments.md): what a viewer can check for themselves.
 * Under presets that enforce banned strategies with `deny` (LLMTrader), a rule-breaker's attempts
 * show up here, not as flags, so a summary without them would show it as clean.
 */
import { PodiumError } from "@podium/engine";

/** The part of a round artifact (as parsed from its JSON) that denials are read from. */
export type RoundArtifactRecords = {
  readonly entrants: readonly { readonly entrantIndex: number; readonly entrantId: string }[];
  readonly records: readonly {
    readonly type: string;
    readonly entrantId: string;
    readonly denial?: { readonly reason?: unknown; readonly rules?: unknown };
  }[];
};

export type EntrantDenials = {
  readonly total: number;
  /**
   * Reason → count. A risk rule's denial (orderCancelled, stopLossUpdateDenied) is named by its
   * reason code (`POSITION_CAP_EXCEEDED`, `STOP_LOSS_WIDENED`); a banned-strategy rule's
   * (conductDenied) by the rules that fired (`stop-loss-widening`).
   */
  readonly byReason: ReadonlyMap<string, number>;
};

/** Entrant index → its denials; entrants never denied are absent. */
export function countDenials(artifacts: readonly RoundArtifactRecords[]): Map<number, EntrantDenials> {
  const counts = new Map<number, Map<string, number>>();
  for (const artifact of artifacts) {
    const indexOf = new Map(artifact.entrants.map((entrant) => [entrant.entrantId, entrant.entrantIndex]));
    for (const record of artifact.records) {
      const reason = denialReason(record);
      if (reason === undefined) continue;
      const entrantIndex = indexOf.get(record.entrantId);
      if (entrantIndex === undefined)
        throw new PodiumError(`A round artifact's ${record.type} record names an unknown entrant.`, {
          details: `entrant ${record.entrantId} is not in the artifact's entrants`,
          hint: "The artifact is malformed: check it with the verifier (scripts/src/verify/cli.ts).",
        });
      const byReason = counts.get(entrantIndex) ?? new Map<string, number>();
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      counts.set(entrantIndex, byReason);
    }
  }
  return new Map(
    [...counts].map(([entrantIndex, byReason]) => [
      entrantIndex,
      { total: [...byReason.values()].reduce((sum, n) => sum + n, 0), byReason },
    ]),
  );
}

/** `6 (stop-loss-widening 4, POSITION_CAP_EXCEEDED 2)`, most frequent first; `-` for none. */
export function formatDenials(denials: EntrantDenials | undefined): string {
  if (denials === undefined || denials.total === 0) return "-";
  const reasons = [...denials.byReason]
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, count]) => `${reason} ${count}`);
  return `${denials.total} (${reasons.join(", ")})`;
}

function denialReason(record: RoundArtifactRecords["records"][number]): string | undefined {
  if (record.type === "orderCancelled" || record.type === "stopLossUpdateDenied")
    return typeof record.denial?.reason === "string" ? record.denial.reason : "unknown";
  if (record.type === "conductDenied") {
    const rules = record.denial?.rules;
    return Array.isArray(rules) && rules.length > 0 ? rules.join("+") : "banned strategy";
  }
  return undefined;
}
