import fc from "fast-check";
import { activityScript } from "./activityScript.ts";

/**
 * Test helper: random but consistent activity logs for property tests (fast-check), written
 * through activityScript so that every log follows the conventions the rules check.
 */

/** Random but consistent trading: market orders, stop moves and stop-loss executions in two assets. */
export const stepArbitrary = fc.oneof(
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

export type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

/**
 * The log of a script, for each agent order the index its intent was logged at, and the last round.
 * `decisions`: a decision event opens every round a step starts in (a hold when the step did not
 * move to a new round, else "orders" or "missing" by the step's kind), for the activity requirements.
 */
export function play(steps: readonly Step[], options: { decisions?: boolean } = {}) {
  const s = activityScript();
  const held = new Map<string, { quantity: number; stop: number | undefined }>();
  const intentAt: number[] = [];
  let round = 0;
  let decided = -1;
  for (const step of steps) {
    round += step.advance;
    if (options.decisions === true && round > decided) {
      s.decision(round, step.advance === 0 ? "hold" : step.kind === "stop" ? "missing" : "orders");
      decided = round;
    }
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
  const last = s.events[s.events.length - 1];
  return { activity: s.activity, intentAt, lastRound: last === undefined ? 0 : last.round };
}

/** Scripts of 1 to 60 steps. */
export const logs = fc.array(stepArbitrary, { minLength: 1, maxLength: 60 });
