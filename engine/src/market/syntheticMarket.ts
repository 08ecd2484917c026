import { PodiumError } from "../errors/podiumError.ts";
import { type Fixed, numberToFixed, parseFixed } from "../money/fixed.ts";
import { forkRandom, type SeededRandom } from "../random/seededRandom.ts";
import type { Asset, AssetClass } from "./assetClass.ts";
import { type Bar, type BarFrequency, barFrequencies, frequencySeconds } from "./bar.ts";
import { choleskyDecomposition } from "./choleskyDecomposition.ts";
import type { Dataset } from "./dataset.ts";
import { defaultCorrelation, defaultSyntheticParameters, type SyntheticParameters } from "./syntheticParameters.ts";
import { isTradingTime, nextTradingTime, type TradingCalendar, tradingCalendars } from "./tradingCalendar.ts";
import { defaultStartPrices } from "./universe.ts";

/** Names the model in every synthetic dataset's provenance. */
export const SYNTHETIC_GENERATOR =
  "podium-synthetic-v1: GARCH(1,1) diffusion + Merton jumps, Gaussian copula (Cholesky), Brownian-bridge OHLC";

/**
 * A seeded synthetic market, clearly labelled synthetic (provenance kind "synthetic", id prefixed
 * `synthetic-`), for offline demos, tests and benchmarks. Per asset i and bar t (dt = bar length in
 * years of 365 days):
 *   h_t = ω + α ε²_{t-1} + β h_{t-1},  ω = σ² dt (1 − α − β),  h_0 = σ² dt     (GARCH(1,1) variance)
 *   ε_t = √h_t · z_t,  z = L u,  u ~ N(0, I),  L Lᵀ = correlation              (correlated shocks)
 *   J_t = Σ_{n ≤ N_t} Y_n,  N_t ~ Poisson(λ dt),  Y_n ~ N(μ_J, σ_J²)           (Merton jumps)
 *   r_t = (μ − λ κ) dt − h_t / 2 + ε_t + J_t,  κ = exp(μ_J + σ_J²/2) − 1       (log return)
 * so E[P_{t+1} / P_t] = exp(μ dt): drift is the expected growth, jumps are compensated, and the
 * diffusion's long-run annual volatility is σ. Open is the previous close; high and low are the
 * extremes of a Brownian bridge of `intrabarSteps` steps from open to close with the bar's variance,
 * the jump (if any) landing at a random step. Volume = dailyNotional × bar/day ÷ close × a
 * lognormal factor × (0.5 + 0.5 |shock| / typical shock).
 * Randomness: stream `synthetic:<symbol>` draws u, the Poisson count and jump sizes;
 * `synthetic:<symbol>:intrabar` draws the bridge, jump step and volume. Since L is lower-triangular,
 * adding an asset at the end of the list leaves the paths of the others unchanged.
 * Prices are computed in floats (allowed for generated data) and rounded to fixed-point once per
 * bar; the results are identical on every machine running V8, whose Math.exp/log/sqrt/cos are
 * its own deterministic implementations (the golden hash test guards this).
 */
export type GenerateSyntheticMarketParameters = {
  seed: string;
  assets: readonly Asset[];
  frequency: BarFrequency;
  /** Unix seconds of the first bar's open: on a frequency boundary and a trading time of the calendar. */
  start: number;
  /** Bars per asset. */
  bars: number;
  /** Which times get bars; default "24/7". Closed time carries no variance. */
  calendar?: TradingCalendar;
  /** Default `synthetic-<seed>-<frequency>-<bars>`; `synthetic-` is prepended when missing. */
  id?: string;
  classParameters?: Partial<Record<AssetClass, Partial<SyntheticParameters>>>;
  /** Per symbol, overriding the class parameters. */
  assetParameters?: Readonly<Record<string, Partial<SyntheticParameters>>>;
  /** Decimal strings per symbol; default `defaultStartPrices`, else 100. */
  startPrices?: Readonly<Record<string, string>>;
  /** Correlation matrix in asset order; default `defaultCorrelation(assets)`. */
  correlation?: readonly (readonly number[])[];
  /** Steps of the intra-bar path that sets high and low; default 16. */
  intrabarSteps?: number;
};

export type SyntheticMarketErrorType = SyntheticMarketError;

export class SyntheticMarketError extends PodiumError {
  override name = "SyntheticMarketError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid synthetic market parameters: ${problems.length} problem(s).`, {
      details: problems.map((p) => `\n- ${p}`).join(""),
      hint: "Volatility and jump sizes are annual fractions (0.6 = 60%); garchAlpha + garchBeta must stay below 1; a correlation matrix must be symmetric with unit diagonal and positive definite.",
    });
    this.problems = problems;
  }
}

type AssetModel = {
  symbol: string;
  p: SyntheticParameters;
  startPrice: Fixed;
  random: SeededRandom;
  intrabar: SeededRandom;
};

