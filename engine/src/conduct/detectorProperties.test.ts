import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { ActivityEvent, AgentActivity } from "./agentActivity.ts";
import { createDoublingDownDetector } from "./doublingDown.ts";
import { createMartingaleDetector } from "./martingale.ts";
import { createRevengeTradingDetector } from "./revengeTrading.ts";
import { createStopLossWideningDetector } from "./stopLossWidening.ts";
import type { StrategyDetector } from "./strategyDetector.ts";
import { activityScript } from "./testing/activityScript.ts";
import { createUnlimitedGridDetector } from "./unlimitedGrid.ts";
import { createWashTradingDetector } from "./washTrading.ts";

/** Random but consistent trading: market orders, stop moves and stop-loss executions in two assets. */
const stepArbitrary = fc.oneof(
  fc.record({
    kind: fc.constant("order" as const),
    symbol: fc.constantFrom("BTC", "ETH"),
    quantity: fc.integer({ min: -3, max: 3 }).filter((q) => q !== 0),
    price: fc.integer({ min: 90, max: 110 }),
    stopOffset: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    advance: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant("stop" as const),
    symbol: fc.constantFrom("BTC", "ETH"),
    move: fc.integer({ min: -5, max: 5 }),
    advance: fc.integer({ min: 0, max: 2 }),
  }),
  // A burst of same-size orders at a fixed price step: grids are too rare in purely random orders.
  fc.record({
    kind: fc.constant("grid" as const),
    symbol: fc.constantFrom("BTC", "ETH"),
    quantity: fc.constantFrom(-1, 1),
    price: fc.integer({ min: 90, max: 110 }),
    step: fc.integer({ min: -4, max: 4 }),
    levels: fc.integer({ min: 2, max: 6 }),
    advance: fc.integer({ min: 0, max: 2 }),
  }),
  // A whole round trip from flat, of varied size and length: losses followed by bigger bets, quick flat trades.
  fc.record({
    kind: fc.constant("roundTrip" as const),
    symbol: fc.constantFrom("BTC", "ETH"),
    quantity: fc.integer({ min: -6, max: 6 }).filter((q) => q !== 0),
    price: fc.integer({ min: 90, max: 110 }),
    exitMove: fc.integer({ min: -3, max: 3 }),
    hold: fc.integer({ min: 0, max: 3 }),
    advance: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant("riskClose" as const),
    symbol: fc.constantFrom("BTC", "ETH"),
    price: fc.integer({ min: 90, max: 110 }),
    advance: fc.integer({ min: 0, max: 2 }),
  }),
);

type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The log of a script, and for each agent order the index its intent was logged at. */
function play(steps: readonly Step[]) {
  const s = activityScript();
  const held = new Map<string, { quantity: number; stop: number | undefined }>();
  const intentAt: number[] = [];
  let round = 0;
  for (const step of steps) {
    round += step.advance;
    const h = held.get(step.symbol) ?? { quantity: 0, stop: undefined };
    if (step.kind === "roundTrip") {
      if (h.quantity !== 0) continue;
      intentAt.push(s.events.length);
      s.order(round, step.symbol, String(step.quantity), String(step.price));
      round += step.hold;
      intentAt.push(s.events.length);
      s.order(round, step.symbol, String(-step.quantity), String(step.price + step.exitMove));
    } else if (step.kind === "grid") {
      for (let level = 0; level < step.levels; level++) {
        intentAt.push(s.events.length);
        s.order(round + level, step.symbol, String(step.quantity), String(step.price + level * step.step));
      }
      round += step.levels - 1;
      const after = h.quantity + step.levels * step.quantity;
      const kept = after !== 0 && Math.sign(after) === Math.sign(h.quantity) && Math.abs(after) > 0;
      held.set(step.symbol, { quantity: after, stop: kept ? h.stop : undefined });
    } else if (step.kind === "order") {
      const after = h.quantity + step.quantity;
      const stop =
        step.stopOffset === undefined || after === 0 ? undefined : step.price - Math.sign(after) * step.stopOffset;
      intentAt.push(s.events.length);
      s.order(
        round,
        step.symbol,
        String(step.quantity),
        String(step.price),
        stop === undefined ? {} : { stop: String(stop) },
      );
      const flipped = after === 0 || Math.sign(after) !== Math.sign(h.quantity);
      held.set(step.symbol, { quantity: after, stop: stop ?? (flipped ? undefined : h.stop) });
    } else if (step.kind === "stop" && h.quantity !== 0 && h.stop !== undefined && step.move !== 0) {
      s.moveStop(round, step.symbol, String(h.stop + step.move));
      held.set(step.symbol, { ...h, stop: h.stop + step.move });
    } else if (step.kind === "riskClose" && h.quantity !== 0) {
      s.riskClose(round, step.symbol, String(step.price));
      held.set(step.symbol, { quantity: 0, stop: undefined });
    }
  }
  return { activity: s.activity, intentAt };
}

/** Thresholds loosened so that random logs do break the rules now and then. */
const detectorFactories: Record<string, () => StrategyDetector> = {
  martingale: () => createMartingaleDetector({ factor: 1.5, minSteps: 1 }),
  "doubling-down": () => createDoublingDownDetector(),
  "revenge-trading": () => createRevengeTradingDetector({ factor: 1.3, minPriorPositions: 2, measure: "notional" }),
  "stop-loss-widening": () => createStopLossWideningDetector(),
  "unlimited-grid": () => createUnlimitedGridDetector({ minAdds: 2, spacingToleranceBps: 5_000 }),
  "wash-trading": () => createWashTradingDetector({ minRoundTrips: 1, pnlToleranceBps: 100 }),
};

const logs = fc.array(stepArbitrary, { minLength: 1, maxLength: 60 });

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
