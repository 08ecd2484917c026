import { divRound, type Fixed, formatFixed, mulFixed } from "../money/fixed.ts";
import type { ConductIntent, LongOrShort, OrderIntentEvent } from "./agentActivity.ts";
import { absFixed } from "./orderEffect.ts";
import { defineDetector, type StrategyDetector } from "./strategyDetector.ts";
import type { Violation } from "./violation.ts";

/**
 * Doubling down on losers (seed 001, Banned Strategies): "increasing position size in a losing
 * trade to lower your average entry".
 *
 * An order that adds to an open position (same direction, larger size) is a violation when the
 * position is at an unrealized loss of at least `minLossBps` of its cost basis (|quantity| ×
 * average entry) and the add's price lowers the average entry of a long (raises it for a short).
 * Scaling into a winner, reducing, closing or reversing are never doubling down.
 */
export type DoublingDownThresholds = {
  /** Smallest unrealized loss, in bps of the position's cost basis, that makes the position "losing". Default 0 (any loss). */
  minLossBps: number;
};

export type DoublingDownEvidence = {
  symbol: string;
  side: LongOrShort;
  round: number;
  orderId: string;
  quantityBefore: Fixed;
  averageEntryBefore: Fixed;
  unrealizedPnl: Fixed;
  /** Unrealized loss ÷ cost basis, in bps (positive). */
  lossBps: number;
  minLossBps: number;
  addedQuantity: Fixed;
  addPrice: Fixed;
  averageEntryAfter: Fixed;
};

type DoublingDownState = {
  found: Violation<DoublingDownEvidence>[];
};

export const doublingDownDetector = defineDetector({
  id: "doubling-down",
  source: "seed 001 (LLMTrader rules), Banned Strategies: Doubling Down on Losers",
  defaults: { minLossBps: 0 } satisfies DoublingDownThresholds,
  specs: {
    minLossBps: {
      kind: "integer",
      min: 0,
      max: 10_000,
      description: "unrealized loss in bps of cost basis that makes a position losing",
    },
  },
  fold(thresholds: DoublingDownThresholds) {
    const minLossBps = BigInt(thresholds.minLossBps);

    const judge = (intent: OrderIntentEvent, before: Fixed, after: Fixed) => {
      const { averageEntryPrice: average, unrealizedPnl } = intent.position;
      if (unrealizedPnl >= 0n) return undefined;
      const costBasis = mulFixed(absFixed(before), average);
      if (costBasis <= 0n || -unrealizedPnl * 10_000n < minLossBps * costBasis) return undefined;
      const long = before > 0n;
      if (long ? intent.price >= average : intent.price <= average) return undefined;
      const added = after - before;
      const averageAfter = divRound(absFixed(before) * average + absFixed(added) * intent.price, absFixed(after));
      const side: LongOrShort = long ? "long" : "short";
      const lossBps = Number(divRound(-unrealizedPnl * 10_000n, costBasis));
      const violation: Violation<DoublingDownEvidence> = {
        detector: "doubling-down",
        rounds: [intent.round],
        reason: `Doubling down: added ${formatFixed(absFixed(added))} ${intent.symbol} at ${formatFixed(intent.price)} to a ${side} position losing ${formatFixed(-unrealizedPnl)} (${lossBps} bps), lowering the average entry from ${formatFixed(average)} to ${formatFixed(averageAfter)}.`,
        evidence: {
          symbol: intent.symbol,
          side,
          round: intent.round,
          orderId: intent.orderId,
          quantityBefore: before,
          averageEntryBefore: average,
          unrealizedPnl,
          lossBps,
          minLossBps: thresholds.minLossBps,
          addedQuantity: added,
          addPrice: intent.price,
          averageEntryAfter: averageAfter,
        },
      };
      return violation;
    };

    return {
      observes: ["fill"], // only fills have an execution
      initialState: (): DoublingDownState => ({ found: [] }),
      observe(state, _event, execution) {
        if (execution?.intent === undefined || execution.change !== "add") return false;
        const violation = judge(execution.intent, execution.before, execution.after);
        if (violation === undefined) return false;
        state.found.push(violation);
        return true;
      },
      inspect(_state, intent: ConductIntent, preview) {
        if (intent.kind !== "intent" || preview?.change !== "add") return undefined;
        return judge(intent, preview.before, preview.after);
      },
      violations: (state) => [...state.found],
    };
  },
});

/** The doubling-down detector with `thresholds` over the defaults (minLossBps 0). */
export function createDoublingDownDetector(
  thresholds: Partial<DoublingDownThresholds> = {},
): StrategyDetector<DoublingDownEvidence> {
  return doublingDownDetector.create(thresholds);
}
