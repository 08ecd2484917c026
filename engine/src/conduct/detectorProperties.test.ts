import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { ActivityEvent, AgentActivity } from "./agentActivity.ts";
import { createDoublingDownDetector } from "./doublingDown.ts";
import { createMartingaleDetector } from "./martingale.ts";
import { createRevengeTradingDetector } from "./revengeTrading.ts";
import { createStopLossWideningDetector } from "./stopLossWidening.ts";
import type { StrategyDetector } from "./strategyDetector.ts";
import { logs, play } from "./testing/randomActivity.ts";
import { createUnlimitedGridDetector } from "./unlimitedGrid.ts";
import { createWashTradingDetector } from "./washTrading.ts";

/** Thresholds loosened so that random logs do break the rules now and then. */
const detectorFactories: Record<string, () => StrategyDetector> = {
  martingale: () => createMartingaleDetector({ factor: 1.5, minSteps: 1 }),
  "doubling-down": () => createDoublingDownDetector(),
  "revenge-trading": () => createRevengeTradingDetector({ factor: 1.3, minPriorPositions: 2, measure: "notional" }),
  "stop-loss-widening": () => createStopLossWideningDetector(),
  "unlimited-grid": () => createUnlimitedGridDetector({ minAdds: 2, spacingToleranceBps: 5_000 }),
  "wash-trading": () => createWashTradingDetector({ minRoundTrips: 1, pnlToleranceBps: 100 }),
};

describe("banned-strategy detectors (properties)", () => {
  it("are deterministic: the same log gives the same violations, read at once, again, step by step or copied", () => {
    const found: Record<string, number> = {};
    fc.assert(
      fc.property(logs, (steps) => {
        const { activity } = play(steps);
        for (const [id, create] of Object.entries(detectorFactories)) {
          const detector = create();
          const once = canonicalJson(detector.scan(activity));
          const again = canonicalJson(detector.scan(activity));
          const growing: ActivityEvent[] = [];
          const incremental = create();
          for (const event of activity.events) {
            growing.push(event);
            incremental.scan({ entrant: activity.entrant, events: growing });
          }
          const stepwise = canonicalJson(incremental.scan({ entrant: activity.entrant, events: growing }));
          const copied: AgentActivity = { entrant: activity.entrant, events: activity.events.map((e) => ({ ...e })) };
          const fresh = canonicalJson(create().scan(copied));
          if (once !== again || once !== stepwise || once !== fresh) return false;
          found[id] = (found[id] ?? 0) + (JSON.parse(once) as unknown[]).length;
        }
        return true;
      }),
      { numRuns: 200 },
    );
    // The property is only worth something if the random logs do contain violations of every kind.
    for (const id of Object.keys(detectorFactories)) expect(found[id], id).toBeGreaterThan(0);
  });

  it("deny before the trade exactly the orders the scan reports after it (per-order rules)", () => {
    fc.assert(
      fc.property(logs, (steps) => {
        const { activity, intentAt } = play(steps);
        for (const create of [detectorFactories["doubling-down"], detectorFactories["revenge-trading"]]) {
          if (create === undefined) return false;
          const detector = create();
          const denied = intentAt.flatMap((index) => {
            const intent = activity.events[index];
            if (intent?.kind !== "intent") return [];
            const before = { entrant: activity.entrant, events: activity.events.slice(0, index) };
            return detector.inspectIntent(intent, before) ?? [];
          });
          if (canonicalJson(denied) !== canonicalJson(create().scan(activity))) return false;
        }
        return true;
      }),
    );
  });
});