export function generateSyntheticMarket(parameters: GenerateSyntheticMarketParameters): Dataset {
  const { seed, assets, frequency, start } = parameters;
  const count = parameters.bars;
  const calendar = parameters.calendar ?? "24/7";
  const steps = parameters.intrabarSteps ?? 16;
  const problems: string[] = [];
  if (seed === "") problems.push("seed is empty");
  if (assets.length === 0) problems.push("there are no assets");
  if (!barFrequencies.includes(frequency))
    problems.push(`frequency "${frequency}" is not one of ${barFrequencies.join(", ")}`);
  if (!tradingCalendars.includes(calendar))
    problems.push(`calendar "${calendar}" is not one of ${tradingCalendars.join(", ")}`);
  else if (calendar === "nyse" && frequency !== "1d") problems.push('calendar "nyse" needs daily bars');
  if (!Number.isSafeInteger(count) || count < 1) problems.push(`bars ${count} is not a positive integer`);
  if (!Number.isInteger(steps) || steps < 1 || steps > 1024)
    problems.push(`intrabarSteps ${steps} is not an integer from 1 to 1024`);
  const step = frequencySeconds[frequency] ?? 0;
  if (!Number.isSafeInteger(start) || (step > 0 && start % step !== 0)) {
    problems.push(`start ${start} is not unix seconds on a ${frequency} boundary`);
  } else if (tradingCalendars.includes(calendar) && problems.length === 0 && !isTradingTime(calendar, start)) {
    problems.push(`start ${start} is a closed time in the ${calendar} calendar`);
  }
  const seen = new Set<string>();
  const models: AssetModel[] = [];
  for (const asset of assets) {
    if (seen.has(asset.symbol)) problems.push(`symbol ${asset.symbol} appears twice`);
    seen.add(asset.symbol);
    const classDefaults = defaultSyntheticParameters[asset.assetClass];
    if (classDefaults === undefined) {
      problems.push(`${asset.symbol} has unknown asset class "${asset.assetClass}"`);
      continue;
    }
    const p: SyntheticParameters = {
      ...classDefaults,
      ...parameters.classParameters?.[asset.assetClass],
      ...parameters.assetParameters?.[asset.symbol],
    };
    problems.push(...checkParameters(asset.symbol, p));
    const priceText = parameters.startPrices?.[asset.symbol] ?? defaultStartPrices[asset.symbol] ?? "100";
    const startPrice = parseFixed(priceText);
    if (startPrice === undefined || startPrice <= 0n)
      problems.push(`${asset.symbol} start price "${priceText}" is not a positive decimal`);
    models.push({
      symbol: asset.symbol,
      p,
      startPrice: startPrice ?? 1n,
      random: forkRandom(seed, `synthetic:${asset.symbol}`),
      intrabar: forkRandom(seed, `synthetic:${asset.symbol}:intrabar`),
    });
  }
  const correlation = parameters.correlation ?? defaultCorrelation(assets);
  problems.push(...checkCorrelation(correlation, assets.length));
  const lower = problems.length === 0 ? choleskyDecomposition(correlation) : undefined;
  if (problems.length === 0 && lower === undefined) problems.push("the correlation matrix is not positive definite");
  if (problems.length > 0 || lower === undefined) throw new SyntheticMarketError(problems);

  const times: number[] = [start];
  while (times.length < count) times.push(nextTradingTime(calendar, times[times.length - 1] as number, step));

  const n = models.length;
  const dt = step / (365 * 86_400);
  const barsOf: Bar[][] = models.map(() => []);
  const variance = models.map((m) => m.p.volatility ** 2 * dt); // h_t, starts at the long-run level
  const lastShock = new Array<number>(n).fill(0); // ε_{t-1}
  const logPrice = models.map((m) => Math.log(Number(m.startPrice) / 1e8));
  const lastClose = models.map((m) => m.startPrice);
  const u = new Array<number>(n).fill(0);
  const path = new Array<number>(steps + 1).fill(0);

  for (let t = 0; t < count; t++) {
    for (let i = 0; i < n; i++) u[i] = (models[i] as AssetModel).random.nextGaussian();
    for (let i = 0; i < n; i++) {
      const m = models[i] as AssetModel;
      const { p } = m;
      const longRun = p.volatility ** 2 * dt;
      if (t > 0) {
        variance[i] =
          longRun * (1 - p.garchAlpha - p.garchBeta) +
          p.garchAlpha * (lastShock[i] as number) ** 2 +
          p.garchBeta * (variance[i] as number);
      }
      const h = variance[i] as number;
      const row = lower[i] as number[];
      let z = 0;
      for (let j = 0; j <= i; j++) z += (row[j] as number) * (u[j] as number);
      const shock = Math.sqrt(h) * z;
      lastShock[i] = shock;

      const lambdaDt = p.jumpsPerYear * dt;
      const jumps = lambdaDt > 0 ? poisson(m.random, lambdaDt) : 0;
      let jump = 0;
      for (let k = 0; k < jumps; k++) jump += p.jumpMean + p.jumpStdDev * m.random.nextGaussian();
      const kappa = Math.exp(p.jumpMean + p.jumpStdDev ** 2 / 2) - 1;
      const diffusive = (p.drift - p.jumpsPerYear * kappa) * dt - h / 2 + shock;
      const logReturn = diffusive + jump;

      // Intra-bar path: Brownian bridge from 0 to the diffusive move, plus the jump from a random step.
      const subSd = Math.sqrt(h / steps);
      let w = 0;
      for (let k = 1; k <= steps; k++) {
        w += subSd * m.intrabar.nextGaussian();
        path[k] = w;
      }
      const jumpStep = jumps > 0 ? 1 + m.intrabar.nextInt(steps) : steps + 1;
      let highMove = 0;
      let lowMove = 0;
      for (let k = 1; k <= steps; k++) {
        const x = (path[k] as number) + (k / steps) * (diffusive - w) + (k >= jumpStep ? jump : 0);
        if (x > highMove) highMove = x;
        if (x < lowMove) lowMove = x;
      }
      const volumeNoise = Math.exp(0.4 * m.intrabar.nextGaussian() - 0.08);

      const openLog = logPrice[i] as number;
      const closeLog = openLog + logReturn;
      logPrice[i] = closeLog;
      const open = lastClose[i] as Fixed;
      const close = toPrice(Math.exp(closeLog));
      const high = maxOf(toPrice(Math.exp(openLog + highMove)), open, close);
      const low = minOf(toPrice(Math.exp(openLog + lowMove)), open, close);
      const typical = Math.sqrt(longRun) || 1;
      const notional = (p.dailyNotional * step) / 86_400;
      const volumeFloat =
        (notional / Math.exp(closeLog)) * volumeNoise * (0.5 + (0.5 * Math.abs(shock + jump)) / typical);
      const volume = numberToFixed(Math.min(volumeFloat, 1e10));
      (barsOf[i] as Bar[]).push({
        time: times[t] as number,
        open,
        high,
        low,
        close,
        volume: volume > 0n ? volume : 1n,
      });
      lastClose[i] = close;
    }
  }

  const bars: Record<string, Bar[]> = {};
  models.forEach((m, i) => {
    bars[m.symbol] = barsOf[i] as Bar[];
  });
  const baseId = parameters.id ?? `${seed}-${frequency}-${count}`;
  return {
    id: baseId.startsWith("synthetic-") ? baseId : `synthetic-${baseId}`,
    frequency,
    assets: assets.map((a) => ({ ...a })),
    times,
    bars,
    provenance: { kind: "synthetic", generator: SYNTHETIC_GENERATOR, seed },
  };
}

