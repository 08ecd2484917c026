import { describe, expect, it } from "vitest";
import { hourlyActivity } from "./activityHours.ts";
import type { DecisionOutcome } from "./agentActivity.ts";
import { checkInactiveStreak } from "./inactiveStreak.ts";
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

describe("inactive streak (seed 003: none longer than 24 hours)", () => {
  it("fails a 25-hour gap and says when it was", () => {
    // active in hours 0–9, inactive 10–34 (25 hours), active 35–47
    const activity = hourly(48, (r) => (r >= 10 && r < 35 ? "missing" : "orders"));
    expect(checkInactiveStreak(hourlyActivity(activity, hours(48)))).toEqual({
      requirement: "max-inactive-streak",
      // scriptStart is 2025-01-01T00:00Z: hour 10 is 10:00, hour 35 is 2025-01-02T11:00
      reason:
        "Inactive for 25 hours in a row (from 2025-01-01T10:00Z to 2025-01-02T11:00Z), longer than the allowed 24.",
      evidence: {
        longestInactiveHours: 25,
        streakStart: scriptStart + 10 * 3_600,
        streakEnd: scriptStart + 35 * 3_600,
        maxInactiveHours: 24,
      },
    });
  });

  it("passes a 24-hour gap and catches a streak at the end of the season", () => {
    const gap24 = hourly(48, (r) => (r >= 10 && r < 34 ? undefined : "hold")); // nothing logged in hours 10–33
    expect(checkInactiveStreak(hourlyActivity(gap24, hours(48)))).toBe(undefined);
    const tail = checkInactiveStreak(
      hourlyActivity(
        hourly(48, (r) => (r < 20 ? "hold" : "invalid")),
        hours(48),
      ),
    );
    expect(tail?.evidence.longestInactiveHours).toBe(28); // hours 20–47
  });
});
