import { observeAssets, summarizeRules } from "../agents/buildRoundObservation.ts";
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
import { positionUnrealizedPnl } from "../domain/position.ts";
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
    const assets = observeAssets(season, index, lookback);
    for (const asset of assets) {
      Object.freeze(asset.bars);
      Object.freeze(asset.returns);
      Object.freeze(asset.indicators);
      Object.freeze(asset);
    }
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

  const portfolio = (account: Account): PortfolioObservation => {
    let positions = noPositions;
    if (account.openPositionCount > 0) {
      positions = [];
      for (const position of account.positions) {
        if (position === undefined) continue;
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
        positions.push(observed);
      }
    }
    return {
      cash: account.cash,
      equity: account.equity,
      startingCapital: account.startingCapital,
      status: account.status,
      positions,
    };
  };

  const lazy = { riskBudget, portfolio };
  let transient: SeasonObservation | undefined;
  return {
    observe(account, index) {
      const { rules, assets } = sharedRound(index);
      const round = season.tape.rounds[index];
      return new SeasonObservation(index, round?.time ?? 0, round?.day ?? 0, rules, assets, account, lazy);
    },
    observeTransient(account, index) {
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
};

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
