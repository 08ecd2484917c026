import { divFixed, divRound, type Fixed, formatFixed } from "../money/fixed.ts";
import type { ConductIntent, FillEvent, LongOrShort, OrderIntentEvent } from "./agentActivity.ts";
import { opensPosition } from "./orderEffect.ts";
import { defineDetector, type StrategyDetector } from "./strategyDetector.ts";
import { ratioToBps } from "./thresholds.ts";
import { type Violation, violationRounds } from "./violation.ts";

/**
 * Revenge trading (seed 001, Banned Strategies): "immediately entering aggressive positions after a
 * loss in an attempt to quickly recover".
 *
 * "After a loss": within `windowRounds` rounds of a fill that realized a loss (an agent's close or
 * a stop-loss execution; 0 = the same round). "Aggressive": the new position's size is at least
 * `factor` times the median size of the positions the agent opened before it, with at least
 * `minPriorPositions` of them to make a median. Size is the opening order's leverage (notional ÷
 * equity, so the rule is fair as equity moves) or its notional (`measure`). A reversal's own
 * losing close counts as the loss. Adds are not new positions (see doubling-down for those).
 */
export type RevengeTradingThresholds = {
  /** Rounds after a realized loss during which a new position is judged. Default 3. */
  windowRounds: number;
  /** New position size ÷ median prior size at or above which it is aggressive. Default 2. */
  factor: number;
  /** Prior positions needed before the median means anything. Default 3. */
  minPriorPositions: number;
  /** "leverage" (notional ÷ equity, default) or "notional". */
  measure: "leverage" | "notional";
};

export type RevengeTradingEvidence = {
  loss: { symbol: string; round: number; orderId: string; realizedPnl: Fixed };
  roundsSinceLoss: number;
  opening: { symbol: string; side: LongOrShort; round: number; orderId: string; notional: Fixed; equity: Fixed };
  measure: "leverage" | "notional";
  /** The opening's size in `measure` (leverage as a fixed-point multiple: 2.5x is 2.5). */
  size: Fixed;
  medianPriorSize: Fixed;
  priorPositions: number;
  /** size ÷ median in bps. */
  ratioBps: number;
  factorBps: number;
  windowRounds: number;
};

type Loss = RevengeTradingEvidence["loss"];

type RevengeTradingState = {
  lastLoss: Loss | undefined;
  /** Sizes of the positions opened so far, ascending (for the median), but for those in `unsorted`. */
  sizes: Fixed[];
  /**
   * Sizes not sorted in yet: they are sorted in only when a position opens after a loss, so that
   * most openings touch none of the (cold) earlier sizes.
   */
  unsorted: Fixed[];
  found: Violation<RevengeTradingEvidence>[];
};

