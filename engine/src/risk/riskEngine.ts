import type { BrokerConfig } from "../broker/brokerConfig.ts";
import { executeOrder, marginDenial } from "../broker/executeOrder.ts";
import { liquidatePositions } from "../broker/liquidatePositions.ts";
import type { MarketRound, MarketTape } from "../broker/marketTape.ts";
import { markToMarket } from "../broker/markToMarket.ts";
import { type OrderPreview, previewOrder } from "../broker/previewOrder.ts";
import { createMarkLanePool, quietMark, type RoundUnits, refreshMarkLane, roundUnits } from "../broker/quietMark.ts";
import { triggerStopLosses } from "../broker/triggerStopLosses.ts";
import type { Account } from "../domain/account.ts";
import { type Denial, deny, type ExclusionReason, isDenial } from "../domain/denial.ts";
import {
  type EntrantStatus,
  type FinalEntrantStatus,
  isFinalStatus,
  type PauseReason,
} from "../domain/entrantStatus.ts";
import type { Fill } from "../domain/fill.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import type { RiskEvent } from "../domain/riskEvent.ts";
import type { LiquidationReason, RoundRecord } from "../domain/roundRecord.ts";
import type { Fixed } from "../money/fixed.ts";
import { hasMarkFloor, markFloor } from "./markFloors.ts";
import type { MarkContext, OrderCheckContext, RiskRule } from "./riskRule.ts";

/** The outcome of a market order: FILLED with its fill, or CANCELLED with the denial (seed 002's statuses). */
export type OrderOutcome =
  | { status: "FILLED"; fill: Fill; exclusions: readonly ExclusionReason[] }
  | { status: "CANCELLED"; denial: Denial };

export type RiskEngineParameters = {
  tape: MarketTape;
  broker: BrokerConfig;
  /** The season's rules. Mark rules run in this order; compileSeasonRules orders them by severity. */
  rules: readonly RiskRule[];
};

/**
 * The gate between agents and the broker, and the season's risk controls at each mark
 * (Nautilus Trader's RiskEngine). Every method appends what happened to `sink`, in order.
 *
 * Round cycle the season loop follows (see risk/README.md):
 * - fillPrice "open":  beginRound → orders/stop updates → markAccount;
 * - fillPrice "close": beginRound → markAccount → orders/stop updates.
 */
export type RiskEngine = {
  readonly tape: MarketTape;
  readonly broker: BrokerConfig;
  readonly rules: readonly RiskRule[];
  /**
   * Starts the round for the account (idempotent; the other methods call it): lifts a pause whose
   * time is over, on a new UTC day takes the day's starting equity from the last mark, and when
   * orders fill at the open executes the stops the bar opened through (before any order).
   */
  beginRound(account: Account, round: MarketRound, sink: RoundRecord[]): void;
  /**
   * Checks an order (status, broker, every rule, margin) and fills it or cancels it with a denial.
   * `preview`: this order's previewOrder on the account as it is now, the round begun (the season's
   * conduct review makes one just before): used instead of computing it again.
   */
  submitOrder(
    account: Account,
    round: MarketRound,
    order: Order,
    sink: RoundRecord[],
    preview?: OrderPreview,
  ): OrderOutcome;
  /** Moves a position's stop-loss, or refuses with a denial (returned and recorded). */
  updateStopLoss(account: Account, round: MarketRound, update: StopLossUpdate, sink: RoundRecord[]): Denial | undefined;
  /**
   * The round's mark: stop-losses hit by the bar, mark at the closes, high-water mark, rule triggers.
   * Returns the new equity in exact units (fixed-point units as an integer double) when the quiet
   * mark gave it and no event followed, NaN otherwise: until the book changes (`bookVersion`) it is
   * the account's equity, so a caller need not convert the bigint.
   */
  markAccount(account: Account, round: MarketRound, sink: RoundRecord[]): number;
  /**
   * Takes an entrant out of the season for a reason decided outside the risk rules (seed 003:
   * forfeiture on a config change, disqualification): liquidates at the round's closes.
   */
  retireEntrant(account: Account, round: MarketRound, status: "disqualified" | "forfeited", sink: RoundRecord[]): void;
};

