import type { CompiledSeason } from "../config/compileSeasonRules.ts";
import type { AssetClass } from "../market/assetClass.ts";
import type { Bar } from "../market/bar.ts";
import type { Fixed } from "../money/fixed.ts";
import { closeIndicators, closeReturns, ObservationRoundError, visibleBars } from "./buildRoundObservation.ts";
import type { AssetIndicators, AssetObservation } from "./roundObservation.ts";
import { CARRIED_CLOSES, seriesCloses } from "./visibleCloses.ts";

/**
 * `observeAssets` for the season loop: the same assets, whose bars, returns and indicators are built
 * on first read (then frozen and kept). Built-in bots read only the symbols, prices and visible closes
 * of a round, so most rounds never build them: a frozen returns array alone costs a boxed number per
 * bar. They are own enumerable getters of plain objects: spreads, JSON, canonical JSON and equality
 * read them like fields.
 */
export function observeAssetsLazily(season: CompiledSeason, round: number, lookback = 50): AssetObservation[] {
  const { tape } = season;
  const marketRound = tape.rounds[round];
  if (marketRound === undefined) throw new ObservationRoundError(round, tape.rounds.length);
  const [first, last] = visibleBars(season, round, lookback);
  const assets: AssetObservation[] = [];
  for (const asset of tape.universe.assets) {
    const series = season.dataset.bars[asset.symbol] ?? [];
    assets.push(
      lazyAsset(
        asset.symbol,
        asset.assetClass,
        season.dataset.assets[asset.index]?.name ?? asset.symbol,
        marketRound.orderPrices[asset.index] as Fixed,
        last < 0 ? undefined : series,
        first,
        last + 1,
        last < 0 ? [] : seriesCloses(series).slice(first, last + 1),
      ),
    );
  }
  return assets;
}

type LazyParts = {
  series: readonly Bar[] | undefined;
  first: number;
  end: number;
  closes: readonly number[];
  bars: Bar[] | undefined;
  returns: number[] | undefined;
  indicators: AssetIndicators | undefined;
};

// The parts sit under the key visibleCloses reads (their `closes` are the visible closes).
type LazyAsset = AssetObservation & { readonly [CARRIED_CLOSES]: LazyParts };

const returnsOf = (parts: LazyParts): number[] => {
  parts.returns ??= Object.freeze(closeReturns(parts.closes)) as number[];
  return parts.returns;
};

// One getter function per field for every asset: the objects share one hidden class (fast properties).
const barsGetter: PropertyDescriptor = {
  get(this: LazyAsset): Bar[] {
    const parts = this[CARRIED_CLOSES];
    parts.bars ??= Object.freeze(parts.series === undefined ? [] : parts.series.slice(parts.first, parts.end)) as Bar[];
    return parts.bars;
  },
  enumerable: true,
};
const returnsGetter: PropertyDescriptor = {
  get(this: LazyAsset): number[] {
    return returnsOf(this[CARRIED_CLOSES]);
  },
  enumerable: true,
};
const indicatorsGetter: PropertyDescriptor = {
  get(this: LazyAsset): AssetIndicators {
    const parts = this[CARRIED_CLOSES];
    parts.indicators ??= Object.freeze(closeIndicators(parts.closes, returnsOf(parts)));
    return parts.indicators;
  },
  enumerable: true,
};

/**
 * An asset observation whose bars (`series` from `first` to before `end`), returns and indicators are
 * built when first read: own enumerable getters of a plain object, in the fields' order.
 */
function lazyAsset(
  symbol: string,
  assetClass: AssetClass,
  name: string,
  price: Fixed,
  series: readonly Bar[] | undefined,
  first: number,
  end: number,
  closes: readonly number[],
): AssetObservation {
  const asset = { symbol, assetClass, name, price } as AssetObservation;
  const parts: LazyParts = { series, first, end, closes, bars: undefined, returns: undefined, indicators: undefined };
  Object.defineProperty(asset, CARRIED_CLOSES, { value: parts });
  Object.defineProperty(asset, "bars", barsGetter);
  Object.defineProperty(asset, "returns", returnsGetter);
  Object.defineProperty(asset, "indicators", indicatorsGetter);
  return asset;
}
