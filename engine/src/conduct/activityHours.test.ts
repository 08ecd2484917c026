import { describe, expect, it } from "vitest";
import { createHourlyActivity, hourlyActivity, recordDecision, recordHold, utcMinuteText } from "./activityHours.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { activityScript, scriptStart } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

const hours = (n: number) => ({ start: scriptStart, end: scriptStart + n * 3_600 });

describe("hourlyActivity", () => {
  it("marks the hours with a valid decision, the same whether read from a log or kept as the season runs", () => {
    const s = activityScript({ roundSeconds: 1_800 }); // two rounds an hour
    const outcomes = ["hold", "invalid", "missing", "missing", "orders", "orders"] as const;
    outcomes.forEach((outcome, round) => {
      s.decision(round, outcome);
    });
    const fromLog = hourlyActivity(s.activity, hours(4));
    const kept = createHourlyActivity(hours(4));
    for (const event of s.events) if (event.kind === "decision") recordDecision(kept, event);
    // hour 0: hold + invalid → active; hour 1: missing ×2 → inactive; hour 2: orders ×2 → active; hour 3: nothing
    expect([...fromLog.active]).toEqual([1, 0, 1, 0]);
    expect(fromLog.activeHours).toBe(2);
    expect(fromLog.decisions).toEqual({ orders: 2, hold: 1, invalid: 1, missing: 2 });
    expect(kept).toEqual(fromLog);
  });

  it("counts a hold with recordHold exactly as recordDecision does, and refuses one outside the window the same way", () => {
    const viaDecision = createHourlyActivity(hours(3));
    const viaHold = createHourlyActivity(hours(3));
    for (const [round, time] of [
      [0, scriptStart],
      [1, scriptStart + 1_800],
      [2, scriptStart + 7_200],
    ] as const) {
      recordDecision(viaDecision, { round, time, outcome: "hold" });
      recordHold(viaHold, round, time);
    }
    expect(viaHold).toEqual(viaDecision);
    expect([...viaHold.active]).toEqual([1, 0, 1]);
    const outside = thrownBy(() => recordHold(viaHold, 3, scriptStart + 10_800));
    expect(outside).toBeInstanceOf(InvalidConductInputError);
    expect((outside as InvalidConductInputError).problems).toEqual([
      `decision of round 3 at ${scriptStart + 10_800} is outside [${scriptStart}, ${scriptStart + 10_800})`,
    ]);
  });

  it("rejects a window off the hour, and decisions outside the window, saying which", () => {
    const error = thrownBy(() => createHourlyActivity({ start: scriptStart + 60, end: scriptStart }));
    expect(error).toBeInstanceOf(InvalidConductInputError);
    expect((error as InvalidConductInputError).problems).toEqual([
      `start ${scriptStart + 60} is not on a whole UTC hour`,
    ]);
    const s = activityScript();
    for (let round = 0; round < 4; round++) s.decision(round, "hold");
    const outside = thrownBy(() => hourlyActivity(s.activity, hours(2)));
    expect((outside as InvalidConductInputError).problems).toEqual([
      `decision of round 2 at ${scriptStart + 7_200} is outside [${scriptStart}, ${scriptStart + 7_200})`,
      `decision of round 3 at ${scriptStart + 10_800} is outside [${scriptStart}, ${scriptStart + 7_200})`,
    ]);
  });
});

describe("utcMinuteText", () => {
  it("writes UTC times without a clock, matching the calendar", () => {
    expect(utcMinuteText(0)).toBe("1970-01-01T00:00Z");
    expect(utcMinuteText(951_782_400)).toBe("2000-02-29T00:00Z"); // a leap day of a century leap year
    expect(utcMinuteText(1_735_689_600 - 60)).toBe("2024-12-31T23:59Z");
  });
});