/** Knuth's method: fine for the small means of per-bar jump counts. */
function poisson(random: SeededRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random.nextFloat();
  while (product > limit) {
    k++;
    product *= random.nextFloat();
  }
  return k;
}

/** Rounds a float price to fixed-point, never below one unit (1e-8). */
function toPrice(value: number): Fixed {
  const fixed = numberToFixed(Math.min(value, 1e12));
  return fixed > 0n ? fixed : 1n;
}

const maxOf = (a: Fixed, b: Fixed, c: Fixed) => (a > b ? (a > c ? a : c) : b > c ? b : c);
const minOf = (a: Fixed, b: Fixed, c: Fixed) => (a < b ? (a < c ? a : c) : b < c ? b : c);

function checkParameters(symbol: string, p: SyntheticParameters): string[] {
  const problems: string[] = [];
  const finite = Object.entries(p).filter(([, v]) => typeof v !== "number" || !Number.isFinite(v));
  for (const [key, value] of finite) problems.push(`${symbol} ${key} ${String(value)} is not a finite number`);
  if (finite.length > 0) return problems;
  if (p.volatility <= 0) problems.push(`${symbol} volatility ${p.volatility} must be positive`);
  if (p.garchAlpha < 0 || p.garchBeta < 0) problems.push(`${symbol} garchAlpha and garchBeta must be non-negative`);
  if (p.garchAlpha + p.garchBeta >= 1) {
    problems.push(
      `${symbol} garchAlpha + garchBeta = ${p.garchAlpha + p.garchBeta} must be below 1 (stationary variance)`,
    );
  }
  if (p.jumpsPerYear < 0) problems.push(`${symbol} jumpsPerYear ${p.jumpsPerYear} must be non-negative`);
  if (p.jumpStdDev < 0) problems.push(`${symbol} jumpStdDev ${p.jumpStdDev} must be non-negative`);
  if (p.dailyNotional <= 0) problems.push(`${symbol} dailyNotional ${p.dailyNotional} must be positive`);
  return problems;
}

function checkCorrelation(matrix: readonly (readonly number[])[], n: number): string[] {
  if (matrix.length !== n || matrix.some((row) => row.length !== n))
    return [`the correlation matrix must be ${n}x${n}, one row and column per asset`];
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = matrix[i]?.[j] as number;
      if (!Number.isFinite(value) || value < -1 || value > 1)
        problems.push(`correlation[${i}][${j}] ${value} is not in [-1, 1]`);
      else if (i === j && value !== 1) problems.push(`correlation[${i}][${i}] is ${value}, not 1`);
      else if (j > i && value !== matrix[j]?.[i])
        problems.push(`correlation[${i}][${j}] differs from correlation[${j}][${i}]`);
    }
  }
  return problems;
}
