import { divRound, type Fixed, formatFixed } from "../money/fixed.ts";
import type { ConductIntent, LongOrShort } from "./agentActivity.ts";
import type { ClosedRoundTrip } from "./executionTracker.ts";
import { opensPosition } from "./orderEffect.ts";
import { defineDetector, type StrategyDetector } from "./strategyDetector.ts";
import { ratioToBps } from "./thresholds.ts";
import { type Violation, violationRounds } from "./violation.ts";

/**
 * Martingale (seed 001, Banned Strategies): "doubling position size after a loss with the
 * expectation that a future win will recover all previous losses".
 *
 * A bet is a round trip; its size is the notional of the order that opened it. An escalation is
 * a position opened right after a losing round trip closed (the first position opened after that
 * close, in any asset) whose size is at least `factor` times the losing bet's. Escalations chain
 * when the escalated bet loses too and the next one escalates again. A chain of `minSteps`
 * escalations is a violation; one escalation alone is not (a single bigger trade after a loss is
 * judged by the revenge-trading rule instead). A winning close breaks the chain.
 */
export type MartingaleThresholds = {
  /** Next bet ÷ losing bet at or above which the next bet counts as doubled. Default 1.8 ("~2x"). */
  factor: number;
  /** Escalations in a row that make a violation. Default 2 (loss → 2x → loss → 4x). */
  minSteps: number;
};

export type MartingaleBet = {
  symbol: string;
  side: LongOrShort;
  round: number;
  orderId: string;
  notional: Fixed;
};

export type MartingaleStep = {
  /** The losing bet: opened at `lost.round`, closed at `closedRound` for `realizedPnl` (< 0). */
  lost: MartingaleBet;
  closedRound: number;
  realizedPnl: Fixed;
  /** The bet that followed. */
  next: MartingaleBet;
  /** next.notional ÷ lost.notional in basis points. */
  ratioBps: number;
};

export type MartingaleEvidence = {
  factorBps: number;
  minSteps: number;
  steps: readonly MartingaleStep[];
};

/** The chain that led into a position: its escalations and the chain's id (-1: none). */
type ChainInto = { chain: readonly MartingaleStep[]; chainId: number };

/** No chain: shared, as chains are never changed in place (an escalation makes a new array). */
const noChain: ChainInto = Object.freeze({ chain: Object.freeze([]) as readonly MartingaleStep[], chainId: -1 });

/** A closed losing bet with the chain of escalations that led into it (chainId -1: none). */
type LosingBet = { trip: ClosedRoundTrip; chain: readonly MartingaleStep[]; chainId: number };

type MartingaleState = {
  /**
   * Chain leading into each open position, by symbol; a position with no chain has no entry (most
   * have none: while the map is empty, which `chained` says without reading it, it is not touched).
   */
  openChains: Map<string, ChainInto>;
  /** openChains.size, kept on the state. */
  chained: number;
  /** The last close, if it lost and no position has opened since. */
  pendingLoss: LosingBet | undefined;
  /** Qualifying chains by id, longest version kept, in the order they first qualified. */
  chains: Map<number, readonly MartingaleStep[]>;
  nextChainId: number;
};

