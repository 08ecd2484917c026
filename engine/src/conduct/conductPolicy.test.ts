import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { hourlyActivity } from "./activityHours.ts";
import type { ReleasableActivity } from "./agentActivity.ts";
import { type ConductConfig, conductConfigProblems, createConductPolicy } from "./conductPolicy.ts";
import { createDoublingDownDetector } from "./doublingDown.ts";
import { InvalidConductConfigError } from "./invalidConductConfigError.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { activityScript, fx, scriptStart } from "./testing/activityScript.ts";
import { thrownBy } from "./testing/thrownBy.ts";

const hash = (byte: string) => `0x${byte.repeat(32)}`;

describe("conduct policy", () => {
  it("reports every problem of an invalid config at once, with paths", () => {
    const input = {
      bannedStrategies: {
        martingale: { action: "ban", factor: 0 },
        "revenge-trading": { action: "deny", measure: "pnl", windowRounds: -1 },
        "front-running": { action: "deny" },
      },
      tournament: "weekly",
      activity: { minActiveShareBps: 9000.5, maxHours: 3 },
      minTradeCount: -1,
      prize: 100,
    };
    const expected = [
      "conduct.prize: unknown field (known: bannedStrategies, tournament, activity, minTradeCount)",
      "conduct.bannedStrategies.front-running: unknown rule (known: martingale, doubling-down, revenge-trading, stop-loss-widening, unlimited-grid, wash-trading)",
      'conduct.bannedStrategies.martingale.action: expected one of "deny", "flag", "disqualify", got "ban"',
      "conduct.bannedStrategies.martingale.factor: expected a value in [1, 1000], got 0 (next bet ÷ losing bet that counts as doubled)",
      // a rule's thresholds are reported in the order the config gives them
      'conduct.bannedStrategies.revenge-trading.measure: expected one of "leverage", "notional", got "pnl" (how a position\'s size is measured)',
      "conduct.bannedStrategies.revenge-trading.windowRounds: expected a value in [0, 100000], got -1 (rounds after a loss that count as right after)",
      'conduct.tournament: expected "daily" or "non-daily", got "weekly"',
      'conduct.activity: activity requirements apply to non-daily tournaments only (seed 003); set tournament to "non-daily" or remove activity',
      "conduct.activity.maxHours: unknown field (known: minActiveShareBps, maxInactiveHours)",
      "conduct.activity.minActiveShareBps: expected an integer in [0, 10000] (8000 = 80%), got number 9000.5",
      "conduct.minTradeCount: expected a non-negative integer, got number -1",
    ];
    expect(conductConfigProblems(input)).toEqual(expected);
    const error = thrownBy(() => createConductPolicy(input as unknown as ConductConfig));
    expect(error).toBeInstanceOf(InvalidConductConfigError);
    expect((error as InvalidConductConfigError).problems).toEqual(expected);
  });

  it("fills in every default, so the committed rules state each threshold", () => {
    const policy = createConductPolicy({
      bannedStrategies: { martingale: { action: "deny", minSteps: 3 }, "stop-loss-widening": { action: "deny" } },
      tournament: "non-daily",
      activity: {},
      minTradeCount: 5,
    });
    expect(canonicalJson(policy.config)).toBe(
      '{"activity":{"maxInactiveHours":24,"minActiveShareBps":8000},"bannedStrategies":{"martingale":{"action":"deny","factor":1.8,"minSteps":3},"stop-loss-widening":{"action":"deny"}},"minTradeCount":5,"tournament":"non-daily"}',
    );
  });

  it("denies an order breaking a deny rule, and leaves flag and disqualify rules to the scan", () => {
    const policy = createConductPolicy({
      bannedStrategies: { "stop-loss-widening": { action: "deny" }, "doubling-down": { action: "flag" } },
    });
    const s = activityScript();
    s.order(0, "BTC", "1", "100", { stop: "95" });
    // Adding at 90 to a losing long (doubling down, flagged later) with a looser stop (denied now).
    const intent = s.intent(1, "BTC", "1", "90", { stop: "90" });
    const denial = policy.reviewIntent(intent, s.activity);
    expect(denial).toMatchObject({
      entrant: "agent-1",
      round: 1,
      time: scriptStart + 3_600,
      symbol: "BTC",
      orderId: "o2",
      reasonCode: "BANNED_STRATEGY",
      rules: ["stop-loss-widening"],
    });
    expect(denial?.violations[0]?.evidence).toMatchObject({ previousStop: fx("95"), newStop: fx("90") });
    expect(policy.reviewIntent(s.stopChange(1, "BTC", "96"), s.activity)).toBe(undefined); // tightening
  });

  it("turns scanned violations into flags and disqualifications, ordered by round then rule", () => {
    const policy = createConductPolicy({
      bannedStrategies: { "doubling-down": { action: "flag" }, "stop-loss-widening": { action: "disqualify" } },
    });
    const s = activityScript();
    s.order(0, "ETH", "1", "3000", { stop: "2800" });
    s.moveStop(1, "ETH", "2700"); // widening at round 1
    s.order(2, "ETH", "1", "2900"); // doubling down at round 2
    const outcomes = policy.review(s.activity);
    expect(outcomes.map((o) => [o.round, o.rule, o.action, o.status])).toEqual([
      [1, "stop-loss-widening", "disqualify", "disqualified"],
      [2, "doubling-down", "flag", null],
    ]);
    expect(outcomes[0]?.reason).toBe(
      "Stop-loss widening: moved the stop from 2800 to 2700 (667 → 1000 bps from entry 3000 on the loss side) on the long ETH position; stops may only be tightened.",
    ); // 200 / 3000 = 666.7 → 667 bps; 300 / 3000 = 1,000 bps
  });

  it("disqualifies at settlement for inactivity and too few trades", () => {
    const policy = createConductPolicy({ tournament: "non-daily", activity: {}, minTradeCount: 2 });
    const s = activityScript();
    for (let round = 0; round < 10; round++) s.decision(round, round < 7 ? "hold" : "missing");
    s.order(9, "BTC", "1", "60000");
    const outcomes = policy.settle(s.activity, { window: { start: scriptStart, end: scriptStart + 36_000 }, round: 9 });
    expect(outcomes.map((o) => [o.rule, o.action, o.round, o.reason])).toEqual([
      ["min-active-hours", "disqualify", 9, "Active in 7 of 10 hours (70.00%), below the required 80.00%."],
      ["min-trade-count", "disqualify", 9, "Made 1 trade; the tournament requires at least 2."],
    ]);
  });

  it("forfeits on a config change only in a non-daily tournament", () => {
    const observations = [
      { round: 0, time: scriptStart, configHash: hash("11") },
      { round: 5, time: scriptStart + 18_000, configHash: hash("22") },
    ];
    const frozen = createConductPolicy({ tournament: "non-daily" });
    expect(frozen.checkConfigFreeze("agent-1", hash("11"), observations)).toMatchObject({
      entrant: "agent-1",
      action: "forfeit",
      status: "forfeited",
      rule: "config-freeze",
      round: 5,
    });
    expect(createConductPolicy({ tournament: "daily" }).checkConfigFreeze("agent-1", hash("11"), observations)).toBe(
      undefined,
    );
    expect(createConductPolicy({}).checkConfigFreeze("agent-1", hash("11"), observations)).toBe(undefined);
  });

  it("releases the events its rules have read and goes on judging as on the whole log", () => {
    const config: ConductConfig = {
      bannedStrategies: { "doubling-down": { action: "disqualify" }, "stop-loss-widening": { action: "deny" } },
    };
    const policy = createConductPolicy(config);
    const s = activityScript();
    const history: ReleasableActivity = { entrant: "agent-1", events: [] };
    s.order(0, "ETH", "1", "3000", { stop: "2800" }); // intent, fill, stop
    history.events.push(...s.events);
    expect(policy.review(history)).toEqual([]);
    policy.release(history);
    expect([history.events.length, history.released]).toEqual([0, 3]);
    // The position, its stop and its entry live on in the rules' state: widening the stop is still denied,
    expect(policy.reviewIntent(s.stopChange(1, "ETH", "2700"), history)?.rules).toEqual(["stop-loss-widening"]);
    // and adding to the losing position is still doubling down.
    s.order(2, "ETH", "1", "2900");
    history.events.push(...s.events.slice(3));
    const outcomes = policy.review(history);
    expect(outcomes.map((o) => [o.rule, o.round, o.status])).toEqual([["doubling-down", 2, "disqualified"]]);
    expect(canonicalJson(outcomes)).toBe(canonicalJson(createConductPolicy(config).review(s.activity)));
  });

  it("shares one reading of a log with a detector or another policy reading the same array, whichever reads first", () => {
    const config: ConductConfig = {
      bannedStrategies: { "doubling-down": { action: "flag" }, "stop-loss-widening": { action: "deny" } },
    };
    const s = activityScript();
    s.order(0, "ETH", "1", "3000", { stop: "2800" });
    s.order(1, "ETH", "1", "2900"); // doubling down
    const alone = canonicalJson(createConductPolicy(config).review(s.activity));
    // The detector reads first, the policy goes on from its reading; then another policy on the same array.
    const events = [...s.events.slice(0, 3)];
    const detector = createDoublingDownDetector();
    expect(detector.scan({ entrant: "agent-1", events })).toEqual([]);
    const policy = createConductPolicy(config);
    expect(policy.review({ entrant: "agent-1", events })).toEqual([]);
    events.push(...s.events.slice(3));
    expect(canonicalJson(policy.review({ entrant: "agent-1", events }))).toBe(alone);
    expect(canonicalJson(createConductPolicy(config).review({ entrant: "agent-1", events }))).toBe(alone);
    expect(detector.scan({ entrant: "agent-1", events }).map((v) => v.rounds)).toEqual([[1]]);
    // The policy reads first: the detector reads the log through the policy's reading.
    const later = [...s.events];
    expect(canonicalJson(createConductPolicy(config).review({ entrant: "agent-1", events: later }))).toBe(alone);
    expect(createDoublingDownDetector().scan({ entrant: "agent-1", events: later })).toHaveLength(1);
    // A widening stop is still denied with the log read by all three.
    expect(policy.reviewIntent(s.stopChange(2, "ETH", "2700"), { entrant: "agent-1", events })?.rules).toEqual([
      "stop-loss-widening",
    ]);
  });

  it("hands every review caller an array of its own", () => {
    const policy = createConductPolicy({ bannedStrategies: { "doubling-down": { action: "flag" } } });
    const s = activityScript();
    s.order(0, "ETH", "1", "3000");
    s.order(1, "ETH", "1", "2900"); // doubling down
    const first = policy.review(s.activity);
    expect(first).toHaveLength(1);
    first.length = 0;
    expect(policy.review(s.activity)).toHaveLength(1);
  });

  it("settles a released log from the hours and the trade count kept during the season", () => {
    // No banned strategy: release drops the events unread (nothing reads them but settle).
    const policy = createConductPolicy({ tournament: "non-daily", activity: {}, minTradeCount: 2 });
    const s = activityScript();
    for (let round = 0; round < 10; round++) s.decision(round, round < 7 ? "hold" : "missing");
    s.order(9, "BTC", "1", "60000");
    const settlement = { window: { start: scriptStart, end: scriptStart + 36_000 }, round: 9 };
    const whole = policy.settle(s.activity, settlement);
    const history: ReleasableActivity = { entrant: "agent-1", events: [...s.events] };
    policy.release(history);
    expect([history.events.length, history.released]).toEqual([0, 12]);
    const problems = (run: () => unknown) => {
      const error = thrownBy(run);
      expect(error).toBeInstanceOf(InvalidConductInputError);
      return (error as InvalidConductInputError).problems;
    };
    expect(problems(() => policy.settle(history, settlement))).toEqual([
      "the log's first 12 events were released, so its decisions cannot be read from it",
    ]);
    const hours = hourlyActivity(s.activity, settlement.window);
    expect(problems(() => policy.settle(history, { ...settlement, hours }))).toEqual([
      "the log's first 12 events were released, so its trades cannot be counted from it",
    ]);
    expect(policy.settle(history, { ...settlement, hours, trades: 1 })).toEqual(whole);
  });

  it("counts trades from the count the season kept when given, not from the log", () => {
    const policy = createConductPolicy({ minTradeCount: 2 });
    const s = activityScript();
    s.order(0, "BTC", "1", "60000"); // one trade in the log
    const settlement = { window: { start: scriptStart, end: scriptStart + 3_600 }, round: 0 };
    expect(policy.settle(s.activity, settlement).map((o) => o.reason)).toEqual([
      "Made 1 trade; the tournament requires at least 2.",
    ]);
    // E.g. the season left out a trade in a market excluded from scoring, or kept two the log does not show.
    expect(policy.settle(s.activity, { ...settlement, trades: 0 }).map((o) => o.evidence)).toEqual([
      { trades: 0, minTrades: 2 },
    ]);
    expect(policy.settle(s.activity, { ...settlement, trades: 2 })).toEqual([]);
  });
});
