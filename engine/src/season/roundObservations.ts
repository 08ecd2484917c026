import { summarizeRules } from "../agents/buildRoundObservation.ts";
import { observeAssetsLazily } from "../agents/observeAssetsLazily.ts";
import type {
  AssetObservation,
  PortfolioObservation,
  PositionObservation,
  RiskBudget,
  RoundObservation,
  RulesSummary,
} from "../agents/roundObservation.ts";
import type { CompiledSeason } from "../config/compileSeasonRules.ts";
import type { Account } from "../domain/account.ts";
import type { EntrantStatus } from "../domain/entrantStatus.ts";
import { type Position, positionUnrealizedPnl } from "../domain/position.ts";
import { type Fixed, fixedToNumber, parseFixed } from "../money/fixed.ts";

export type RoundObservations = {
  /**
   * What `account` is told at round `index`: the value `buildRoundObservation` gives. The market part
   * (rules summary, assets, bars, indicators) is built once per round and shared, frozen, by every
   * entrant; the portfolio and the risk budget are built when first read (a built-in bot reads them
   * only when it acts), from the account as it stands in the decision phase.
   */
  observe(account: Account, index: number): RoundObservation;
  /**
   * The same observation in one object that every call resets and returns again: for agents that
   * read their observation only while they decide and never keep it (`SeasonAgent.deterministic`).
   * Valid until the next call.
   */
  observeTransient(account: Account, index: number): RoundObservation;
  /**
   * Builds the parts not read yet, so that the observation keeps describing the decision time after
   * the round's orders change the account (for agents that may read it later).
   */
  seal(observation: RoundObservation): void;
};

export type CreateRoundObservationsParameters = {
  season: CompiledSeason;
  /** Bars shown per asset; default 50 (buildRoundObservation's default). */
  lookback?: number;
};

type SharedRound = { index: number; rules: RulesSummary; assets: AssetObservation[] };

const decimal = (text: string): Fixed => parseFixed(text) as Fixed; // validated by validateSeasonRules
const noPositions: PositionObservation[] = Object.freeze([]) as unknown as PositionObservation[];

/**
 * Observations for the season loop. What an agent may see follows the broker's fill price
 * (buildRoundObservation.ts): with "close" fills the round's own closed bar, with "open" fills only
 * the bars before the round, so no observation ever holds a price from after the decision time.
 */
export function createRoundObservations({
  season,
  lookback = 50,
}: CreateRoundObservationsParameters): RoundObservations {
  const { risk } = season.rules;
  const dailyThreshold = risk.dailyDrawdown ? risk.dailyDrawdown.thresholdBps / 10_000 : undefined;
  const seasonThreshold = risk.seasonDrawdown ? risk.seasonDrawdown.thresholdBps / 10_000 : undefined;
  const hardStop = risk.hardStop ? decimal(risk.hardStop.minCumulativePnl) : undefined;
  let shared: SharedRound | undefined;

  const sharedRound = (index: number): SharedRound => {
    if (shared?.index === index) return shared;
    // Frozen as they are: their lazily built parts freeze themselves when first read.
    const assets = observeAssetsLazily(season, index, lookback);
    for (const asset of assets) Object.freeze(asset);
    Object.freeze(assets);
    // The rules summary is the same every round: built once, shared by every round.
    const rules = shared?.rules ?? deepFreeze(summarizeRules(season));
    shared = { index, rules, assets };
    return shared;
  };

  /** buildRoundObservation's risk budget, from the account's last mark. */
  const riskBudget = (account: Account, day: number): RiskBudget => {
    const budget: RiskBudget = {};
    if (dailyThreshold === undefined && seasonThreshold === undefined && hardStop === undefined) return budget;
    const equity = fixedToNumber(account.equity);
    if (dailyThreshold !== undefined) {
      const dayStart = fixedToNumber(day !== account.day ? account.equity : account.dayStartEquity);
      budget.dailyDrawdownLeft = dayStart > 0 ? dailyThreshold - (dayStart - equity) / dayStart : 0;
    }
    if (seasonThreshold !== undefined) {
      const peak = fixedToNumber(account.highWaterMark);
      budget.seasonDrawdownLeft = peak > 0 ? seasonThreshold - (peak - equity) / peak : 0;
    }
    if (hardStop !== undefined)
      budget.hardStopDistance = fixedToNumber(account.equity - account.startingCapital - hardStop);
    return budget;
  };

  /** A position as `portfolio.positions` lists it. */
  const observePosition = (position: Position): PositionObservation => {
    const observed: PositionObservation = {
      symbol: position.symbol,
      side: position.quantity > 0n ? "long" : "short",
      quantity: position.quantity < 0n ? -position.quantity : position.quantity,
      entryPrice: position.averageEntryPrice,
      markPrice: position.markPrice,
      leverage: position.leverage,
      unrealizedPnl: positionUnrealizedPnl(position),
    };
    if (position.stopLoss !== undefined) observed.stopLoss = position.stopLoss;
    return observed;
  };

  const positions = (account: Account): PositionObservation[] => {
    if (account.openPositionCount === 0) return noPositions;
    const observed: PositionObservation[] = [];
    for (const position of account.positions) if (position !== undefined) observed.push(observePosition(position));
    return observed;
  };

  const portfolio = (account: Account): PortfolioObservation => ({
    cash: account.cash,
    equity: account.equity,
    startingCapital: account.startingCapital,
    status: account.status,
    positions: positions(account),
  });

  // Positions sit in the book by asset index: the symbol's index finds one without reading the others.
  const assetIndexOf = new Map(season.tape.universe.assets.map((asset, i) => [asset.symbol, i]));
  const position = (account: Account, symbol: string): PositionObservation | undefined => {
    const index = assetIndexOf.get(symbol);
    const held = index === undefined ? undefined : account.positions[index];
    if (held?.symbol === symbol) return observePosition(held);
    // Not where the universe puts it: the first of the book with that symbol, as a scan of `positions`.
    for (const other of account.positions) if (other?.symbol === symbol) return observePosition(other);
    return undefined;
  };

  const lazy = { riskBudget, portfolio, position };
  let transient: SeasonObservation | undefined;
  return {
    observe(account, index) {
      const { rules, assets } = sharedRound(index);
      const round = season.tape.rounds[index];
      return new SeasonObservation(index, round?.time ?? 0, round?.day ?? 0, rules, assets, account, lazy);
    },
    observeTransient(account, index) {
      // The round's other entrants: only the account changes.
      if (transient?.round === index) {
        transient.rebind(account);
        return transient;
      }
      const { rules, assets } = sharedRound(index);
      const round = season.tape.rounds[index];
      if (transient === undefined)
        transient = new SeasonObservation(index, round?.time ?? 0, round?.day ?? 0, rules, assets, account, lazy);
      else transient.reset(index, round?.time ?? 0, round?.day ?? 0, rules, assets, account);
      return transient;
    },
    seal(observation) {
      if (observation instanceof SeasonObservation) observation.seal();
    },
  };
}

