import { PodiumError } from "../errors/podiumError.ts";

/** Which price of the round's bar market orders fill at (before slippage). */
export type FillPriceSource = "open" | "close";

/** The broker's settings as a season writes them (JSON-native: numbers, no bigints). */
export type BrokerSettings = {
  /**
   * "close": the agent sees the round's closed bar and its orders fill at that close (the mark).
   * "open": the agent sees bars up to the previous round and its orders fill at this round's open.
   */
  fillPrice: FillPriceSource;
  /** Fee on every fill's notional, in basis points (integer, 0-1000). */
  feeBps: number;
  /** Slippage against the taker in basis points (integer, 0-1000): buys fill higher, sells lower. */
  slippageBps: number;
  /** Whether positions may carry a stop-loss. The macro arena (seed 002) offers market orders only. */
  stopOrders: boolean;
};

/** The broker's settings compiled for the hot path. */
export type BrokerConfig = {
  fillPrice: FillPriceSource;
  feeBps: bigint;
  slippageBps: bigint;
  stopOrders: boolean;
};

export type InvalidBrokerSettingsErrorType = InvalidBrokerSettingsError;

export class InvalidBrokerSettingsError extends PodiumError {
  override name = "InvalidBrokerSettingsError";
  constructor(problems: readonly string[]) {
    super("Invalid broker settings.", {
      details: problems.join("; "),
      hint: 'Use fillPrice "open" or "close", integer feeBps and slippageBps between 0 and 1000, and a boolean stopOrders.',
    });
  }
}

const isBps = (value: number) => Number.isInteger(value) && value >= 0 && value <= 1000;

export function createBrokerConfig(settings: BrokerSettings): BrokerConfig {
  const problems: string[] = [];
  if (settings.fillPrice !== "open" && settings.fillPrice !== "close")
    problems.push(`fillPrice is ${String(settings.fillPrice)}`);
  if (!isBps(settings.feeBps)) problems.push(`feeBps is ${settings.feeBps}`);
  if (!isBps(settings.slippageBps)) problems.push(`slippageBps is ${settings.slippageBps}`);
  if (typeof settings.stopOrders !== "boolean") problems.push(`stopOrders is ${String(settings.stopOrders)}`);
  if (problems.length > 0) throw new InvalidBrokerSettingsError(problems);
  return {
    fillPrice: settings.fillPrice,
    feeBps: BigInt(settings.feeBps),
    slippageBps: BigInt(settings.slippageBps),
    stopOrders: settings.stopOrders,
  };
}
