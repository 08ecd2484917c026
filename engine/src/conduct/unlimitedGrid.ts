import { divRound, type Fixed, formatFixed } from "../money/fixed.ts";
import type { ConductIntent, LongOrShort, OrderIntentEvent } from "./agentActivity.ts";
import { absFixed } from "./orderEffect.ts";
import { defineDetector, type StrategyDetector } from "./strategyDetector.ts";
import { type Violation, violationRounds } from "./violation.ts";

/**
 * Unlimited grid (seed 001, Banned Strategies): "grid strategies that place orders at fixed
 * intervals without position size limits or drawdown controls".
 *
 * A grid run is a sequence of orders in one asset that open a position and keep adding to it in the
 * same direction (any reduction ends the run), at prices moving one way in steps of roughly equal
 * size: every step within `spacingToleranceBps` of the mean step. A run of at least `minAdds` adds
 * is unlimited, and a violation, when it is unprotected (some level left the position without a
 * stop) or its exposure (|quantity| × price) passed `exposureCapBps` of equity. Grids that stay
 * under the cap with stops in place are legitimate, as the seed allows. When the spacing breaks,
 * a new run starts from the last level; after a reduction, from the next add.
 */
export type UnlimitedGridThresholds = {
  /** Adds after the first level that make a grid. Default 4 (five levels). */
  minAdds: number;
  /** How far a step may be from the mean step, in bps of the mean. Default 2,500 (±25%). */
  spacingToleranceBps: number;
  /** Exposure, in bps of equity, beyond which a grid is unlimited. Default 2,500 (seed 001's 25% per-asset cap). */
  exposureCapBps: number;
};

export type GridLevel = {
  round: number;
  orderId: string;
  price: Fixed;
  /** Signed quantity the level added. */
  quantity: Fixed;
  /** |position| × price after the level. */
  exposure: Fixed;
  equity: Fixed;
  /** The position's stop after the level; null: none. */
  stop: Fixed | null;
};

export type UnlimitedGridEvidence = {
  symbol: string;
  side: LongOrShort;
  levels: readonly GridLevel[];
  spacingMin: Fixed;
  spacingMax: Fixed;
  spacingMean: Fixed;
  spacingToleranceBps: number;
  minAdds: number;
  /** Levels that left the position without a stop. */
  unprotectedLevels: number;
  /** The last level's exposure in bps of its equity, and the cap. */
  exposureBps: number;
  exposureCapBps: number;
};

type Run = {
  symbol: string;
  side: LongOrShort;
  levels: GridLevel[];
  /** Sign of the price steps (0 until the second level). */
  direction: number;
  sum: Fixed;
  min: Fixed;
  max: Fixed;
  unprotected: number;
  /** Order in which runs qualified, for a stable report order. */
  qualifiedAs: number | undefined;
};

type UnlimitedGridState = {
  /**
   * The run open per symbol, two slots each (symbol, then the run, its only level, or undefined), in
   * the order first traded: a short scan of an array that never shrinks, where a map's deletes and
   * sets (a position's close, the next opening) kept reallocating its table.
   */
  book: (string | Run | GridLevel | undefined)[];
  finished: Run[];
  qualifiedCount: number;
};

function startRun(symbol: string, side: LongOrShort, level: GridLevel): Run {
  return {
    symbol,
    side,
    levels: [level],
    direction: 0,
    sum: 0n,
    min: 0n,
    max: 0n,
    unprotected: level.stop === null ? 1 : 0,
    qualifiedAs: undefined,
  };
}

const isRun = (entry: Run | GridLevel): entry is Run => (entry as Run).levels !== undefined;

/**
 * What the book holds for `symbol`: its run, or the run's only level when it has one (most runs:
 * an opening, then a close). A one-level run never qualifies (minAdds ≥ 1): its level is all of it.
 */
function entryIn(state: UnlimitedGridState, symbol: string): Run | GridLevel | undefined {
  const book = state.book;
  for (let i = 0; i < book.length; i += 2) if (book[i] === symbol) return book[i + 1] as Run | GridLevel | undefined;
  return undefined;
}

/** The run open in `symbol` (a new object for a one-level run: the caller keeps it if it changes it). */
function runOf(symbol: string, entry: Run | GridLevel | undefined): Run | undefined {
  if (entry === undefined || isRun(entry)) return entry;
  return startRun(symbol, entry.quantity > 0n ? "long" : "short", entry);
}