export const revengeTradingDetector = defineDetector({
  id: "revenge-trading",
  source: "seed 001 (LLMTrader rules), Banned Strategies: Revenge Trading",
  defaults: {
    windowRounds: 3,
    factor: 2,
    minPriorPositions: 3,
    measure: "leverage",
  } satisfies RevengeTradingThresholds,
  specs: {
    windowRounds: {
      kind: "integer",
      min: 0,
      max: 100_000,
      description: "rounds after a loss that count as right after",
    },
    factor: { kind: "number", min: 1, max: 1000, description: "size ÷ median prior size that counts as aggressive" },
    minPriorPositions: { kind: "integer", min: 1, max: 100_000, description: "prior positions needed for a median" },
    measure: { kind: "choice", options: ["leverage", "notional"], description: "how a position's size is measured" },
  },
  fold(thresholds: RevengeTradingThresholds) {
    const factorBps = ratioToBps(thresholds.factor);
    const { windowRounds, minPriorPositions, measure } = thresholds;

    const sizeOf = (notional: Fixed, equity: Fixed) =>
      measure === "notional" ? notional : equity > 0n ? divFixed(notional, equity) : undefined;

    /** `notional`: |after| × the intent's price; `size`: its size in `measure`. */
    const judge = (
      state: RevengeTradingState,
      intent: OrderIntentEvent,
      after: Fixed,
      notional: Fixed,
      size: Fixed,
      loss: Loss | undefined,
    ): Violation<RevengeTradingEvidence> | undefined => {
      if (loss === undefined || intent.round - loss.round > windowRounds) return undefined;
      const sizes = sortedSizes(state);
      if (sizes.length < minPriorPositions) return undefined;
      const median = medianOf(sizes);
      if (median <= 0n || size * 10_000n < factorBps * median) return undefined;
      const side: LongOrShort = after > 0n ? "long" : "short";
      const ratioBps = Number(divRound(size * 10_000n, median));
      const unit = measure === "leverage" ? "x leverage" : " notional";
      return {
        detector: "revenge-trading",
        rounds: violationRounds([loss.round, intent.round]),
        reason: `Revenge trading: ${intent.round - loss.round} round(s) after realizing ${formatFixed(loss.realizedPnl)} on ${loss.symbol}, opened a ${side} ${intent.symbol} position of ${formatFixed(size)}${unit}, ${(ratioBps / 10_000).toFixed(2)} times the median ${formatFixed(median)} of ${sizes.length} earlier positions.`,
        evidence: {
          loss,
          roundsSinceLoss: intent.round - loss.round,
          opening: {
            symbol: intent.symbol,
            side,
            round: intent.round,
            orderId: intent.orderId,
            notional,
            equity: intent.equity,
          },
          measure,
          size,
          medianPriorSize: median,
          priorPositions: sizes.length,
          ratioBps,
          factorBps: Number(factorBps),
          windowRounds,
        },
      };
    };

    return {
      observes: ["fill"], // only fills have an execution
      initialState: (): RevengeTradingState => ({
        lastLoss: undefined,
        sizes: [],
        unsorted: [],
        found: [],
      }),
      observe(state, _event, execution) {
        if (execution === undefined) return false;
        if (execution.fill.realizedPnl < 0n) state.lastLoss = lossOf(execution.fill);
        if (execution.intent === undefined || !opensPosition(execution.change)) return false;
        const { intent, after, notionalAfter } = execution;
        const size = sizeOf(notionalAfter, intent.equity);
        if (size === undefined) return false;
        const violation = judge(state, intent, after, notionalAfter, size, state.lastLoss);
        if (violation !== undefined) state.found.push(violation);
        state.unsorted.push(size);
        return violation !== undefined;
      },
      inspect(state, intent: ConductIntent, preview) {
        if (intent.kind !== "intent" || preview === undefined || !opensPosition(preview.change)) return undefined;
        let loss = state.lastLoss;
        const closing = preview.closingPnl; // a reversal first realizes (price − average entry) × quantity before
        if (closing !== undefined && closing < 0n) {
          loss = { symbol: intent.symbol, round: intent.round, orderId: intent.orderId, realizedPnl: closing };
        }
        const size = sizeOf(preview.notionalAfter, intent.equity);
        return size === undefined ? undefined : judge(state, intent, preview.after, preview.notionalAfter, size, loss);
      },
      violations: (state) => [...state.found],
    };
  },
});

function lossOf(fill: FillEvent): Loss {
  return { symbol: fill.symbol, round: fill.round, orderId: fill.orderId, realizedPnl: fill.realizedPnl };
}

/** Median of an ascending list; the mean of the two middle values (rounded half away from zero) for even lengths. */
function medianOf(sorted: readonly Fixed[]): Fixed {
  const middle = sorted.length >> 1;
  const upper = sorted[middle] as Fixed;
  return sorted.length % 2 === 1 ? upper : divRound((sorted[middle - 1] as Fixed) + upper, 2n);
}

/** Every size so far, ascending. */
function sortedSizes(state: RevengeTradingState): Fixed[] {
  const { sizes, unsorted } = state;
  while (unsorted.length > 0) insertSorted(sizes, unsorted.pop() as Fixed);
  return sizes;
}

function insertSorted(sorted: Fixed[], value: Fixed): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as Fixed) <= value) low = mid + 1;
    else high = mid;
  }
  sorted.splice(low, 0, value);
}

/** The revenge-trading detector with `thresholds` over the defaults (3 rounds, 2x the median leverage, 3 prior positions). */
export function createRevengeTradingDetector(
  thresholds: Partial<RevengeTradingThresholds> = {},
): StrategyDetector<RevengeTradingEvidence> {
  return revengeTradingDetector.create(thresholds);
}