type LazyParts = {
  riskBudget(account: Account, day: number): RiskBudget;
  portfolio(account: Account): PortfolioObservation;
  position(account: Account, symbol: string): PositionObservation | undefined;
};

/*
 * What the built-in bots read of the portfolio, through these three: a season observation whose
 * portfolio was not built reads them from the account (as the portfolio would say while the agent
 * decides), so a bot checking its status, sizing by equity and closing one position builds neither
 * the portfolio nor the other positions. Once built (and always once sealed), the portfolio's.
 */

/** `portfolio.status`. */
export function observedStatus(observation: RoundObservation): EntrantStatus {
  if (observation instanceof SeasonObservation) return observation.statusNow();
  return observation.portfolio.status;
}

/** `portfolio.equity`. */
export function observedEquity(observation: RoundObservation): Fixed {
  if (observation instanceof SeasonObservation) return observation.equityNow();
  return observation.portfolio.equity;
}

/** The position in `symbol` as `portfolio.positions` lists it (a season observation builds that one alone). */
export function observedPosition(observation: RoundObservation, symbol: string): PositionObservation | undefined {
  if (observation instanceof SeasonObservation) return observation.positionOf(symbol);
  for (const position of observation.portfolio.positions) if (position.symbol === symbol) return position;
  return undefined;
}

/**
 * A RoundObservation whose portfolio and risk budget are computed on first read (prototype getters:
 * no allocation until then). `toJSON` gives the plain object, so JSON.stringify sees every field.
 */
class SeasonObservation implements RoundObservation {
  // Not readonly to the class itself: observeTransient resets one object for every entrant and round.
  // Set by reset(), which the constructor calls.
  round!: number;
  time!: number;
  rules!: RulesSummary;
  assets!: AssetObservation[];
  #day!: number;
  #account!: Account;
  #lazy: LazyParts;
  #riskBudget: RiskBudget | undefined;
  #portfolio: PortfolioObservation | undefined;

  constructor(
    round: number,
    time: number,
    day: number,
    rules: RulesSummary,
    assets: AssetObservation[],
    account: Account,
    lazy: LazyParts,
  ) {
    this.#lazy = lazy;
    this.reset(round, time, day, rules, assets, account);
  }

  reset(round: number, time: number, day: number, rules: RulesSummary, assets: AssetObservation[], account: Account) {
    this.round = round;
    this.time = time;
    this.rules = rules;
    this.assets = assets;
    this.#day = day;
    this.#account = account;
    this.#riskBudget = undefined;
    this.#portfolio = undefined;
  }

  /** The same round for another account. */
  rebind(account: Account) {
    this.#account = account;
    this.#riskBudget = undefined;
    this.#portfolio = undefined;
  }

  get riskBudget(): RiskBudget {
    this.#riskBudget ??= this.#lazy.riskBudget(this.#account, this.#day);
    return this.#riskBudget;
  }

  get portfolio(): PortfolioObservation {
    this.#portfolio ??= this.#lazy.portfolio(this.#account);
    return this.#portfolio;
  }

  seal(): void {
    void this.riskBudget;
    void this.portfolio;
  }

  statusNow(): EntrantStatus {
    return this.#portfolio === undefined ? this.#account.status : this.#portfolio.status;
  }

  equityNow(): Fixed {
    return this.#portfolio === undefined ? this.#account.equity : this.#portfolio.equity;
  }

  positionOf(symbol: string): PositionObservation | undefined {
    if (this.#portfolio === undefined) return this.#lazy.position(this.#account, symbol);
    for (const position of this.#portfolio.positions) if (position.symbol === symbol) return position;
    return undefined;
  }

  toJSON(): RoundObservation {
    return {
      round: this.round,
      time: this.time,
      rules: this.rules,
      riskBudget: this.riskBudget,
      assets: this.assets,
      portfolio: this.portfolio,
    };
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === "object" && child !== null) deepFreeze(child);
  return Object.freeze(value);
}
