import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHourlyActivity, recordDecision, recordHold } from "./activityHours.ts";
import { createActivityTable, hourlyActivityOf, recordDecisionAt, recordHoldAt } from "./activityTable.ts";
import { decisionOutcomes } from "./agentActivity.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { scriptStart } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

const window = (hours: number) => ({ start: scriptStart, end: scriptStart + hours * 3_600 });

describe("activity table", () => {
  it("gives every entrant the same hours as one HourlyActivity per entrant fed the same decisions", () => {
    const decision = fc.record({
      entrant: fc.nat(),
      // Half-hour rounds: some hours get two decisions, some none.
      slot: fc.nat(),
      outcome: fc.oneof(fc.constant("hold-fast-path" as const), fc.constantFrom(...decisionOutcomes)),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(decision, { maxLength: 80 }),
        (entrants, hours, decisions) => {
          const table = createActivityTable(window(hours), entrants);
          const apart = Array.from({ length: entrants }, () => createHourlyActivity(window(hours)));
          for (const { entrant: e, slot, outcome } of decisions) {
            const entrant = e % entrants;
            const round = slot % (hours * 2);
            const time = scriptStart + round * 1_800;
            const own = apart[entrant] as (typeof apart)[number];
            if (outcome === "hold-fast-path") {
              recordHoldAt(table, entrant, round, time);
              recordHold(own, round, time);
            } else {
              recordDecisionAt(table, entrant, { round, time, outcome });
              recordDecision(own, { round, time, outcome });
            }
          }
          apart.forEach((own, entrant) => {
            expect(hourlyActivityOf(table, entrant)).toEqual(own);
          });
        },
      ),
    );
  });

  it("refuses a decision outside the window and a window off the hour, as the per-entrant hours do", () => {
    const table = createActivityTable(window(2), 3);
    const outside = thrownBy(() => recordHoldAt(table, 1, 4, scriptStart + 7_200));
    expect(outside).toBeInstanceOf(InvalidConductInputError);
    expect((outside as InvalidConductInputError).problems).toEqual([
      `decision of round 4 at ${scriptStart + 7_200} is outside [${scriptStart}, ${scriptStart + 7_200})`,
    ]);
    expect(hourlyActivityOf(table, 1).decisions.hold).toBe(0);
    const offHour = thrownBy(() => createActivityTable({ start: scriptStart + 60, end: scriptStart + 7_200 }, 3));
    expect((offHour as InvalidConductInputError).problems).toEqual([
      `start ${scriptStart + 60} is not on a whole UTC hour`,
    ]);
  });
});
