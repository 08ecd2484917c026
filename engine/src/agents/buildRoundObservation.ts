import { MAX_ORDER_LEVERAGE } from "../broker/previewOrder.ts";
import type { CompiledSeason } from "../config/compileSeasonRules.ts";
import type { Account } from "../domain/account.ts";
import { positionUnrealizedPnl } from "../domain/position.ts";
import { PodiumError } from "../errors/podiumError.ts";
import { type Fixed, fixedToNumber, parseFixed } from "../money/fixed.ts";
import { exponentialMovingAverage } from "./indicators/exponentialMovingAverage.ts";
import { relativeStrengthIndex } from "./indicators/relativeStrengthIndex.ts";
import { returnVolatility } from "./indicators/returnVolatility.ts";
import { simpleMovingAverage } from "./indicators/simpleMovingAverage.ts";
import type {
  AssetIndicators,
  AssetObservation,
  PositionObservation,
  RiskBudget,
  RoundObservation,
  RulesSummary,
} from "./roundObservation.ts";
import { rememberVisibleCloses, seriesCloses } from "./visibleCloses.ts";

export type BuildRoundObservationParameters = {
  season: CompiledSeason;
  account: Account;
  /** Round index in the season's tape. */
  round: number;
  /** Bars shown per asset (the indicators use the same window). Default 50. */
  lookback?: number;
  news?: readonly string[];
  /** The portfolio's current VaR in quote currency, when the caller computed it (for the VaR headroom). */
  valueAtRisk?: number;
};

export type BuildRoundObservationErrorType = ObservationRoundError;

export class ObservationRoundError extends PodiumError {
  override name = "ObservationRoundError";
  constructor(round: number, rounds: number) {
    super(`Cannot observe round ${round}: the season has rounds 0 to ${rounds - 1}.`, {
      hint: "Build observations only for rounds of the compiled season's tape.",
    });
  }
}

const INDICATOR_PERIOD = 20;
const RSI_PERIOD = 14;

/**
 * The observation an agent gets at a round. What it may see follows the broker's fill price
 * (brokerConfig.ts): with "close" fills the round's own bar is visible (orders fill at its close);
 * with "open" fills only the bars before it are. `price` is the broker's reference price for the
 * round (that close, or the round's open), so that the stop checks an agent is told about are the
 * broker's. Indicators are computed on the visible closes.
 */
export function buildRoundObservation(parameters: BuildRoundObservationParameters): RoundObservation {
  const { season, account, round, lookback = 50, news, valueAtRisk } = parameters;
  const { tape } = season;
  const marketRound = tape.rounds[round];
  if (marketRound === undefined) throw new ObservationRoundError(round, tape.rounds.length);
  if (!Number.isInteger(lookback) || lookback < 1)
    throw new RangeError(`lookback must be a positive integer, got ${lookback}`);
  const assets = observeAssets(season, round, lookback);

  const positions: PositionObservation[] = [];
  for (const position of account.positions) {
    if (position === undefined) continue;
    const symbol = tape.universe.assets[position.assetIndex]?.symbol ?? position.symbol;
    positions.push({
      symbol,
      side: position.quantity > 0n ? "long" : "short",
      quantity: position.quantity < 0n ? -position.quantity : position.quantity,
      entryPrice: position.averageEntryPrice,
      markPrice: position.markPrice,
      ...(position.stopLoss === undefined ? {} : { stopLoss: position.stopLoss }),
      leverage: position.leverage,
      unrealizedPnl: positionUnrealizedPnl(position),
    });
  }

  const observation: RoundObservation = {
    round,
    time: marketRound.time,
    rules: summarizeRules(season),
    riskBudget: riskBudget(season, account, marketRound.day, valueAtRisk),
    assets,
    portfolio: {
      cash: account.cash,
      equity: account.equity,
      startingCapital: account.startingCapital,
      status: account.status,
      positions,
    },
  };
  if (news !== undefined && news.length > 0) observation.news = [...news];
  return observation;
}

/**
 * The market part of round `round`'s observation: every asset with its visible bars, returns and
 * indicators (the same for every entrant; buildRoundObservation's `assets`).
 */
export function observeAssets(season: CompiledSeason, round: number, lookback = 50): AssetObservation[] {
  const { tape } = season;
  const marketRound = tape.rounds[round];
  if (marketRound === undefined) throw new ObservationRoundError(round, tape.rounds.length);
  const [firstVisible, lastVisible] = visibleBars(season, round, lookback);
  return tape.universe.assets.map((asset) => {
    const series = season.dataset.bars[asset.symbol] ?? [];
    const bars = lastVisible < 0 ? [] : series.slice(firstVisible, lastVisible + 1);
    const closes = lastVisible < 0 ? [] : seriesCloses(series).slice(firstVisible, lastVisible + 1);
    const returns = closeReturns(closes);
    const name = season.dataset.assets[asset.index]?.name ?? asset.symbol;
    const observed: AssetObservation = {
      symbol: asset.symbol,
      assetClass: asset.assetClass,
      name,
      price: marketRound.orderPrices[asset.index] as Fixed,
      bars,
      returns,
      indicators: closeIndicators(closes, returns),
    };
    rememberVisibleCloses(observed, closes);
    return observed;
  });
}

