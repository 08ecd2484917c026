import { type MarketRound, type MarketTape, SECONDS_PER_DAY } from "../broker/marketTape.ts";
import { currentMarkLanes, MARK_LANE, markLaneEnd } from "../broker/quietMark.ts";
import { FIXED_ONE, type Fixed, fixedToNumber, numberToFixed } from "../money/fixed.ts";
import { historicalValueAtRisk } from "./historicalValueAtRisk.ts";
import type { RiskRule } from "./riskRule.ts";

export type ValueAtRiskParameters = {
  /** The VaR above which positions are liquidated (seed 002: $100,000), fixed-point. */
  limit: Fixed;
  /** Confidence in basis points (seed 002: 9,500 = 95%). */
  confidenceBps: number;
  /** Daily returns in the historical window (Podium: 250, about a trading year). */
  windowDays: number;
  /** Fewer daily returns than this and the check is skipped (too little history to estimate). */
  minObservations: number;
  /** Seconds after 00:00 UTC of the end-of-day check (seed 002: 16:15 UTC = 58,500). */
  checkSecondsUtc: number;
  tape: MarketTape;
};

/**
 * The rounds at which an end-of-day check runs: per UTC day, the first round whose bar closes at or
 * after the check time (`checkSecondsUtc` after 00:00 UTC of the round's day).
 */
export function endOfDayCheckRounds(tape: MarketTape, checkSecondsUtc: number): number[] {
  const rounds: number[] = [];
  let lastCheckedDay = Number.NaN;
  for (const round of tape.rounds) {
    if (round.day === lastCheckedDay) continue;
    if (round.time + tape.barSeconds >= round.day * SECONDS_PER_DAY + checkSecondsUtc) {
      rounds.push(round.index);
      lastCheckedDay = round.day;
    }
  }
  return rounds;
}

/**
 * Portfolio VaR limit at end of day (seed 002).
 *
 * When: once per UTC day, at the mark of the day's first round whose bar closes at or after the
 * check time (16:15 UTC: the 16:00 bar of hourly data, every bar of daily data, whose close is the
 * next 00:00).
 * Method: historical simulation. Each asset's daily returns are the simple returns between the
 * closes of consecutive end-of-day checks; the last `windowDays` of them (the current day's
 * included) are applied to today's positions, scenario P&L_d = Σ_i quantity_i × close_i × r_{i,d},
 * and VaR is the loss at the (1 − confidence) quantile (see historicalValueAtRisk).
 * Consequence: VaR above the limit (rounded to 8 decimals, compared exactly) liquidates every
 * position at the mark and the entrant skips the next trading day (the next UTC day with rounds),
 * staying paused until that day ends.
 */