const finalStatusDenial = (account: Account, status: FinalEntrantStatus): Denial => {
  const atRound = account.finalAtRound ?? -1;
  switch (status) {
    case "terminated":
      return deny("ENTRANT_TERMINATED", "Terminated by the season drawdown limit: no further trading.", { atRound });
    case "eliminated":
      return deny("ENTRANT_ELIMINATED", "Eliminated by the hard stop-loss: no further trading.", { atRound });
    case "disqualified":
      return deny("ENTRANT_DISQUALIFIED", "Disqualified: no further trading.", { atRound });
    case "forfeited":
      return deny("ENTRANT_FORFEITED", "Entry forfeited: no further trading.", { atRound });
  }
};

/** The fields of an order or stop update that are recorded. */
type RecordedField = "clientOrderId" | "symbol" | "side" | "quantity" | "notional" | "leverage" | "stopLoss";

/** The recorded text of a value that is not JSON-safe (see recordable). */
const jsonSafe = (value: unknown) =>
  typeof value === "string" || typeof value === "bigint" || (typeof value === "number" && Number.isFinite(value))
    ? value
    : String(value);

/**
 * The known fields of an order or stop update with JSON-safe values only: orders come from agents
 * (LLMs), so a malformed one is recorded with its odd values as text rather than breaking the record.
 * Field by field in a fixed order (clientOrderId, symbol, side, quantity, notional, leverage,
 * stopLoss), absent ones left out: named reads and writes, not a loop over the names.
 */
function recordable<T extends Order | StopLossUpdate>(request: T): T {
  if (typeof request !== "object" || request === null) return { clientOrderId: "", invalid: String(request) } as never;
  const known = request as Partial<Record<RecordedField, unknown>>;
  const safe: Partial<Record<RecordedField, unknown>> = {};
  const { clientOrderId, symbol, side, quantity, notional, leverage, stopLoss } = known;
  if (clientOrderId !== undefined) safe.clientOrderId = jsonSafe(clientOrderId);
  if (symbol !== undefined) safe.symbol = jsonSafe(symbol);
  if (side !== undefined) safe.side = jsonSafe(side);
  if (quantity !== undefined) safe.quantity = jsonSafe(quantity);
  if (notional !== undefined) safe.notional = jsonSafe(notional);
  if (leverage !== undefined) safe.leverage = jsonSafe(leverage);
  if (stopLoss !== undefined) safe.stopLoss = jsonSafe(stopLoss);
  return safe as T;
}

/** The exclusions of an order no rule excluded: one shared empty list (never written to). */
const noExclusions: readonly ExclusionReason[] = Object.freeze([]);

