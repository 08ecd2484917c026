import { type BrokerConfig, createBrokerConfig } from "../broker/brokerConfig.ts";
import { createMarketTape, type MarketTape } from "../broker/marketTape.ts";
import { type Account, createAccount } from "../domain/account.ts";
import type { Dataset } from "../market/dataset.ts";
import { type Fixed, parseFixed } from "../money/fixed.ts";
import { createDailyDrawdownRule } from "../risk/dailyDrawdown.ts";
import { createHardStopRule } from "../risk/hardStop.ts";
import { createLeverageLimitRule } from "../risk/leverageLimit.ts";
import { createMarketAccessRule } from "../risk/marketAccess.ts";
import { createMaxPositionSizeRule } from "../risk/maxPositionSize.ts";
import { createMinPositionSizeRule } from "../risk/minPositionSize.ts";
import { createPositionCapRule } from "../risk/positionCap.ts";
import { createRiskEngine, type RiskEngine } from "../risk/riskEngine.ts";
import type { RiskRule } from "../risk/riskRule.ts";
import { createSeasonDrawdownRule } from "../risk/seasonDrawdown.ts";
import { createStopLossRule } from "../risk/stopLoss.ts";
import { createValueAtRiskRule } from "../risk/valueAtRisk.ts";
import type { SeasonRules } from "./seasonRules.ts";
import { SeasonRulesError, type SeasonRulesIssue } from "./seasonRulesError.ts";
import { utcTimeSeconds, validateSeasonRules } from "./validateSeasonRules.ts";

/** A season ready to run: validated rules bound to a dataset, the broker, the risk rules and engine. */
export type CompiledSeason = {
  /** The validated, normalized rules (what rulesHash commits). */
  rules: SeasonRules;
  /** The dataset restricted to the season's symbols. */
  dataset: Dataset;
  tape: MarketTape;
  broker: BrokerConfig;
  /** Order checks first (market access, leverage, caps, stop-loss), then mark triggers by severity. */
  riskRules: readonly RiskRule[];
  riskEngine: RiskEngine;
  startingCapital: Fixed;
  /** A fresh account with the season's starting capital. */
  createAccount(entrantId: string): Account;
};

export type CompileSeasonRulesParameters = { rules: unknown; dataset: Dataset };
export type CompileSeasonRulesReturnType = CompiledSeason;
export type CompileSeasonRulesErrorType = SeasonRulesError;

const fixed = (text: string) => parseFixed(text) as Fixed; // validated decimal text

/**
 * Validates a ruleset, checks it against the dataset (frequency, symbols; every problem at once)
 * and builds the season's broker, risk rules and risk engine.
 */
export function compileSeasonRules({
  rules: input,
  dataset,
}: CompileSeasonRulesParameters): CompileSeasonRulesReturnType {
  const rules = validateSeasonRules(input);
  const issues: SeasonRulesIssue[] = [];
  if (rules.frequency !== dataset.frequency)
    issues.push({
      path: "frequency",
      message: `is "${rules.frequency}" but dataset "${dataset.id}" has "${dataset.frequency}" bars`,
    });
  const available = new Set(dataset.assets.map((asset) => asset.symbol));
  const traded = rules.markets.symbols ?? [...available];
  for (const list of ["symbols", "allowed", "blocked"] as const) {
    for (const symbol of rules.markets[list] ?? []) {
      if (!available.has(symbol))
        issues.push({
          path: `markets.${list}`,
          message: `${symbol} is not in dataset "${dataset.id}" (${[...available].join(", ")})`,
        });
    }
  }
  if (issues.length > 0)
    throw new SeasonRulesError(issues, `Season rules "${rules.id}" do not fit dataset "${dataset.id}"`);

  const tradedSet = new Set(traded);
  const seasonDataset: Dataset =
    rules.markets.symbols === undefined
      ? dataset
      : {
          ...dataset,
          assets: dataset.assets.filter((asset) => tradedSet.has(asset.symbol)),
          bars: Object.fromEntries(Object.entries(dataset.bars).filter(([symbol]) => tradedSet.has(symbol))),
        };
  const broker = createBrokerConfig(rules.execution);
  const tape = createMarketTape(seasonDataset, broker.fillPrice);
  const risk = rules.risk;

  const riskRules: RiskRule[] = [];
  if (rules.markets.allowed !== undefined || rules.markets.blocked !== undefined)
    riskRules.push(
      createMarketAccessRule({
        allowed: rules.markets.allowed,
        blocked: rules.markets.blocked,
        onBreach: rules.markets.onBreach,
      }),
    );
  if (risk.leverage) riskRules.push(createLeverageLimitRule(risk.leverage));
  if (risk.positionCap) riskRules.push(createPositionCapRule(risk.positionCap));
  if (risk.maxPositionSize)
    riskRules.push(createMaxPositionSizeRule({ maxNotional: fixed(risk.maxPositionSize.maxNotional) }));
  if (risk.minPositionSize)
    riskRules.push(createMinPositionSizeRule({ minNotional: fixed(risk.minPositionSize.minNotional) }));
  if (risk.stopLoss) riskRules.push(createStopLossRule(risk.stopLoss));
  // Mark triggers, most severe first: once an entrant is out, the milder rules no longer apply.
  if (risk.hardStop) riskRules.push(createHardStopRule({ minCumulativePnl: fixed(risk.hardStop.minCumulativePnl) }));
  if (risk.seasonDrawdown) riskRules.push(createSeasonDrawdownRule(risk.seasonDrawdown));
  if (risk.valueAtRisk) {
    const { limit, confidenceBps, windowDays, minObservations, checkTimeUtc } = risk.valueAtRisk;
    riskRules.push(
      createValueAtRiskRule({
        limit: fixed(limit),
        confidenceBps,
        windowDays,
        minObservations,
        checkSecondsUtc: utcTimeSeconds(checkTimeUtc),
        tape,
      }),
    );
  }
  if (risk.dailyDrawdown) riskRules.push(createDailyDrawdownRule(risk.dailyDrawdown));

  const startingCapital = fixed(rules.startingCapital);
  const assetCount = tape.universe.assets.length;
  return {
    rules,
    dataset: seasonDataset,
    tape,
    broker,
    riskRules,
    riskEngine: createRiskEngine({ tape, broker, rules: riskRules }),
    startingCapital,
    createAccount: (entrantId) => createAccount({ entrantId, startingCapital, assetCount }),
  };
}