/** Sets (run) or clears (undefined) the run open in `symbol`. */
function keepRun(state: UnlimitedGridState, symbol: string, run: Run | undefined): void {
  const book = state.book;
  const entry = run !== undefined && run.levels.length === 1 && run.qualifiedAs === undefined ? run.levels[0] : run;
  for (let i = 0; i < book.length; i += 2) {
    if (book[i] === symbol) {
      book[i + 1] = entry;
      return;
    }
  }
  if (entry !== undefined) book.push(symbol, entry);
}

function openRuns(state: UnlimitedGridState): Run[] {
  const book = state.book;
  const runs: Run[] = [];
  for (let i = 1; i < book.length; i += 2) {
    const entry = book[i] as Run | GridLevel | undefined;
    if (entry !== undefined && isRun(entry)) runs.push(entry);
  }
  return runs;
}

export const unlimitedGridDetector = defineDetector({
  id: "unlimited-grid",
  source: "seed 001 (LLMTrader rules), Banned Strategies: Unlimited Grid Strategies",
  defaults: { minAdds: 4, spacingToleranceBps: 2_500, exposureCapBps: 2_500 } satisfies UnlimitedGridThresholds,
  specs: {
    minAdds: { kind: "integer", min: 1, max: 100_000, description: "adds at equal spacing that make a grid" },
    spacingToleranceBps: {
      kind: "integer",
      min: 0,
      max: 10_000,
      description: "allowed deviation of a step from the mean step, bps",
    },
    exposureCapBps: {
      kind: "integer",
      min: 1,
      max: 1_000_000,
      description: "exposure in bps of equity beyond which a grid is unlimited",
    },
  },
  fold(thresholds: UnlimitedGridThresholds) {
    const tolerance = BigInt(thresholds.spacingToleranceBps);
    const cap = BigInt(thresholds.exposureCapBps);

    /** `exposure`: |after| × the intent's price. */
    const levelOf = (intent: OrderIntentEvent, before: Fixed, after: Fixed, exposure: Fixed): GridLevel => ({
      round: intent.round,
      orderId: intent.orderId,
      price: intent.price,
      quantity: before === 0n ? after : after - before, // an opening keeps the fill's bigint (the level may live long)
      exposure,
      equity: intent.equity,
      // An add keeps the position's stop unless it sets one; an opening (or reversal) has only its own.
      stop: intent.stopPrice ?? (before !== 0n && before > 0n === after > 0n ? intent.position.stopPrice : null),
    });

    /** The spacing of `run` with `level` appended, or undefined when `level` breaks the run. */
    const spacingWith = (run: Run, level: GridLevel) => {
      const last = run.levels[run.levels.length - 1] as GridLevel;
      const step = level.price - last.price;
      const direction = step > 0n ? 1 : step < 0n ? -1 : 0;
      if (direction === 0 || (run.direction !== 0 && direction !== run.direction)) return undefined;
      const spacing = absFixed(step);
      const steps = BigInt(run.levels.length); // steps once `level` is in
      const sum = run.sum + spacing;
      let { min, max } = run; // bigints: Math.min and Math.max do not apply
      if (run.levels.length === 1 || spacing < min) min = spacing;
      if (spacing > max) max = spacing;
      // Every step within the tolerance of the mean: |s − sum/n| ≤ tolerance × (sum/n), checked at the extremes.
      const even = (s: Fixed) => absFixed(s * steps - sum) * 10_000n <= tolerance * sum;
      return even(min) && even(max) ? { direction, sum, min, max } : undefined;
    };

    /** A new run from the last level of `run` and `level` (or from `level` alone when they share a price). */
    const restartFrom = (run: Run, level: GridLevel): Run => {
      const last = run.levels[run.levels.length - 1] as GridLevel;
      const fresh = startRun(run.symbol, run.side, last);
      const spacing = spacingWith(fresh, level);
      if (spacing === undefined) return startRun(run.symbol, run.side, level);
      return {
        ...fresh,
        ...spacing,
        levels: [last, level],
        unprotected: fresh.unprotected + (level.stop === null ? 1 : 0),
      };
    };

    const qualifies = (levels: number, unprotected: number, last: GridLevel) =>
      levels - 1 >= thresholds.minAdds && (unprotected > 0 || last.exposure * 10_000n > cap * last.equity);

    const violation = (run: Run): Violation<UnlimitedGridEvidence> => {
      const last = run.levels[run.levels.length - 1] as GridLevel;
      const steps = BigInt(run.levels.length - 1);
      const exposureBps = last.equity > 0n ? Number(divRound(last.exposure * 10_000n, last.equity)) : 0;
      const why =
        run.unprotected > 0
          ? `${run.unprotected} level(s) without a stop`
          : `exposure ${formatFixed(last.exposure)} is ${exposureBps} bps of equity, over the ${thresholds.exposureCapBps} bps cap`;
      return {
        detector: "unlimited-grid",
        rounds: violationRounds(run.levels.map((l) => l.round)),
        reason: `Unlimited grid: ${run.levels.length} ${run.side} ${run.symbol} entries every ~${formatFixed(divRound(run.sum, steps))} in price (from ${formatFixed(run.levels[0]?.price ?? 0n)} to ${formatFixed(last.price)}) with ${why}.`,
        evidence: {
          symbol: run.symbol,
          side: run.side,
          levels: [...run.levels],
          spacingMin: run.min,
          spacingMax: run.max,
          spacingMean: divRound(run.sum, steps),
          spacingToleranceBps: thresholds.spacingToleranceBps,
          minAdds: thresholds.minAdds,
          unprotectedLevels: run.unprotected,
          exposureBps,
          exposureCapBps: thresholds.exposureCapBps,
        },
      };
    };

    return {
      observes: ["fill"], // only fills have an execution
      initialState: (): UnlimitedGridState => ({
        book: [],
        finished: [],
        qualifiedCount: 0,
      }),
      observe(state, _event, execution) {
        if (execution === undefined || execution.change === "none") return false;
        const { fill, intent, before, after, change } = execution;
        const entry = entryIn(state, fill.symbol);
        // A one-level run is never qualified: only an add reads it as a run.
        const current = entry === undefined || isRun(entry) ? entry : undefined;
        let run: Run | undefined;
        if (change === "add" && entry !== undefined && intent !== undefined) {
          const grown = runOf(fill.symbol, entry) as Run;
          const level = levelOf(intent, before, after, execution.notionalAfter);
          const spacing = spacingWith(grown, level);
          if (spacing !== undefined) {
            Object.assign(grown, spacing);
            grown.levels.push(level);
            if (level.stop === null) grown.unprotected++;
            run = grown;
          } else {
            if (grown.qualifiedAs !== undefined) state.finished.push(grown);
            run = restartFrom(grown, level);
          }
        } else {
          // Anything else ends the run: a reduction, a close, a reversal, an add by the risk engine.
          if (current?.qualifiedAs !== undefined) state.finished.push(current);
          // A new run starts at an opening, or at the first add after a reduction.
          if ((change === "open" || change === "reverse" || change === "add") && intent !== undefined) {
            run = startRun(
              fill.symbol,
              after > 0n ? "long" : "short",
              levelOf(intent, before, after, execution.notionalAfter),
            );
          }
        }
        // Only qualified runs make violations: the current one changed or ended, or the new one qualifies.
        const changed = current?.qualifiedAs !== undefined;
        if (run === undefined) {
          keepRun(state, fill.symbol, undefined);
          return changed;
        }
        const last = run.levels[run.levels.length - 1] as GridLevel;
        if (run.qualifiedAs === undefined && qualifies(run.levels.length, run.unprotected, last)) {
          run.qualifiedAs = state.qualifiedCount++;
        }
        keepRun(state, fill.symbol, run);
        return changed || run.qualifiedAs !== undefined;
      },
      inspect(state, intent: ConductIntent, preview) {
        if (intent.kind !== "intent" || preview?.change !== "add") return undefined;
        const current = runOf(intent.symbol, entryIn(state, intent.symbol));
        if (current === undefined) return undefined;
        const level = levelOf(intent, preview.before, preview.after, preview.notionalAfter);
        const spacing = spacingWith(current, level);
        if (spacing === undefined) {
          const restarted = restartFrom(current, level);
          return qualifies(restarted.levels.length, restarted.unprotected, level) ? violation(restarted) : undefined;
        }
        const unprotected = current.unprotected + (level.stop === null ? 1 : 0);
        if (!qualifies(current.levels.length + 1, unprotected, level)) return undefined;
        return violation({ ...current, ...spacing, unprotected, levels: [...current.levels, level] });
      },
      violations(state) {
        const open = openRuns(state).filter((run) => run.qualifiedAs !== undefined);
        return [...state.finished, ...open].sort((a, b) => (a.qualifiedAs ?? 0) - (b.qualifiedAs ?? 0)).map(violation);
      },
    };
  },
});

/** The unlimited-grid detector with `thresholds` over the defaults (4 adds, ±25% spacing, 25% exposure cap). */
export function createUnlimitedGridDetector(
  thresholds: Partial<UnlimitedGridThresholds> = {},
): StrategyDetector<UnlimitedGridEvidence> {
  return unlimitedGridDetector.create(thresholds);
}
