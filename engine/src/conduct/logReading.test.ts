import { describe, expect, it } from "vitest";
import type { ActivityEvent, FillEvent, ReleasableActivity } from "./agentActivity.ts";
import { createConductPolicy } from "./conductPolicy.ts";
import { createDoublingDownDetector } from "./doublingDown.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { readLog } from "./logReading.ts";
import { createStopLossWideningDetector } from "./stopLossWidening.ts";
import { activityScript, fx } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

/** The problems of the InvalidConductInputError `run` throws. */
const problemsOf = (run: () => unknown) => {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(InvalidConductInputError);
  return (error as InvalidConductInputError).problems;
};

describe("logReading", () => {
  it("reads a longer array from where it stopped and a shorter one from the start", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "100");
    const events: ActivityEvent[] = [...s.events];
    expect(readLog(events).read).toBe(2);
    s.order(1, "BTC", "1", "101");
    events.push(...s.events.slice(2));
    const reading = readLog(events);
    expect([reading.read, reading.executions.filter((e) => e !== undefined).map((e) => e.change)]).toEqual([
      4,
      ["open", "add"],
    ]);
    events.length = 2; // a new, shorter log in the same array
    expect(
      readLog(events)
        .executions.filter((e) => e !== undefined)
        .map((e) => e.change),
    ).toEqual(["open"]);
  });

  it("refuses to let a rule go on past events released before it read them", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "100", { stop: "95" });
    const history: ReleasableActivity = { entrant: "agent-1", events: [...s.events] };
    const widening = createStopLossWideningDetector();
    const doubling = createDoublingDownDetector();
    widening.release(history); // reads the 3 events (intent, fill, stop), then drops them
    expect([history.events.length, history.released]).toEqual([0, 3]);
    expect(problemsOf(() => doubling.scan(history))).toEqual([
      "3 events were released from the log, but the doubling-down rule had read only 0 of them",
    ]);
    // A log that lost its released count is not silently read as a new log either.
    expect(problemsOf(() => widening.scan({ entrant: "agent-1", events: history.events }))).toEqual([
      "the log says 0 events were released and holds 0 more, but the rules had seen 3 released and read 3",
    ]);
    // A released log met by a rule for the first time: its events are gone.
    expect(
      problemsOf(() => createStopLossWideningDetector().scan({ entrant: "agent-1", events: [], released: 5 })),
    ).toEqual(["5 events were released from the log, but the shared reading of the log had read only 0 of them"]);
  });

  it("checks the order of events across a release, numbering them from the start of the log", () => {
    const s = activityScript();
    s.order(2, "BTC", "1", "100");
    const history: ReleasableActivity = { entrant: "agent-1", events: [...s.events] };
    const policy = createConductPolicy({ bannedStrategies: { "doubling-down": { action: "flag" } } });
    policy.release(history);
    s.decision(1, "hold");
    history.events.push(s.events[2] as ActivityEvent);
    const expected = [
      "event 2 (decision, round 1, time 1735693200) comes before event 1 (fill, round 2, time 1735696800)",
    ];
    expect(problemsOf(() => policy.review(history))).toEqual(expected);
    expect(problemsOf(() => policy.review(history))).toEqual(expected); // and keeps failing the same way
  });

  it("keeps checking fills against the positions the released events left", () => {
    const s = activityScript();
    s.order(0, "BTC", "1", "100");
    const history: ReleasableActivity = { entrant: "agent-1", events: [...s.events] };
    const policy = createConductPolicy({ bannedStrategies: { "wash-trading": { action: "flag" } } });
    policy.release(history);
    const skipped: FillEvent = { ...(s.events[1] as FillEvent), orderId: "x", round: 1, positionAfter: fx("3") };
    history.events.push(skipped);
    expect(problemsOf(() => policy.review(history))).toEqual([
      "fill x (round 1, BTC) implies a position of 200000000 before it (positionAfter − quantity), but the earlier fills leave 100000000",
    ]);
  });
});
