import { PodiumError } from "../errors/podiumError.ts";
import { drawdownSeries } from "./drawdownSeries.ts";
import { riskFreePerPeriod } from "./riskFreePerPeriod.ts";
import { type SampleMoments, sampleMoments } from "./sampleStatistics.ts";
import { simpleReturns } from "./simpleReturns.ts";

/** A closed position (a round trip), for win rate and profit factor. */
export type ClosedTrade = {
  /** Realized P&L of the round trip after fees, in quote currency (float: statistics only). */
  pnl: number;
};

/**
 * What the engine hands the metrics module for one entrant. Plain numbers only, so metrics never
 * depend on broker or risk internals: convert fixed-point money with `fixedToNumber` first.
 */
export type PerformanceInput = {
  /**
   * Equity (cash + marked positions, quote currency) at each mark; the first is the starting equity
   * before round one. Period returns are simple returns of consecutive marks. Every mark but the
   * last must be positive: an entrant at zero or below is bust and its series ends there.
   */
  equity: readonly number[];
  /** Marks per year, the annualization factor: 252 (trading days), 365 (daily crypto), 8760 (hourly). */
  periodsPerYear: number;
  /** The season's annual risk-free rate as a decimal (0.05 = 5%); converted to a per-period rate. */
  riskFreeRatePerYear: number;
  /** Closed round trips in the order they closed. */
  closedTrades: readonly ClosedTrade[];
  /** Number of executed (FILLED) orders: the leaderboards' "number of trades executed". */
  fillCount: number;
  /** Gross exposure (sum of |position notional| / equity) sampled at each mark. May be empty. */
  exposure: readonly number[];
  /** Sum of |fill notional| per market over the season (opens and closes), quote currency. */
  tradedNotionalByMarket: Readonly<Record<string, number>>;
  /**
   * Marks per sub-period of the consistency score. Default: a week of marks,
   * `max(1, round(periodsPerYear / 52))` (5 trading days, 7 crypto days, 168 hours).
   */
  subPeriodLength?: number;
};

/**
 * A validated input with the derived series and statistics several metrics share, computed once.
 * The metrics that read a shared value take it as an optional parameter and derive it themselves
 * when it is absent, with the same operations in the same order (bit-identical results).
 */
export type PreparedPerformance = Readonly<Omit<PerformanceInput, "subPeriodLength">> & {
  /** returns[i] = equity[i + 1] / equity[i] - 1. */
  readonly returns: readonly number[];
  /** (1 + riskFreeRatePerYear)^(1 / periodsPerYear) - 1. */
  readonly riskFreePerPeriod: number;
  readonly subPeriodLength: number;
  /** Mean and sample standard deviation of `returns` (annual volatility). */
  readonly returnMoments: SampleMoments;
  /** Mean and sample standard deviation of `returns - riskFreePerPeriod` (Sharpe, Sortino). */
  readonly excessReturnMoments: SampleMoments;
  /** `drawdownSeries(equity)` (max drawdown, average drawdown, Calmar). */
  readonly drawdowns: readonly number[];
};

export type InvalidPerformanceInputErrorType = InvalidPerformanceInputError;

export class InvalidPerformanceInputError extends PodiumError {
  override name = "InvalidPerformanceInputError";
  /** Every problem found, not just the first. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid performance input: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, {
      details: problems.join("; "),
      hint: "Pass equity marks (positive, finite, first = starting equity), periodsPerYear > 0, a finite risk-free rate above -100%, finite trade P&Ls, and non-negative counts, exposures and notionals.",
    });
    this.problems = problems;
  }
}

export type PreparePerformanceParameters = PerformanceInput;
export type PreparePerformanceReturnType = PreparedPerformance;
export type PreparePerformanceErrorType = InvalidPerformanceInputError;

/** Validates an input (reporting every problem at once) and derives returns and the per-period risk-free rate. */
export function preparePerformance(input: PreparePerformanceParameters): PreparePerformanceReturnType {
  const problems = findPerformanceInputProblems(input);
  if (problems.length > 0) throw new InvalidPerformanceInputError(problems);
  const returns = simpleReturns(input.equity);
  const riskFree = riskFreePerPeriod(input.riskFreeRatePerYear, input.periodsPerYear);
  const returnMoments = sampleMoments(returns, 0);
  return {
    equity: input.equity,
    periodsPerYear: input.periodsPerYear,
    riskFreeRatePerYear: input.riskFreeRatePerYear,
    closedTrades: input.closedTrades,
    fillCount: input.fillCount,
    exposure: input.exposure,
    tradedNotionalByMarket: input.tradedNotionalByMarket,
    returns,
    riskFreePerPeriod: riskFree,
    subPeriodLength: input.subPeriodLength ?? Math.max(1, Math.round(input.periodsPerYear / 52)),
    returnMoments,
    // r - 0 is r, so with no risk-free rate they are the returns' moments (r - (-0) is not: -0 becomes 0).
    excessReturnMoments: Object.is(riskFree, 0) ? returnMoments : sampleMoments(returns, riskFree),
    drawdowns: drawdownSeries(input.equity),
  };
}

function findPerformanceInputProblems(input: PerformanceInput): string[] {
  const problems: string[] = [];
  if (input.equity.length === 0) problems.push("equity is empty: it needs at least the starting equity");
  // Indexed loops: these run over every mark of every entrant at settlement.
  const { equity, exposure } = input;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i] as number;
    if (!Number.isFinite(value)) problems.push(`equity[${i}] is ${value}, not a finite number`);
    else if (value <= 0 && i < equity.length - 1)
      problems.push(`equity[${i}] is ${value}: only the last mark may be zero or below (the entrant is bust)`);
  }
  if (!(Number.isFinite(input.periodsPerYear) && input.periodsPerYear > 0))
    problems.push(`periodsPerYear is ${input.periodsPerYear}: use 252, 365, 8760 or another positive number`);
  if (!(Number.isFinite(input.riskFreeRatePerYear) && input.riskFreeRatePerYear > -1))
    problems.push(`riskFreeRatePerYear is ${input.riskFreeRatePerYear}: give a decimal above -1 (0.05 = 5%)`);
  input.closedTrades.forEach((trade, i) => {
    if (!Number.isFinite(trade.pnl)) problems.push(`closedTrades[${i}].pnl is ${trade.pnl}, not a finite number`);
  });
  if (!(Number.isInteger(input.fillCount) && input.fillCount >= 0))
    problems.push(`fillCount is ${input.fillCount}: it must be a non-negative integer`);
  for (let i = 0; i < exposure.length; i++) {
    const value = exposure[i] as number;
    if (!(Number.isFinite(value) && value >= 0))
      problems.push(`exposure[${i}] is ${value}: it must be finite and >= 0`);
  }
  for (const [market, notional] of Object.entries(input.tradedNotionalByMarket)) {
    if (!(Number.isFinite(notional) && notional >= 0))
      problems.push(`tradedNotionalByMarket.${market} is ${notional}: it must be finite and >= 0`);
  }
  const { subPeriodLength } = input;
  if (subPeriodLength !== undefined && !(Number.isInteger(subPeriodLength) && subPeriodLength >= 1))
    problems.push(`subPeriodLength is ${subPeriodLength}: it must be a positive integer number of marks`);
  return problems;
}
