import { createUniverse, type Universe } from "../domain/universe.ts";
import { PodiumError } from "../errors/podiumError.ts";
import { type Bar, frequencySeconds } from "../market/bar.ts";
import type { Dataset } from "../market/dataset.ts";
import type { Fixed } from "../money/fixed.ts";
import type { FillPriceSource } from "./brokerConfig.ts";

export const SECONDS_PER_DAY = 86_400;

/** One round of the season as every account sees it: built once, shared by all accounts. */
export type MarketRound = {
  index: number;
  /** Unix seconds of the bars' open. A round belongs to the UTC day of this time. */
  time: number;
  /** UTC day number: floor(time / 86,400). */
  day: number;
  /** The round's bar of each asset, by asset index. */
  bars: readonly Bar[];
  /** The price market orders fill at before slippage, by asset index (bar open or close). */
  orderPrices: readonly Fixed[];
  /** The mark price of each asset: the bar's close. */
  closes: readonly Fixed[];
};

/** A dataset laid out for the broker: per-round price arrays indexed like the universe. */
export type MarketTape = {
  universe: Universe;
  /** Seconds per bar (3,600 or 86,400). */
  barSeconds: number;
  rounds: readonly MarketRound[];
  /**
   * Unix seconds of 00:00 UTC of the first day after round `index`'s day that has a round (the next
   * trading day), or undefined when the dataset ends first.
   */
  nextTradingDayStart(index: number): number | undefined;
};

export type EmptyDatasetErrorType = EmptyDatasetError;

export class EmptyDatasetError extends PodiumError {
  override name = "EmptyDatasetError";
  constructor(datasetId: string, problem: string) {
    super(`Dataset "${datasetId}" cannot be traded: ${problem}.`, {
      hint: "Load the dataset with the market loaders, which give every asset one bar per timeline entry.",
    });
  }
}

export function createMarketTape(dataset: Dataset, fillPrice: FillPriceSource): MarketTape {
  if (dataset.times.length === 0 || dataset.assets.length === 0)
    throw new EmptyDatasetError(dataset.id, "it has no rounds or no assets");
  const universe = createUniverse(dataset.assets);
  const series = universe.assets.map((asset) => {
    const bars = dataset.bars[asset.symbol];
    if (bars === undefined || bars.length !== dataset.times.length)
      throw new EmptyDatasetError(
        dataset.id,
        `asset ${asset.symbol} lacks bars for some of its ${dataset.times.length} times`,
      );
    return bars;
  });
  const rounds = dataset.times.map((time, index): MarketRound => {
    const bars = series.map((bars) => bars[index] as Bar);
    const closes = bars.map((bar) => bar.close);
    return {
      index,
      time,
      day: Math.floor(time / SECONDS_PER_DAY),
      bars,
      orderPrices: fillPrice === "open" ? bars.map((bar) => bar.open) : closes,
      closes,
    };
  });
  const nextDayStart: (number | undefined)[] = new Array(rounds.length).fill(undefined);
  // Walking backwards, `laterDay` is the day of the round after i; when round i's day differs,
  // that later day is the next trading day of every round of i's day.
  let laterDay: number | undefined;
  let laterDayStart: number | undefined;
  for (let i = rounds.length - 1; i >= 0; i--) {
    const day = (rounds[i] as MarketRound).day;
    if (laterDay !== undefined && laterDay !== day) laterDayStart = laterDay * SECONDS_PER_DAY;
    laterDay = day;
    nextDayStart[i] = laterDayStart;
  }
  return {
    universe,
    barSeconds: frequencySeconds[dataset.frequency],
    rounds,
    nextTradingDayStart: (index) => nextDayStart[index],
  };
}