/**
 * The bars an agent may see at round `round` (a valid round of the tape): indices `first` to `last`
 * of every series, none when `last` is -1 (with "open" fills, before the first round).
 */
export function visibleBars(season: CompiledSeason, round: number, lookback: number): [first: number, last: number] {
  if (!Number.isInteger(lookback) || lookback < 1)
    throw new RangeError(`lookback must be a positive integer, got ${lookback}`);
  const lastVisible = season.broker.fillPrice === "close" ? round : round - 1;
  return [Math.max(0, lastVisible - lookback + 1), lastVisible];
}

/** Simple returns between consecutive closes (an asset observation's `returns`). */
export function closeReturns(closes: readonly number[]): number[] {
  // Sized once: pushing would grow the array three times over a 50-bar window.
  const returns = closes.length < 2 ? [] : new Array<number>(closes.length - 1);
  for (let i = 1; i < closes.length; i++) returns[i - 1] = (closes[i] as number) / (closes[i - 1] as number) - 1;
  return returns;
}

/** An asset observation's indicators, from its visible closes and their returns. */
export function closeIndicators(closes: readonly number[], returns: readonly number[]): AssetIndicators {
  return {
    sma20: simpleMovingAverage(closes, INDICATOR_PERIOD),
    ema20: exponentialMovingAverage(closes, INDICATOR_PERIOD),
    rsi14: relativeStrengthIndex(closes, RSI_PERIOD),
    volatility20: returnVolatility(returns, INDICATOR_PERIOD),
  };
}

const decimal = (text: string): Fixed => parseFixed(text) as Fixed; // validated by validateSeasonRules

/** The season's rules as an agent is told them (the same every round). */
export function summarizeRules(season: CompiledSeason): RulesSummary {
  const { rules, tape } = season;
  const { risk } = rules;
  const maxLeverage: Record<string, number> = {};
  for (const asset of tape.universe.assets)
    maxLeverage[asset.symbol] = risk.leverage?.maxLeverage[asset.assetClass] ?? MAX_ORDER_LEVERAGE;
  const summary: RulesSummary = {
    seasonId: rules.id,
    seasonName: rules.name,
    arena: rules.arena,
    frequency: rules.frequency,
    fillPrice: rules.execution.fillPrice,
    feeBps: rules.execution.feeBps,
    slippageBps: rules.execution.slippageBps,
    maxLeverage,
    stopOrders: rules.execution.stopOrders,
    bannedStrategies: Object.keys(rules.conduct.bannedStrategies ?? {}).sort(),
  };
  if (risk.positionCap) {
    summary.maxPositionShareBps = risk.positionCap.maxShareBps;
    summary.positionCapMeasure = risk.positionCap.measure;
  }
  if (risk.stopLoss) summary.stopLossMaxDistanceBps = risk.stopLoss.maxDistanceBps;
  if (risk.minPositionSize) summary.minPositionNotional = decimal(risk.minPositionSize.minNotional);
  if (risk.maxPositionSize) summary.maxPositionNotional = decimal(risk.maxPositionSize.maxNotional);
  if (risk.dailyDrawdown) summary.dailyDrawdownBps = risk.dailyDrawdown.thresholdBps;
  if (risk.seasonDrawdown) summary.seasonDrawdownBps = risk.seasonDrawdown.thresholdBps;
  if (risk.hardStop) summary.hardStopPnl = decimal(risk.hardStop.minCumulativePnl);
  if (risk.valueAtRisk) summary.valueAtRiskLimit = decimal(risk.valueAtRisk.limit);
  return summary;
}

/**
 * Room left before each risk control acts, from the account's last mark:
 * - daily: threshold − (dayStart − equity) / dayStart, where dayStart is today's starting equity
 *   (the current equity when this round opens a new UTC day: the daily rule's own definition);
 * - season: threshold − (highWaterMark − equity) / highWaterMark;
 * - hard stop: (equity − startingCapital) − minCumulativePnl;
 * - VaR: limit − current VaR, when the caller passed the current VaR.
 */
function riskBudget(
  season: CompiledSeason,
  account: Account,
  day: number,
  valueAtRisk: number | undefined,
): RiskBudget {
  const { risk } = season.rules;
  const equity = fixedToNumber(account.equity);
  const budget: RiskBudget = {};
  if (risk.dailyDrawdown) {
    const dayStart = fixedToNumber(day !== account.day ? account.equity : account.dayStartEquity);
    budget.dailyDrawdownLeft =
      dayStart > 0 ? risk.dailyDrawdown.thresholdBps / 10_000 - (dayStart - equity) / dayStart : 0;
  }
  if (risk.seasonDrawdown) {
    const peak = fixedToNumber(account.highWaterMark);
    budget.seasonDrawdownLeft = peak > 0 ? risk.seasonDrawdown.thresholdBps / 10_000 - (peak - equity) / peak : 0;
  }
  if (risk.hardStop) {
    budget.hardStopDistance = fixedToNumber(
      account.equity - account.startingCapital - decimal(risk.hardStop.minCumulativePnl),
    );
  }
  if (risk.valueAtRisk && valueAtRisk !== undefined)
    budget.valueAtRiskHeadroom = fixedToNumber(decimal(risk.valueAtRisk.limit)) - valueAtRisk;
  return budget;
}
