import { divRound, type Fixed, formatFixed } from "../money/fixed.ts";
import type { ConductIntent, LongOrShort } from "./agentActivity.ts";
import type { ClosedRoundTrip } from "./executionTracker.ts";
import { absFixed, endsPosition } from "./orderEffect.ts";
import { defineDetector, type StrategyDetector } from "./strategyDetector.ts";
import { type Violation, violationRounds } from "./violation.ts";

/**
 * Wash trading (seed 004, Penalty Factors: Gaming Attempts, "wash trading detection", "artificial
 * performance inflation"): trades that only inflate activity.
 *
 * A wash round trip opens a position in an asset and closes or reverses it within `windowRounds`
 * rounds (0: the same round) with a realized P&L (before fees) of at most `pnlToleranceBps` of
 * the round trip's gross entry notional either way: a buy and a sell that changed nothing but the
 * trade count. One can be an honest change of mind; `minRoundTrips` of them in a season is the
 * pattern, reported once with every round trip as evidence. Pre-trade, an order is denied when
 * the round trip it would end (valued at its reference price) would be that many.
 */
export type WashTradingThresholds = {
  /** Most rounds between opening and closing a wash round trip. Default 1 (the next round). */
  windowRounds: number;
  /** Largest |realized P&L| for "nothing changed", bps of gross entry notional. Default 10 (0.1%). */
  pnlToleranceBps: number;
  /** Wash round trips in a season that make a violation. Default 3. */
  minRoundTrips: number;
};

export type WashRoundTrip = {
  symbol: string;
  side: LongOrShort;
  openRound: number;
  closeRound: number;
  openOrderId: string;
  closeOrderId: string;
  grossEntryNotional: Fixed;
  realizedPnl: Fixed;
  /** realizedPnl ÷ gross entry notional, bps (signed). */
  pnlBps: number;
};

export type WashTradingEvidence = {
  roundTrips: readonly WashRoundTrip[];
  windowRounds: number;
  pnlToleranceBps: number;
  minRoundTrips: number;
};

type WashTradingState = {
  washes: WashRoundTrip[];
};

export const washTradingDetector = defineDetector({
  id: "wash-trading",
  source: "seed 004 (scoring criteria), Penalty Factors: Gaming Attempts, wash trading detection",
  defaults: { windowRounds: 1, pnlToleranceBps: 10, minRoundTrips: 3 } satisfies WashTradingThresholds,
  specs: {
    windowRounds: { kind: "integer", min: 0, max: 100_000, description: "most rounds from opening to closing" },
    pnlToleranceBps: {
      kind: "integer",
      min: 0,
      max: 10_000,
      description: "largest |realized P&L| in bps of gross entry notional",
    },
    minRoundTrips: { kind: "integer", min: 1, max: 100_000, description: "wash round trips that make a violation" },
  },
  fold(thresholds: WashTradingThresholds) {
    const tolerance = BigInt(thresholds.pnlToleranceBps);

    const washOf = (trip: ClosedRoundTrip): WashRoundTrip | undefined => {
      if (trip.closeRound - trip.openRound > thresholds.windowRounds) return undefined;
      if (trip.grossEntryNotional <= 0n) return undefined;
      if (absFixed(trip.realizedPnl) * 10_000n > tolerance * trip.grossEntryNotional) return undefined;
      return {
        symbol: trip.symbol,
        side: trip.side,
        openRound: trip.openRound,
        closeRound: trip.closeRound,
        openOrderId: trip.openOrderId,
        closeOrderId: trip.closeOrderId,
        grossEntryNotional: trip.grossEntryNotional,
        realizedPnl: trip.realizedPnl,
        pnlBps: Number(divRound(trip.realizedPnl * 10_000n, trip.grossEntryNotional)),
      };
    };

    const violation = (washes: readonly WashRoundTrip[]): Violation<WashTradingEvidence> => ({
      detector: "wash-trading",
      rounds: violationRounds(washes.flatMap((w) => [w.openRound, w.closeRound])),
      reason: `Wash trading: ${washes.length} round trips opened and closed within ${thresholds.windowRounds} round(s) for a P&L within ±${thresholds.pnlToleranceBps} bps (${washes
        .map((w) => `${w.symbol} rounds ${w.openRound}–${w.closeRound}: ${formatFixed(w.realizedPnl)}`)
        .join("; ")}).`,
      evidence: {
        roundTrips: [...washes],
        windowRounds: thresholds.windowRounds,
        pnlToleranceBps: thresholds.pnlToleranceBps,
        minRoundTrips: thresholds.minRoundTrips,
      },
    });

    return {
      observes: ["fill"], // only fills have an execution
      initialState: (): WashTradingState => ({ washes: [] }),
      observe(state, _event, execution) {
        const closed = execution?.closed;
        const wash = closed === undefined ? undefined : washOf(closed);
        if (wash === undefined) return false;
        state.washes.push(wash);
        return state.washes.length >= thresholds.minRoundTrips;
      },
      inspect(state, intent: ConductIntent, preview) {
        if (intent.kind !== "intent" || preview === undefined || !endsPosition(preview.change)) return undefined;
        if (preview.trip === undefined || preview.estimatedTripPnl === undefined) return undefined;
        const wash = washOf({
          ...preview.trip,
          realizedPnl: preview.estimatedTripPnl,
          closeRound: intent.round,
          closeOrderId: intent.orderId,
        });
        if (wash === undefined || state.washes.length + 1 < thresholds.minRoundTrips) return undefined;
        return violation([...state.washes, wash]);
      },
      violations: (state) => (state.washes.length >= thresholds.minRoundTrips ? [violation(state.washes)] : []),
    };
  },
});

/** The wash-trading detector with `thresholds` over the defaults (1 round, ±10 bps, 3 round trips). */
export function createWashTradingDetector(
  thresholds: Partial<WashTradingThresholds> = {},
): StrategyDetector<WashTradingEvidence> {
  return washTradingDetector.create(thresholds);
}
