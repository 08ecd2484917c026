/**
 * Test support (not used by the engine): hand-written observations whose every number is chosen in
 * the test, so that expected results can be worked out by hand.
 */
import { FIXED_ONE, type Fixed } from "../../money/fixed.ts";
import type { AssetObservation, PositionObservation, RoundObservation, RulesSummary } from "../roundObservation.ts";

const usd = (whole: number): Fixed => BigInt(whole) * FIXED_ONE;

/** LLMTrader's rules (seed 001) as an observation states them, without fees or slippage. */
export const llmtraderRules: RulesSummary = {
  seasonId: "test-season",
  seasonName: "Test season",
  arena: "llmtrader",
  frequency: "1h",
  fillPrice: "close",
  feeBps: 0,
  slippageBps: 0,
  maxPositionShareBps: 2_500,
  positionCapMeasure: "margin",
  maxLeverage: { BTC: 5, ETH: 5 },
  stopOrders: true,
  stopLossMaxDistanceBps: 800,
  dailyDrawdownBps: 1_000,
  seasonDrawdownBps: 4_000,
  bannedStrategies: ["martingale"],
};

/** The macro arena's rules (seed 002): market orders only, no stops. */
export const macroRules: RulesSummary = {
  seasonId: "test-macro",
  seasonName: "Test macro arena",
  arena: "macro",
  frequency: "1d",
  fillPrice: "close",
  feeBps: 0,
  slippageBps: 0,
  maxLeverage: { SPY: 1, GLD: 1 },
  stopOrders: false,
  hardStopPnl: -1_000_000n * FIXED_ONE,
  valueAtRiskLimit: 100_000n * FIXED_ONE,
  bannedStrategies: [],
};

export function testAsset(
  symbol: string,
  price: number,
  assetClass: AssetObservation["assetClass"] = "crypto-major",
): AssetObservation {
  const fixed = usd(price);
  return {
    symbol,
    assetClass,
    name: `${symbol} test asset`,
    price: fixed,
    bars: [{ time: 1_704_067_200, open: fixed, high: fixed, low: fixed, close: fixed, volume: 0n }],
    returns: [],
    indicators: { sma20: null, ema20: null, rsi14: null, volatility20: null },
  };
}

export type TestObservationParameters = {
  rules?: RulesSummary;
  assets?: AssetObservation[];
  positions?: PositionObservation[];
  equity?: number;
  news?: string[];
  round?: number;
};

/** Round 3 of an LLMTrader season: BTC at 50,000 and ETH at 2,000, 10,000 USD of equity, flat. */
export function testObservation(parameters: TestObservationParameters = {}): RoundObservation {
  const equity = usd(parameters.equity ?? 10_000);
  const observation: RoundObservation = {
    round: parameters.round ?? 3,
    time: 1_704_067_200 + 3 * 3_600,
    rules: parameters.rules ?? llmtraderRules,
    riskBudget: { dailyDrawdownLeft: 0.1, seasonDrawdownLeft: 0.4 },
    assets: parameters.assets ?? [testAsset("BTC", 50_000), testAsset("ETH", 2_000)],
    portfolio: {
      cash: equity,
      equity,
      startingCapital: equity,
      status: "active",
      positions: parameters.positions ?? [],
    },
  };
  if (parameters.news !== undefined) observation.news = parameters.news;
  return observation;
}

/** A minimal valid LLM agent config (OpenAI-compatible, keyless local endpoint). */
export function testLlmConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: "podium.agent-config/1",
    name: "Test Trader",
    modelFamily: "Llama",
    provider: "openai-compatible",
    model: "llama3.1:8b",
    baseUrl: "http://127.0.0.1:11434/v1",
    promptTemplate: "You are {{name}}, a {{style}} trader of {{symbols}}. Trade carefully.",
    temperature: 0.2,
    maxTokens: 800,
    timeoutMs: 2_000,
    maxRetries: 2,
    strategyStyle: "momentum",
    visibility: "public",
    ...overrides,
  };
}