export const martingaleDetector = defineDetector({
  id: "martingale",
  source: "seed 001 (LLMTrader rules), Banned Strategies: Martingale",
  defaults: { factor: 1.8, minSteps: 2 } satisfies MartingaleThresholds,
  specs: {
    factor: { kind: "number", min: 1, max: 1000, description: "next bet ÷ losing bet that counts as doubled" },
    minSteps: { kind: "integer", min: 1, max: 1000, description: "escalations in a row that make a violation" },
  },
  fold(thresholds: MartingaleThresholds) {
    const factorBps = ratioToBps(thresholds.factor);
    const { minSteps } = thresholds;

    /** The chain extended by `next`, or undefined when `next` is not an escalation of `loss`. */
    const escalation = (loss: LosingBet, next: MartingaleBet) => {
      if (next.notional * 10_000n < factorBps * loss.trip.openingNotional) return undefined;
      const step: MartingaleStep = {
        lost: betOf(loss.trip),
        closedRound: loss.trip.closeRound,
        realizedPnl: loss.trip.realizedPnl,
        next,
        ratioBps: Number(divRound(next.notional * 10_000n, loss.trip.openingNotional)),
      };
      return [...loss.chain, step];
    };

    const violation = (steps: readonly MartingaleStep[]): Violation<MartingaleEvidence> => ({
      detector: "martingale",
      rounds: violationRounds(steps.flatMap((s) => [s.lost.round, s.closedRound, s.next.round])),
      reason: `Martingale: ${steps.length} losing bet${steps.length === 1 ? " was" : "s were"} each followed by a bet at least ${thresholds.factor}x larger (${steps
        .map((s) => `${formatFixed(s.lost.notional)} → ${formatFixed(s.next.notional)}`)
        .join(", ")}).`,
      evidence: { factorBps: Number(factorBps), minSteps, steps },
    });

    return {
      observes: ["fill"], // only fills have an execution
      initialState: (): MartingaleState => ({
        openChains: new Map(),
        chained: 0,
        pendingLoss: undefined,
        chains: new Map(),
        nextChainId: 0,
      }),
      observe(state, _event, execution) {
        if (execution === undefined) return false;
        const { closed, opened } = execution;
        if (closed !== undefined) {
          const into = chainInto(state, closed.symbol);
          if (into !== noChain) {
            state.openChains.delete(closed.symbol);
            state.chained = state.openChains.size;
          }
          state.pendingLoss =
            closed.realizedPnl < 0n ? { trip: closed, chain: into.chain, chainId: into.chainId } : undefined;
        }
        if (opened !== undefined) {
          const loss = state.pendingLoss;
          state.pendingLoss = undefined;
          const chain =
            loss === undefined
              ? undefined
              : escalation(loss, {
                  symbol: opened.symbol,
                  side: opened.side,
                  round: opened.openRound,
                  orderId: opened.openOrderId,
                  notional: opened.openingNotional,
                });
          if (chain === undefined || loss === undefined) {
            if (state.chained > 0 && state.openChains.delete(opened.symbol)) state.chained = state.openChains.size;
            return false;
          }
          const chainId = loss.chainId === -1 ? state.nextChainId++ : loss.chainId;
          state.openChains.set(opened.symbol, { chain, chainId });
          state.chained = state.openChains.size;
          if (chain.length >= minSteps) {
            state.chains.set(chainId, chain);
            return true;
          }
        }
        return false;
      },
      inspect(state, intent: ConductIntent, preview) {
        if (intent.kind !== "intent" || preview === undefined || !opensPosition(preview.change)) return undefined;
        let loss: LosingBet | undefined = state.pendingLoss;
        if (preview.change === "reverse" && preview.trip !== undefined && preview.estimatedTripPnl !== undefined) {
          // The order closes a position first: that close, not an earlier one, is the last outcome.
          const into = chainInto(state, intent.symbol);
          loss =
            preview.estimatedTripPnl < 0n
              ? {
                  trip: {
                    ...preview.trip,
                    realizedPnl: preview.estimatedTripPnl,
                    closeRound: intent.round,
                    closeOrderId: intent.orderId,
                  },
                  ...into,
                }
              : undefined;
        }
        if (loss === undefined) return undefined;
        const next: MartingaleBet = {
          symbol: intent.symbol,
          side: preview.after > 0n ? "long" : "short",
          round: intent.round,
          orderId: intent.orderId,
          notional: preview.notionalAfter,
        };
        const chain = escalation(loss, next);
        return chain !== undefined && chain.length >= minSteps ? violation(chain) : undefined;
      },
      violations: (state) => [...state.chains.values()].map(violation),
    };
  },
});

/** The chain leading into the position open in `symbol` (noChain: none). */
function chainInto(state: MartingaleState, symbol: string): ChainInto {
  return state.chained === 0 ? noChain : (state.openChains.get(symbol) ?? noChain);
}

function betOf(trip: ClosedRoundTrip): MartingaleBet {
  return {
    symbol: trip.symbol,
    side: trip.side,
    round: trip.openRound,
    orderId: trip.openOrderId,
    notional: trip.openingNotional,
  };
}

/** The martingale detector with `thresholds` over the defaults (factor 1.8, minSteps 2). */
export function createMartingaleDetector(
  thresholds: Partial<MartingaleThresholds> = {},
): StrategyDetector<MartingaleEvidence> {
  return martingaleDetector.create(thresholds);
}
