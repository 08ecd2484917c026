import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { parseAgentActivity } from "./parseAgentActivity.ts";
import { activityScript } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

describe("parseAgentActivity", () => {
  it("reads back a log written as canonical JSON, every kind of event included", () => {
    const s = activityScript();
    s.decision(0, "orders");
    s.order(0, "BTC", "0.5", "60000.12345678", { stop: "57000" });
    s.moveStop(1, "BTC", "58000");
    s.mark(1, "100250.5");
    s.riskClose(2, "BTC", "58000");
    s.decision(3, "missing");
    const json = canonicalJson(s.activity);
    expect(parseAgentActivity(JSON.parse(json))).toEqual(s.activity);
  });

  it("lists every problem with its path", () => {
    const input = {
      entrant: "",
      events: [
        { kind: "mark", round: -1, time: 0, equity: 100 },
        {
          kind: "stop",
          round: 0,
          time: 0,
          symbol: "BTC",
          side: "up",
          entryPrice: "1",
          previousStop: null,
          newStop: "1.5",
        },
        { kind: "trade", round: 0, time: 0 },
        { kind: "decision", round: 1, time: 3600, outcome: "hold", note: "x" },
      ],
    };
    const error = thrownBy(() => parseAgentActivity(input));
    expect(error).toBeInstanceOf(InvalidConductInputError);
    expect((error as InvalidConductInputError).problems).toEqual([
      '$.entrant: expected a non-empty string, got ""',
      "$.events[0].round: expected an integer ≥ 0, got -1",
      '$.events[0].equity: expected a fixed-point integer string (8 decimals: "150000000" is 1.5), got 100',
      '$.events[1].side: expected "long" or "short", got "up"',
      '$.events[1].newStop: expected a fixed-point integer string (8 decimals: "150000000" is 1.5), got "1.5"',
      '$.events[2].kind: expected one of intent, fill, stop, mark, decision, got "trade"',
      "$.events[3].note: unknown field",
    ]);
  });
});
