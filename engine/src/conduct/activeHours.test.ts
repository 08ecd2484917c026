import { describe, expect, it } from "vitest";
import { checkActiveHours } from "./activeHours.ts";
import { hourlyActivity } from "./activityHours.ts";
import type { DecisionOutcome } from "./agentActivity.ts";
import { activityScript, scriptStart } from "./testing/activityScript.ts";

const hours = (n: number) => ({ start: scriptStart, end: scriptStart + n * 3_600 });

/** One hourly decision per round, `outcomeOf(round)`; undefined logs nothing for that round. */
function hourly(n: number, outcomeOf: (round: number) => DecisionOutcome | undefined) {
  const s = activityScript();
  for (let round = 0; round < n; round++) {
    const outcome = outcomeOf(round);
    if (outcome !== undefined) s.decision(round, outcome);
  }
  return s.activity;
}

describe("active hours (seed 003: at least 80%)", () => {
  it("fails 79 active hours of 100, with the counts of each kind of decision", () => {
    // rounds 0–78 valid (alternating orders and explicit holds), 79–89 invalid, 90–99 missing
    const activity = hourly(100, (r) => (r < 79 ? (r % 2 ? "hold" : "orders") : r < 90 ? "invalid" : "missing"));
    expect(checkActiveHours(hourlyActivity(activity, hours(100)))).toEqual({
      requirement: "min-active-hours",
      reason: "Active in 79 of 100 hours (79.00%), below the required 80.00%.",
      evidence: {
        totalHours: 100,
        activeHours: 79,
        activeShareBps: 7_900,
        minActiveShareBps: 8_000,
        validDecisions: 79,
        invalidDecisions: 11,
        missingDecisions: 10,
      },
    });
  });

  it("passes exactly 80%, counts an hour with several decisions once, and counts unlogged hours as inactive", () => {
    expect(
      checkActiveHours(
        hourlyActivity(
          hourly(100, (r) => (r < 80 ? "hold" : "missing")),
          hours(100),
        ),
      ),
    ).toBe(undefined);
    const s = activityScript();
    for (let round = 0; round < 8; round++) s.decision(round, "orders", scriptStart + round * 600); // 8 decisions in 80 minutes: 2 hours
    expect(checkActiveHours(hourlyActivity(s.activity, hours(10)), { minActiveShareBps: 2_000 })).toBe(undefined); // 2 of 10 = 20%
    const failure = checkActiveHours(hourlyActivity(s.activity, hours(10)), { minActiveShareBps: 2_100 });
    expect(failure?.evidence).toMatchObject({
      activeHours: 2,
      totalHours: 10,
      activeShareBps: 2_000,
      validDecisions: 8,
    });
  });
});
