/**
 * Test support (not used by the engine): a risk engine over a hand-written dataset with chosen
 * rules and broker settings, and one account.
 */
import { type BrokerSettings, createBrokerConfig } from "../broker/brokerConfig.ts";
import { createMarketTape, type MarketRound, type MarketTape } from "../broker/marketTape.ts";
import { type TestDatasetParameters, testDataset } from "../broker/testDataset.ts";
import { type Account, createAccount } from "../domain/account.ts";
import type { Order } from "../domain/order.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import { FIXED_ONE, type Fixed } from "../money/fixed.ts";
import { createRiskEngine, type OrderOutcome, type RiskEngine } from "./riskEngine.ts";
import type { RiskRule } from "./riskRule.ts";

export type TestSeasonParameters = TestDatasetParameters & {
  broker?: Partial<BrokerSettings>;
  rules?: readonly RiskRule[] | ((tape: MarketTape) => readonly RiskRule[]);
  /** Whole dollars. Default 10,000. */
  startingCapital?: Fixed;
};

export type TestSeason = {
  tape: MarketTape;
  engine: RiskEngine;
  account: Account;
  records: RoundRecord[];
  round(index: number): MarketRound;
  /** Submits at round `index` (order fields default: clientOrderId "o", quantity in whole units). */
  order(index: number, order: Order): OrderOutcome;
  /** The round's mark; returns what markAccount returns (the equity in exact units after a quiet mark, else NaN). */
  mark(index: number): number;
};

export function testSeason(parameters: TestSeasonParameters): TestSeason {
  const dataset = testDataset(parameters);
  const broker = createBrokerConfig({
    fillPrice: "close",
    feeBps: 0,
    slippageBps: 0,
    stopOrders: true,
    ...parameters.broker,
  });
  const tape = createMarketTape(dataset, broker.fillPrice);
  const rules = typeof parameters.rules === "function" ? parameters.rules(tape) : (parameters.rules ?? []);
  const engine = createRiskEngine({ tape, broker, rules });
  const account = createAccount({
    entrantId: "agent-1",
    startingCapital: parameters.startingCapital ?? 10_000n * FIXED_ONE,
    assetCount: tape.universe.assets.length,
  });
  const records: RoundRecord[] = [];
  const round = (index: number) => {
    const found = tape.rounds[index];
    if (found === undefined) throw new RangeError(`no round ${index}`);
    return found;
  };
  return {
    tape,
    engine,
    account,
    records,
    round,
    order: (index, order) => engine.submitOrder(account, round(index), order, records),
    mark: (index) => engine.markAccount(account, round(index), records),
  };
}