export function createValueAtRiskRule(parameters: ValueAtRiskParameters): RiskRule {
  const { limit, confidenceBps, windowDays, minObservations, checkSecondsUtc, tape } = parameters;
  const assetCount = tape.universe.assets.length;
  const checkpointRounds = endOfDayCheckRounds(tape, checkSecondsUtc);
  const checkpointOfRound = new Int32Array(tape.rounds.length).fill(-1);
  checkpointRounds.forEach((roundIndex, k) => {
    checkpointOfRound[roundIndex] = k;
  });
  // returns[a × checkpoints + k]: asset a's return from checkpoint k − 1 to checkpoint k (k = 0
  // unused), asset-major so that a held asset's window is contiguous.
  const checkpoints = checkpointRounds.length;
  const returns = new Float64Array(checkpoints * assetCount);
  for (let k = 1; k < checkpointRounds.length; k++) {
    const now = tape.rounds[checkpointRounds[k] as number];
    const before = tape.rounds[checkpointRounds[k - 1] as number];
    if (now === undefined || before === undefined) continue;
    for (let a = 0; a < assetCount; a++) {
      returns[a * checkpoints + k] =
        fixedToNumber(now.closes[a] as Fixed) / fixedToNumber(before.closes[a] as Fixed) - 1;
    }
  }
  /** The closes of `closesRound` as doubles. */
  const closes = new Float64Array(assetCount);
  let closesRound: MarketRound | undefined;
  const observationsAt = (k: number) => k - Math.max(1, k - windowDays + 1) + 1;
  const exposure = new Float64Array(assetCount);
  /** Indices of the assets held at this check: the scenarios sum only their (non-zero) terms. */
  const held = new Int32Array(assetCount);
  const scenarios = new Float64Array(windowDays);
  const smallest = new Float64Array(windowDays + 1);
  const scale = Number(FIXED_ONE) * Number(FIXED_ONE);
  /** Per asset, the largest |return| in the window of checkpoint `largestAt` (NaN if one is NaN). */
  const largest = new Float64Array(assetCount);
  let largestAt = -1;
  const largestReturns = (k: number, first: number, observations: number) => {
    largestAt = k;
    for (let a = 0; a < assetCount; a++) {
      let most = 0;
      const from = a * checkpoints + first;
      for (let j = 0; j < observations; j++) {
        const r = returns[from + j] as number;
        const size = r < 0 ? -r : r;
        if (size > most) most = size;
        else if (Number.isNaN(size)) {
          most = Number.NaN; // no bound: NaN fails every comparison
          break;
        }
      }
      largest[a] = most;
    }
  };
  // A VaR (a float, in dollars) below this is at most the limit once rounded to units, with room for
  // every rounding on the way (the limit's conversion included).
  const clearBelow = (Number(limit) * (1 - 1e-9) - 2) / Number(FIXED_ONE);

  return {
    id: "valueAtRisk",
    source: "seed 002: Portfolio VaR 95% limit $100,000 at EOD 16:15 UTC, liquidation and a skipped day",
    marksRound(round) {
      const k = checkpointOfRound[round.index] ?? -1;
      return k >= 1 && observationsAt(k) >= minObservations;
    },
    onMark({ account, round }) {
      const k = checkpointOfRound[round.index] ?? -1;
      if (k < 1 || account.openPositionCount === 0) return undefined;
      const first = Math.max(1, k - windowDays + 1);
      const observations = k - first + 1;
      if (observations < minObservations) return undefined;
      let heldCount = 0;
      const lane = currentMarkLanes(account);
      if (lane >= 0) {
        // The quiet mark's lanes (just read, exact): Number(quantity) without the positions' bigints.
        if (closesRound !== round) {
          closesRound = round;
          for (let a = 0; a < assetCount; a++) closes[a] = Number(round.closes[a] as Fixed);
        }
        const lanes = (account.markPool as { lanes: Float64Array }).lanes;
        const end = markLaneEnd(lanes, lane);
        for (let at = lane; at < end; at += MARK_LANE) {
          const a = lanes[at] as number;
          exposure[a] = ((lanes[at + 1] as number) * (closes[a] as number)) / scale;
          held[heldCount++] = a;
        }
      } else {
        for (const position of account.positions) {
          if (position === undefined) continue;
          const a = position.assetIndex;
          exposure[a] = (Number(position.quantity) * Number(round.closes[a] as Fixed)) / scale;
          held[heldCount++] = a;
        }
      }
      // No scenario loses more than Σ |exposure| × the asset's largest |return| in the window (the
      // float sums stay within 10⁻¹⁴ of it): when that is under the limit, so is the VaR. Most books
      // are far from it, and the scenarios are the check's cost.
      if (largestAt !== k) largestReturns(k, first, observations);
      let bound = 0;
      for (let h = 0; h < heldCount; h++) {
        const a = held[h] as number;
        const e = exposure[a] as number;
        bound += (e < 0 ? -e : e) * (largest[a] as number);
      }
      if (bound * (1 + 1e-9) < clearBelow) return undefined;
      // Σ over held assets in asset order (asset by asset, each scenario's sum in that order): the
      // terms left out are exact zeros (0 × a finite return), which change no sum.
      scenarios.fill(0, 0, observations);
      for (let h = 0; h < heldCount; h++) {
        const a = held[h] as number;
        const e = exposure[a] as number;
        const from = a * checkpoints + first;
        for (let j = 0; j < observations; j++)
          scenarios[j] = (scenarios[j] as number) + e * (returns[from + j] as number);
      }
      const valueAtRisk = numberToFixed(historicalValueAtRisk(scenarios, observations, confidenceBps, smallest));
      if (valueAtRisk <= limit) return undefined;
      const nextDay = tape.nextTradingDayStart(round.index) ?? (round.day + 1) * SECONDS_PER_DAY;
      return {
        kind: "valueAtRiskBreach",
        valueAtRisk,
        limit,
        confidenceBps,
        observations,
        pausedUntil: nextDay + SECONDS_PER_DAY,
      };
    },
  };
}