export function createRiskEngine({ tape, broker, rules }: RiskEngineParameters): RiskEngine {
  const assets = tape.universe.assets;
  const orderRules = rules.filter((rule) => rule.checkOrder !== undefined);
  const stopRules = rules.filter((rule) => rule.checkStopLossUpdate !== undefined);
  const markRules = rules.filter((rule) => rule.onMark !== undefined);
  // Rules with an equity floor (RiskRule.markFloor) are skipped on a mark at or above it.
  const flooredRules = markRules.filter(hasMarkFloor);
  /** The round's prices as integer doubles, for every account's quiet mark of the round. */
  let roundPrices: RoundUnits | undefined;
  /** Every account's book as doubles for the quiet mark, one slot each. */
  const lanePool = createMarkLanePool(assets.length);
  /** The mark rules that may act at `rulesRound` (RiskRule.marksRound), in order. */
  let rulesRound: MarketRound | undefined;
  let roundRules: RiskRule[] = markRules;
  /** Whether every one of `roundRules` has a floor: then a mark at or above the floor asks none. */
  let roundRulesFloored = false;
  const markContext: MarkContext = { account: undefined as unknown as Account, round: tape.rounds[0] as MarketRound };

  // The stop-trigger callback writes to the account/round/sink of the mark in progress (one closure, no allocation per mark).
  let markingAccount = undefined as unknown as Account;
  let markingRound = undefined as unknown as MarketRound;
  let markingSink: RoundRecord[] = [];
  const onStopEvent = (event: RiskEvent) => {
    markingSink.push(riskEventRecord(markingAccount, markingRound, event));
  };

  // Apart from selectRoundRules: its closure over `round` makes a context at every call, and it is
  // called at every mark.
  const rulesMarking = (round: MarketRound) => markRules.filter((rule) => rule.marksRound?.(round) ?? true);
  /** Sets the rules that may act at `round` (RiskRule.marksRound), in order; none when they all have floors. */
  const selectRoundRules = (round: MarketRound) => {
    if (rulesRound === round) return;
    rulesRound = round;
    roundRules = rulesMarking(round);
    roundRulesFloored = roundRules.every(hasMarkFloor);
  };

  const head = (account: Account, round: MarketRound) => ({
    round: round.index,
    time: round.time,
    entrantId: account.entrantId,
  });
  const riskEventRecord = (account: Account, round: MarketRound, event: RiskEvent): RoundRecord => ({
    type: "riskEvent",
    ...head(account, round),
    event,
  });
  const changeStatus = (account: Account, round: MarketRound, to: EntrantStatus, sink: RoundRecord[]) => {
    if (account.status === to) return;
    sink.push({ type: "statusChanged", ...head(account, round), from: account.status, to });
    account.status = to;
    account.referenceVersion++;
  };

  /** The order rules' context: one object, set before each order's checks (rules keep no reference to it). */
  const orderContext: OrderCheckContext = {
    account: undefined as unknown as Account,
    round: tape.rounds[0] as MarketRound,
    preview: undefined as unknown as OrderPreview,
  };
  const cancelOrder = (
    account: Account,
    round: MarketRound,
    order: Order,
    denial: Denial,
    sink: RoundRecord[],
  ): OrderOutcome => {
    sink.push({
      type: "orderCancelled",
      round: round.index,
      time: round.time,
      entrantId: account.entrantId,
      order: recordable(order),
      denial,
    });
    return { status: "CANCELLED", denial };
  };

  const beginRound = (account: Account, round: MarketRound, sink: RoundRecord[]) => {
    if (account.lastRound === round.index) return;
    account.lastRound = round.index;
    if (round.day !== account.day) {
      account.day = round.day;
      account.dayStartEquity = account.equity;
      account.referenceVersion++;
    }
    if (account.status === "paused" && round.time >= account.pausedUntil) {
      account.pausedUntil = 0;
      account.pauseReason = undefined;
      changeStatus(account, round, "active", sink);
    }
    // Orders at the open come after the stops the open gapped through (resting orders execute first).
    if (broker.fillPrice === "open" && account.openPositionCount > 0 && !isFinalStatus(account.status)) {
      markingAccount = account;
      markingRound = round;
      markingSink = sink;
      if (triggerStopLosses(account, round, assets, broker.feeBps, onStopEvent, true) > 0)
        markToMarket(account, round.orderPrices);
    }
  };

  const tradingDenial = (account: Account): Denial | undefined => {
    const status = account.status;
    if (status === "active") return undefined;
    if (status === "paused") {
      const pausedUntil = account.pausedUntil;
      return account.pauseReason === "varPenalty"
        ? deny("VAR_PENALTY_DAY", "Skipping the trading day after a VaR breach.", { pausedUntil })
        : deny("TRADING_PAUSED", "Trading is paused by the daily drawdown limit until 00:00 UTC.", { pausedUntil });
    }
    return finalStatusDenial(account, status);
  };

  const liquidate = (
    account: Account,
    round: MarketRound,
    prices: readonly Fixed[],
    reason: LiquidationReason,
    sink: RoundRecord[],
  ) => {
    if (account.openPositionCount === 0) return;
    const fills = liquidatePositions({ account, assets, prices, config: broker, round: round.index, time: round.time });
    sink.push({ type: "forcedLiquidation", ...head(account, round), reason, fills });
  };

  const finish = (
    account: Account,
    round: MarketRound,
    status: FinalEntrantStatus,
    reason: LiquidationReason,
    sink: RoundRecord[],
  ) => {
    liquidate(account, round, round.closes, reason, sink);
    account.finalAtRound = round.index;
    account.pausedUntil = 0;
    account.pauseReason = undefined;
    changeStatus(account, round, status, sink);
  };

  const pause = (account: Account, round: MarketRound, reason: PauseReason, until: number, sink: RoundRecord[]) => {
    if (until > account.pausedUntil) {
      account.pausedUntil = until;
      account.pauseReason = reason;
    }
    changeStatus(account, round, "paused", sink);
  };

  const applyEvent = (account: Account, round: MarketRound, event: RiskEvent, sink: RoundRecord[]) => {
    sink.push(riskEventRecord(account, round, event));
    switch (event.kind) {
      case "dailyDrawdownPause":
        pause(account, round, "dailyDrawdown", event.pausedUntil, sink);
        return;
      case "seasonDrawdownTermination":
        finish(account, round, "terminated", "seasonDrawdown", sink);
        return;
      case "hardStopElimination":
        finish(account, round, "eliminated", "hardStop", sink);
        return;
      case "valueAtRiskBreach":
        liquidate(account, round, round.closes, "valueAtRisk", sink);
        pause(account, round, "varPenalty", event.pausedUntil, sink);
        return;
      case "stopLossTriggered":
        return;
    }
  };

  return {
    tape,
    broker,
    rules,
    beginRound,

    submitOrder(account, round, order, sink, given) {
      beginRound(account, round, sink);
      const statusDenial = tradingDenial(account);
      if (statusDenial !== undefined) return cancelOrder(account, round, order, statusDenial, sink);
      const preview =
        given?.order === order
          ? given
          : previewOrder({ account, order, round, universe: tape.universe, config: broker });
      if (isDenial(preview)) return cancelOrder(account, round, order, preview, sink);
      const context = orderContext;
      context.account = account;
      context.round = round;
      context.preview = preview;
      let exclusions: ExclusionReason[] | undefined;
      for (let r = 0; r < orderRules.length; r++) {
        const verdict = (orderRules[r] as RiskRule).checkOrder?.(context);
        if (verdict === undefined) continue;
        if (verdict.kind === "denied") return cancelOrder(account, round, order, verdict, sink);
        if (exclusions === undefined) exclusions = [verdict.reason];
        else exclusions.push(verdict.reason);
      }
      const margin = marginDenial(preview);
      if (margin !== undefined) return cancelOrder(account, round, order, margin, sink);
      const versionBefore = account.bookVersion;
      const fill = executeOrder({ account, preview, round, exclusions });
      // The quiet mark's slot follows the fill now, while the position is in the cache.
      refreshMarkLane(account, preview.asset.index, versionBefore);
      sink.push({
        type: "orderFilled",
        round: round.index,
        time: round.time,
        entrantId: account.entrantId,
        order: recordable(order),
        fill,
      });
      return { status: "FILLED", fill, exclusions: exclusions ?? noExclusions };
    },

    updateStopLoss(account, round, update, sink) {
      beginRound(account, round, sink);
      const refuse = (denial: Denial) => {
        sink.push({ type: "stopLossUpdateDenied", ...head(account, round), update: recordable(update), denial });
        return denial;
      };
      const statusDenial = tradingDenial(account);
      if (statusDenial !== undefined) return refuse(statusDenial);
      if (
        typeof update !== "object" ||
        update === null ||
        typeof update.symbol !== "string" ||
        typeof update.clientOrderId !== "string"
      ) {
        const problem = "a stop-loss update needs string clientOrderId and symbol and a positive bigint stopLoss";
        return refuse(deny("INVALID_ORDER", `Invalid stop-loss update: ${problem}.`, { problem }));
      }
      if (typeof update.stopLoss !== "bigint" || update.stopLoss <= 0n) {
        const problem = "stopLoss must be a positive fixed-point bigint";
        return refuse(deny("INVALID_ORDER", `Invalid stop-loss update: ${problem}.`, { problem }));
      }
      const symbol = update.symbol;
      const asset = tape.universe.bySymbol.get(symbol);
      if (asset === undefined)
        return refuse(deny("UNKNOWN_ASSET", `${symbol} is not traded in this season.`, { symbol }));
      if (!broker.stopOrders)
        return refuse(
          deny("STOP_ORDERS_NOT_OFFERED", "This season offers market orders only: no stop-losses.", { symbol }),
        );
      const position = account.positions[asset.index];
      if (position === undefined)
        return refuse(
          deny("NO_POSITION", `${symbol}: there is no open position whose stop-loss could move.`, { symbol }),
        );
      const referencePrice = round.orderPrices[asset.index] as Fixed;
      const long = position.quantity > 0n;
      if (long ? update.stopLoss >= referencePrice : update.stopLoss <= referencePrice) {
        return refuse(
          deny(
            "STOP_LOSS_WRONG_SIDE",
            `${symbol}: a ${long ? "long's stop-loss must be below" : "short's stop-loss must be above"} the market price ${referencePrice}.`,
            { symbol, side: long ? "long" : "short", stopLoss: update.stopLoss, marketPrice: referencePrice },
          ),
        );
      }
      for (const rule of stopRules) {
        const denial = rule.checkStopLossUpdate?.({ account, round, asset, position, update, referencePrice });
        if (denial !== undefined) return refuse(denial);
      }
      const previousStopLoss = position.stopLoss;
      position.stopLoss = update.stopLoss;
      account.bookVersion++;
      refreshMarkLane(account, asset.index, account.bookVersion - 1);
      sink.push({ type: "stopLossUpdated", ...head(account, round), update: recordable(update), previousStopLoss });
      return undefined;
    },

    markAccount(account, round, sink) {
      if (isFinalStatus(account.status)) return Number.NaN;
      beginRound(account, round, sink);
      // The equity in units when the quiet mark ran (exact), NaN otherwise.
      let units = Number.NaN;
      if (account.openPositionCount > 0) {
        markingAccount = account;
        markingRound = round;
        markingSink = sink;
        if (roundPrices?.round !== round) roundPrices = roundUnits(round);
        units = quietMark(account, roundPrices, lanePool);
        if (Number.isNaN(units)) {
          triggerStopLosses(account, round, assets, broker.feeBps, onStopEvent);
          markToMarket(account, round.closes);
        }
      } else {
        // Flat, the book and the floors' references as at a quiet flat mark: the same cash (equity),
        // high-water mark and floors, so quiet again; nothing to do when only floored rules act.
        if (account.quietFlatBook === account.bookVersion && account.quietFlatReference === account.referenceVersion) {
          selectRoundRules(round);
          if (roundRulesFloored) return Number.NaN;
        }
        account.equity = account.cash;
      }
      // After a quiet mark the comparisons run on doubles, exactly (see markFloor).
      const exact = !Number.isNaN(units);
      let floor = markFloor(account, flooredRules);
      if (exact ? units > account.highWaterUnits : account.equity > account.highWaterMark) {
        account.highWaterMark = account.equity;
        account.referenceVersion++;
        floor = markFloor(account, flooredRules);
      }
      markContext.account = account;
      markContext.round = round;
      // At or above every floor no floored rule can fire, until an event changes the account: from
      // then on every rule is asked, in its order, as without floors.
      let quiet = exact ? units >= account.markFloorUnits : floor === undefined || account.equity >= floor;
      selectRoundRules(round);
      if (quiet && account.openPositionCount === 0) {
        account.quietFlatBook = account.bookVersion;
        account.quietFlatReference = account.referenceVersion;
      }
      if (quiet && roundRulesFloored) return units;
      for (let r = 0; r < roundRules.length; r++) {
        const rule = roundRules[r] as RiskRule;
        if (quiet && rule.markFloor !== undefined) continue;
        const event = rule.onMark?.(markContext);
        if (event === undefined) continue;
        quiet = false;
        applyEvent(account, round, event, sink);
        if (isFinalStatus(account.status)) return Number.NaN;
      }
      return quiet ? units : Number.NaN;
    },

    retireEntrant(account, round, status, sink) {
      if (isFinalStatus(account.status)) return;
      beginRound(account, round, sink);
      finish(account, round, status, "statusChange", sink);
    },
  };
}
