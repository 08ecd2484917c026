import { checkInWindow, HOUR_SECONDS, type HourlyActivity, type SeasonWindow, windowHours } from "./activityHours.ts";
import { type DecisionOutcome, decisionOutcomes } from "./agentActivity.ts";

/**
 * The activity hours (activityHours.ts) of every entrant of a season in one table, hour-major: the
 * season records a round's decisions entrant after entrant, so that round's writes land next to each
 * other instead of in one array and one counter object per entrant, scattered over the heap (measured
 * in the season loop: about 7% of a round went to those scattered reads). Read one entrant's hours
 * with `hourlyActivityOf`.
 */
export type ActivityTable = {
  readonly window: SeasonWindow;
  readonly totalHours: number;
  readonly entrants: number;
  /** active[hour × entrants + entrant] is 1 when the entrant gave a valid decision in that hour. */
  readonly active: Uint8Array;
  /** Per entrant: the number of active hours. */
  readonly activeHours: Int32Array;
  /** decisions[entrant × 4 + k]: the entrant's decisions with outcome `decisionOutcomes[k]`. */
  readonly decisions: Int32Array;
};

const OUTCOMES = decisionOutcomes.length;
const HOLD = decisionOutcomes.indexOf("hold");
const outcomeIndex = Object.fromEntries(decisionOutcomes.map((outcome, k) => [outcome, k])) as Record<
  DecisionOutcome,
  number
>;

/** An empty table for `entrants` entrants over `window` (whole UTC hours; throws InvalidConductInputError otherwise). */
export function createActivityTable(window: SeasonWindow, entrants: number): ActivityTable {
  const totalHours = windowHours(window);
  return {
    window: { start: window.start, end: window.end },
    totalHours,
    entrants,
    active: new Uint8Array(totalHours * entrants),
    activeHours: new Int32Array(entrants),
    decisions: new Int32Array(entrants * OUTCOMES),
  };
}

/** recordHold for entrant `entrant` of the table (the common case of every round). */
export function recordHoldAt(table: ActivityTable, entrant: number, round: number, time: number): void {
  checkInWindow(table, round, time);
  const at = entrant * OUTCOMES + HOLD;
  table.decisions[at] = (table.decisions[at] as number) + 1;
  markActiveAt(table, entrant, time);
}

/** recordDecision for entrant `entrant` of the table; throws when the decision is outside the window. */
export function recordDecisionAt(
  table: ActivityTable,
  entrant: number,
  decision: { round: number; time: number; outcome: DecisionOutcome },
): void {
  checkInWindow(table, decision.round, decision.time);
  const at = entrant * OUTCOMES + outcomeIndex[decision.outcome];
  table.decisions[at] = (table.decisions[at] as number) + 1;
  if (decision.outcome === "orders" || decision.outcome === "hold") markActiveAt(table, entrant, decision.time);
}

function markActiveAt(table: ActivityTable, entrant: number, time: number): void {
  const at = Math.floor((time - table.window.start) / HOUR_SECONDS) * table.entrants + entrant;
  if (table.active[at] === 0) {
    table.active[at] = 1;
    table.activeHours[entrant] = (table.activeHours[entrant] as number) + 1;
  }
}

/** One entrant's hours as an HourlyActivity (a copy: later records do not change it). */
export function hourlyActivityOf(table: ActivityTable, entrant: number): HourlyActivity {
  const active = new Uint8Array(table.totalHours);
  for (let hour = 0; hour < active.length; hour++)
    active[hour] = table.active[hour * table.entrants + entrant] as number;
  const decisions = {} as Record<DecisionOutcome, number>;
  decisionOutcomes.forEach((outcome, k) => {
    decisions[outcome] = table.decisions[entrant * OUTCOMES + k] as number;
  });
  return {
    window: { start: table.window.start, end: table.window.end },
    totalHours: table.totalHours,
    active,
    activeHours: table.activeHours[entrant] as number,
    decisions,
  };
}
