import type { Asset, AssetClass } from "./assetClass.ts";

/**
 * Parameters of the synthetic price model for one asset (see syntheticMarket.ts for the model).
 * Rates are annual; GARCH coefficients are per bar.
 */
export type SyntheticParameters = {
  /** Expected annual log-price growth before jumps' compensation, e.g. 0.07 for 7%. */
  drift: number;
  /** Annualized volatility of the diffusion (the GARCH long-run level), e.g. 0.6 for 60%. */
  volatility: number;
  /** GARCH(1,1) reaction to the last shock, per bar. */
  garchAlpha: number;
  /** GARCH(1,1) persistence of the variance, per bar; garchAlpha + garchBeta < 1. */
  garchBeta: number;
  /** Poisson intensity of jumps per year (Merton). */
  jumpsPerYear: number;
  /** Mean of a jump's log size, e.g. -0.01. */
  jumpMean: number;
  /** Standard deviation of a jump's log size. */
  jumpStdDev: number;
  /** Typical traded value per day in USD; bar volume is this over the price, scaled to the bar. */
  dailyNotional: number;
};

/**
 * Defaults per asset class, chosen to resemble each market's behaviour (orders of magnitude from
 * public market statistics, not fitted): crypto majors ~60% annual volatility with a dozen large
 * moves a year, other crypto wilder, EUR/USD ~8%, the S&P 500 ~17% with rare negative jumps, long
 * Treasuries ~15%, commodities ~25%. GARCH persistence alpha + beta of 0.96-0.98 per bar is
 * typical of fitted GARCH(1,1) models.
 */
export const defaultSyntheticParameters: Readonly<Record<AssetClass, SyntheticParameters>> = {
  "crypto-major": {
    drift: 0.15,
    volatility: 0.6,
    garchAlpha: 0.08,
    garchBeta: 0.9,
    jumpsPerYear: 12,
    jumpMean: -0.01,
    jumpStdDev: 0.05,
    dailyNotional: 2e9,
  },
  crypto: {
    drift: 0.1,
    volatility: 0.85,
    garchAlpha: 0.1,
    garchBeta: 0.88,
    jumpsPerYear: 18,
    jumpMean: -0.01,
    jumpStdDev: 0.08,
    dailyNotional: 2e8,
  },
  fx: {
    drift: 0,
    volatility: 0.08,
    garchAlpha: 0.04,
    garchBeta: 0.94,
    jumpsPerYear: 2,
    jumpMean: 0,
    jumpStdDev: 0.006,
    dailyNotional: 5e9,
  },
  "equity-etf": {
    drift: 0.07,
    volatility: 0.17,
    garchAlpha: 0.09,
    garchBeta: 0.89,
    jumpsPerYear: 4,
    jumpMean: -0.02,
    jumpStdDev: 0.03,
    dailyNotional: 3e10,
  },
  rates: {
    drift: 0.02,
    volatility: 0.15,
    garchAlpha: 0.06,
    garchBeta: 0.92,
    jumpsPerYear: 3,
    jumpMean: 0,
    jumpStdDev: 0.015,
    dailyNotional: 2e9,
  },
  commodity: {
    drift: 0.03,
    volatility: 0.25,
    garchAlpha: 0.07,
    garchBeta: 0.91,
    jumpsPerYear: 5,
    jumpMean: 0,
    jumpStdDev: 0.03,
    dailyNotional: 1e9,
  },
};

const pairKey = (a: AssetClass, b: AssetClass) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Correlation of daily returns between two classes (same value for two assets of one class). */
const classCorrelation: Readonly<Record<string, number>> = {
  [pairKey("crypto-major", "crypto-major")]: 0.8,
  [pairKey("crypto-major", "crypto")]: 0.7,
  [pairKey("crypto", "crypto")]: 0.6,
  [pairKey("crypto-major", "equity-etf")]: 0.3,
  [pairKey("crypto", "equity-etf")]: 0.25,
  [pairKey("equity-etf", "rates")]: -0.3,
  [pairKey("equity-etf", "commodity")]: 0.2,
  [pairKey("equity-etf", "fx")]: 0.15,
  [pairKey("rates", "commodity")]: 0.1,
  [pairKey("rates", "fx")]: 0.1,
  [pairKey("commodity", "commodity")]: 0.25,
  [pairKey("commodity", "fx")]: 0.2,
  [pairKey("fx", "fx")]: 0.5,
  [pairKey("equity-etf", "equity-etf")]: 0.85,
  [pairKey("rates", "rates")]: 0.9,
};

/**
 * The default correlation matrix of a list of assets, from their classes: crypto majors 0.8
 * among themselves, 0.7 with other crypto (0.6 among those), equity -0.3 with rates, and so on;
 * pairs not listed (crypto with FX, rates or commodities) are 0.1. Positive definite for the
 * default universes (tested).
 */
export function defaultCorrelation(assets: readonly Asset[]): number[][] {
  return assets.map((a, i) =>
    assets.map((b, j) => (i === j ? 1 : (classCorrelation[pairKey(a.assetClass, b.assetClass)] ?? 0.1))),
  );
}
