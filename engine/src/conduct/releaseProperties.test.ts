import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { hourlyActivity } from "./activityHours.ts";
import type { ActivityEvent, AgentActivity, ReleasableActivity } from "./agentActivity.ts";
import type { ConductAction } from "./conductOutcome.ts";
import { type BannedStrategiesConfig, createConductPolicy } from "./conductPolicy.ts";
import { createDoublingDownDetector } from "./doublingDown.ts";
import { createMartingaleDetector } from "./martingale.ts";
import { countTrades } from "./minTradeCount.ts";
import { createRevengeTradingDetector } from "./revengeTrading.ts";
import { createStopLossWideningDetector } from "./stopLossWidening.ts";
import type { StrategyDetector } from "./strategyDetector.ts";
import { scriptStart } from "./testing/activityScript.ts";
import { logs, play } from "./testing/randomActivity.ts";
import { createUnlimitedGridDetector } from "./unlimitedGrid.ts";
import { type BannedStrategyId, bannedStrategyIds } from "./violation.ts";
import { createWashTradingDetector } from "./washTrading.ts";

/** Thresholds loosened so that random logs do break every rule now and then (as in detectorProperties.test.ts). */
const loosened: Record<BannedStrategyId, Record<string, number | string>> = {
  martingale: { factor: 1.5, minSteps: 1 },
  "doubling-down": {},
  "revenge-trading": { factor: 1.3, minPriorPositions: 2, measure: "notional" },
  "stop-loss-widening": {},
  "unlimited-grid": { minAdds: 2, spacingToleranceBps: 5_000 },
  "wash-trading": { minRoundTrips: 1, pnlToleranceBps: 100 },
};

const detectorFactories: Record<BannedStrategyId, () => StrategyDetector> = {
  martingale: () => createMartingaleDetector(loosened.martingale),
  "doubling-down": () => createDoublingDownDetector(),
  "revenge-trading": () => createRevengeTradingDetector({ factor: 1.3, minPriorPositions: 2, measure: "notional" }),
  "stop-loss-widening": () => createStopLossWideningDetector(),
  "unlimited-grid": () => createUnlimitedGridDetector(loosened["unlimited-grid"]),
  "wash-trading": () => createWashTradingDetector(loosened["wash-trading"]),
};

/** One action per rule, in the order of bannedStrategyIds. */
const actions = fc.array(fc.constantFrom<ConductAction>("deny", "flag", "disqualify"), {
  minLength: bannedStrategyIds.length,
  maxLength: bannedStrategyIds.length,
});

/** When to release: after event i when releases[i % length] (cycled), so anywhere, mid-round too. */
const releases = fc.array(fc.boolean(), { minLength: 1, maxLength: 12 });

/** Byte for byte, as the season writes them (undefined: none). */
const same = (a: unknown, b: unknown) => canonicalJson((a ?? null) as never) === canonicalJson((b ?? null) as never);

describe("releasing read events (bounded memory)", () => {
  it("gives a policy's denials, reviews and settlement exactly as on the whole log, for every rule and action", () => {
    const denied: Record<string, number> = {};
    const judged: Record<string, number> = {};
    fc.assert(
      fc.property(logs, actions, releases, fc.boolean(), (steps, chosen, releaseAt, intentFirst) => {
        const { activity, lastRound } = play(steps, { decisions: true });
        const config = {
          bannedStrategies: Object.fromEntries(
            bannedStrategyIds.map((id, i) => [id, { action: chosen[i], ...loosened[id] }]),
          ) as BannedStrategiesConfig,
          tournament: "non-daily" as const,
          activity: {},
          minTradeCount: 3,
        };
        const whole = createConductPolicy(config);
        const released = createConductPolicy(config);
        const a: { entrant: string; events: ActivityEvent[] } = { entrant: activity.entrant, events: [] };
        const b: ReleasableActivity = { entrant: activity.entrant, events: [] };
        const append = (event: ActivityEvent) => {
          a.events.push(event);
          b.events.push(event);
        };
        for (const [i, event] of activity.events.entries()) {
          const asked = event.kind === "intent" || event.kind === "stop";
          // The season asks with the intent already logged; a rule must not care either way.
          if (!asked || intentFirst) append(event);
          if (asked) {
            const denial = whole.reviewIntent(event, a);
            if (!same(denial, released.reviewIntent(event, b))) return false;
            for (const rule of denial?.rules ?? []) denied[rule] = (denied[rule] ?? 0) + 1;
          }
          if (asked && !intentFirst) append(event);
          if (releaseAt[i % releaseAt.length] === true) {
            if (!same(whole.review(a), released.review(b))) return false;
            const before = b.released ?? 0;
            released.release(b);
            if (b.events.length !== 0 || b.released !== before + (a.events.length - before)) return false;
          }
        }
        const outcomes = whole.review(a);
        if (!same(outcomes, released.review(b))) return false;
        // Reviews cached between calls give what one review of the whole log gives.
        const once = createConductPolicy(config).review({ entrant: a.entrant, events: a.events.slice() });
        if (!same(outcomes, once)) return false;
        for (const outcome of outcomes) judged[outcome.rule] = (judged[outcome.rule] ?? 0) + 1;
        const window = { start: scriptStart, end: scriptStart + (lastRound + 1) * 3_600 };
        const settlement = { window, round: lastRound };
        const kept = { ...settlement, hours: hourlyActivity(a, window), trades: countTrades(a) };
        return same(whole.settle(a, settlement), released.settle(b, kept));
      }),
      { numRuns: 300 },
    );
    // Only worth something if every rule both denied and was judged in some of the random logs.
    for (const id of bannedStrategyIds) {
      expect(denied[id], `${id} denied`).toBeGreaterThan(0);
      expect(judged[id], `${id} judged`).toBeGreaterThan(0);
    }
  });

  it("gives a detector's scans and intent checks exactly as on the whole log", () => {
    fc.assert(
      fc.property(logs, releases, (steps, releaseAt) => {
        const { activity } = play(steps);
        for (const create of Object.values(detectorFactories)) {
          const whole = create();
          const released = create();
          const a: AgentActivity = { entrant: activity.entrant, events: activity.events };
          const b: ReleasableActivity = { entrant: activity.entrant, events: [] };
          for (const [i, event] of activity.events.entries()) {
            if (event.kind === "intent" || event.kind === "stop") {
              const before = { entrant: a.entrant, events: activity.events.slice(0, i) };
              if (!same(whole.inspectIntent(event, before), released.inspectIntent(event, b))) return false;
            }
            b.events.push(event);
            if (releaseAt[i % releaseAt.length] === true) {
              const upTo = { entrant: a.entrant, events: activity.events.slice(0, i + 1) };
              if (!same(whole.scan(upTo), released.scan(b))) return false;
              released.release(b);
            }
          }
          if (!same(whole.scan(a), released.scan(b))) return false;
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });
});
