import { AGENT_CONFIG_FORMAT, type BuiltinAgentConfig } from "../agents/agentConfig.ts";
import { agentConfigHash } from "../agents/agentConfigHash.ts";
import { PodiumError } from "../errors/podiumError.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import { type BuyAndHoldBotParameters, createBuyAndHoldBot } from "./buyAndHoldBot.ts";
import { createDoublingDownBot, type DoublingDownBotParameters } from "./doublingDownBot.ts";
import { createMartingaleBot, type MartingaleBotParameters } from "./martingaleBot.ts";
import { createMeanReversionBot, type MeanReversionBotParameters } from "./meanReversionBot.ts";
import { createMomentumBot, type MomentumBotParameters } from "./momentumBot.ts";
import { createRandomBot, type RandomBotParameters } from "./randomBot.ts";
import { createRevengeTradingBot, type RevengeTradingBotParameters } from "./revengeTradingBot.ts";
import { createStopLossWideningBot, type StopLossWideningBotParameters } from "./stopLossWideningBot.ts";
import { createUnlimitedGridBot, type UnlimitedGridBotParameters } from "./unlimitedGridBot.ts";
import { createWashTradingBot, type WashTradingBotParameters } from "./washTradingBot.ts";

type ParameterKind = "integer" | "number" | "boolean" | "symbol" | "symbols";
type ParameterSpec = { kind: ParameterKind; min?: number; max?: number; description: string };
type BotValues = Record<string, number | boolean | string | string[]>;

/** A built-in bot: its parameters (for validation and `simulate --help`) and how to create one. */
export type BuiltInBot = {
  name: BuiltInBotName;
  description: string;
  /** True for the bots that break a rule on purpose (each triggers its banned-strategy detector). */
  ruleBreaker: boolean;
  parameters: Readonly<Record<string, ParameterSpec>>;
  create(id: string, seed: string, values: BotValues): SeasonAgent;
};

export const builtInBotNames = [
  "buy-and-hold",
  "momentum",
  "mean-reversion",
  "random",
  "martingale",
  "doubling-down",
  "revenge-trading",
  "unlimited-grid",
  "stop-loss-widening",
  "wash-trading",
] as const;
export type BuiltInBotName = (typeof builtInBotNames)[number];

const bps = (description: string): ParameterSpec => ({ kind: "integer", min: 1, max: 10_000, description });
const leverage: ParameterSpec = {
  kind: "number",
  min: 1,
  max: 100,
  description: "leverage of its positions (capped by the season)",
};
const stop = bps("stop-loss distance from entry, bps (kept inside the season's maximum)");
const symbols: ParameterSpec = { kind: "symbols", description: "symbols traded (default: every asset)" };
const symbol: ParameterSpec = { kind: "symbol", description: "the symbol traded (default: the first asset)" };
const rounds = (description: string): ParameterSpec => ({ kind: "integer", min: 1, max: 1_000_000, description });

export const builtInBots: Readonly<Record<BuiltInBotName, BuiltInBot>> = {
  "buy-and-hold": {
    name: "buy-and-hold",
    description: "buys every asset once and holds, trailing its stops upward",
    ruleBreaker: false,
    parameters: {
      symbols,
      allocationBps: bps("margin of the whole book, share of equity in bps, split across the assets"),
      leverage,
      stopDistanceBps: stop,
      trailStop: { kind: "boolean", description: "raise the stop as the price rises" },
      trailStepBps: bps("least stop raise, bps"),
    },
    create: (id, _seed, v) => createBuyAndHoldBot({ ...(v as Partial<BuyAndHoldBotParameters>), id }),
  },
  momentum: {
    name: "momentum",
    description: "moving-average crossover: long above, short below",
    ruleBreaker: false,
    parameters: {
      symbols,
      fast: { kind: "integer", min: 1, max: 500, description: "fast average, bars" },
      slow: { kind: "integer", min: 2, max: 500, description: "slow average, bars (needs that many visible bars)" },
      thresholdBps: {
        kind: "integer",
        min: 0,
        max: 10_000,
        description: "how far the averages must cross to flip, bps",
      },
      allocationBps: bps("margin per position, share of equity in bps"),
      leverage,
      stopDistanceBps: stop,
      allowShort: { kind: "boolean", description: "short when the fast average is below the slow one" },
    },
    create: (id, _seed, v) => createMomentumBot({ ...(v as Partial<MomentumBotParameters>), id }),
  },
  "mean-reversion": {
    name: "mean-reversion",
    description: "fades moves of more than entryZ standard deviations from the recent mean",
    ruleBreaker: false,
    parameters: {
      symbols,
      lookback: { kind: "integer", min: 2, max: 500, description: "closes in the mean and deviation" },
      entryZ: { kind: "number", min: 0, max: 100, description: "|z| that opens a position" },
      exitZ: { kind: "number", min: 0, max: 100, description: "|z| under which it closes" },
      allocationBps: bps("margin per position, share of equity in bps"),
      leverage,
      stopDistanceBps: stop,
    },
    create: (id, _seed, v) => createMeanReversionBot({ ...(v as Partial<MeanReversionBotParameters>), id }),
  },
  random: {
    name: "random",
    description: "seeded random trader (the control group)",
    ruleBreaker: false,
    parameters: {
      tradeProbability: { kind: "number", min: 0, max: 1, description: "chance of acting in a round" },
      maxAllocationBps: bps("largest margin per position, share of equity in bps"),
      maxLeverage: leverage,
      stopDistanceBps: stop,
    },
    create: (id, seed, v) => createRandomBot({ ...(v as Partial<RandomBotParameters>), id, seed }),
  },
  martingale: {
    name: "martingale",
    description: "rule-breaker: doubles its bet after every loss",
    ruleBreaker: true,
    parameters: {
      symbol,
      baseAllocationBps: bps("first bet's margin, share of equity in bps"),
      factor: { kind: "number", min: 1, max: 10, description: "bet multiplier after a loss" },
      holdRounds: rounds("rounds each bet is held"),
      maxSteps: rounds("losses after which the bet stops growing"),
      stopDistanceBps: stop,
    },
    create: (id, _seed, v) => createMartingaleBot({ ...(v as Partial<MartingaleBotParameters>), id }),
  },
  "doubling-down": {
    name: "doubling-down",
    description: "rule-breaker: adds to its position whenever it shows a loss",
    ruleBreaker: true,
    parameters: {
      symbol,
      allocationBps: bps("margin of the entry and of each add, share of equity in bps"),
      maxAdds: rounds("adds to one position at most"),
      holdRounds: rounds("rounds before it closes"),
      stopDistanceBps: stop,
    },
    create: (id, _seed, v) => createDoublingDownBot({ ...(v as Partial<DoublingDownBotParameters>), id }),
  },
  "revenge-trading": {
    name: "revenge-trading",
    description: "rule-breaker: opens a triple-size position right after a loss",
    ruleBreaker: true,
    parameters: {
      symbols,
      allocationBps: bps("margin of a normal position, share of equity in bps"),
      revengeFactor: { kind: "number", min: 1, max: 100, description: "size after a loss, multiple of normal" },
      holdRounds: rounds("rounds each position is held"),
      stopDistanceBps: stop,
    },
    create: (id, _seed, v) => createRevengeTradingBot({ ...(v as Partial<RevengeTradingBotParameters>), id }),
  },
  "unlimited-grid": {
    name: "unlimited-grid",
    description: "rule-breaker: buys every stepBps lower with no limit on levels",
    ruleBreaker: true,
    parameters: {
      symbol,
      stepBps: bps("distance between levels, bps"),
      levelAllocationBps: bps("margin per level, share of equity in bps"),
      leverage,
      stopDistanceBps: stop,
    },
    create: (id, _seed, v) => createUnlimitedGridBot({ ...(v as Partial<UnlimitedGridBotParameters>), id }),
  },
  "stop-loss-widening": {
    name: "stop-loss-widening",
    description: "rule-breaker: tries to move its stop further from the entry",
    ruleBreaker: true,
    parameters: {
      symbol,
      allocationBps: bps("margin per position, share of equity in bps"),
      stopDistanceBps: bps("the stop it opens with, bps from entry"),
      widenToBps: bps("where it then asks to move the stop, bps from entry"),
      holdRounds: rounds("rounds each position is held"),
    },
    create: (id, _seed, v) => createStopLossWideningBot({ ...(v as Partial<StopLossWideningBotParameters>), id }),
  },
  "wash-trading": {
    name: "wash-trading",
    description: "rule-breaker: buys and sells the same quantity in one round",
    ruleBreaker: true,
    parameters: {
      symbol,
      allocationBps: bps("size of each wash, share of equity in bps"),
      everyRounds: rounds("trades once every this many rounds"),
    },
    create: (id, _seed, v) => createWashTradingBot({ ...(v as Partial<WashTradingBotParameters>), id }),
  },
};

export type InvalidBotSpecErrorType = InvalidBotSpecError;

export class InvalidBotSpecError extends PodiumError {
  override name = "InvalidBotSpecError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid built-in bot: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, {
      details: problems.join("; "),
      hint: `Bots: ${builtInBotNames.join(", ")}. See \`simulate --help\` for each bot's parameters.`,
    });
    this.problems = problems;
  }
}

/** Every problem of a bot's parameters, each with its path. */
export function botParameterProblems(bot: string, parameters: unknown, path = "parameters"): string[] {
  if (!(builtInBotNames as readonly string[]).includes(bot))
    return [`bot "${bot}" is not a built-in bot (known: ${builtInBotNames.join(", ")})`];
  const specs = builtInBots[bot as BuiltInBotName].parameters;
  if (parameters === undefined) return [];
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters))
    return [`${path} must be an object of parameter values`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(parameters)) {
    const spec = specs[key];
    if (spec === undefined) {
      problems.push(`${path}.${key} is not a parameter of ${bot} (known: ${Object.keys(specs).join(", ")})`);
      continue;
    }
    const problem = valueProblem(spec, value);
    if (problem !== undefined) problems.push(`${path}.${key} ${problem}`);
  }
  return problems;
}

function valueProblem(spec: ParameterSpec, value: unknown): string | undefined {
  const range = `${spec.min ?? "-∞"} to ${spec.max ?? "∞"}`;
  switch (spec.kind) {
    case "integer":
      return Number.isInteger(value) &&
        (value as number) >= (spec.min ?? -Infinity) &&
        (value as number) <= (spec.max ?? Infinity)
        ? undefined
        : `must be an integer from ${range}, got ${JSON.stringify(value)}`;
    case "number":
      return typeof value === "number" &&
        Number.isFinite(value) &&
        value >= (spec.min ?? -Infinity) &&
        value <= (spec.max ?? Infinity)
        ? undefined
        : `must be a number from ${range}, got ${JSON.stringify(value)}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be true or false, got ${JSON.stringify(value)}`;
    case "symbol":
      return typeof value === "string" && /^[A-Z0-9]+$/.test(value)
        ? undefined
        : `must be an upper-case symbol, got ${JSON.stringify(value)}`;
    case "symbols":
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((s) => typeof s === "string" && /^[A-Z0-9]+$/.test(s))
        ? undefined
        : `must be a non-empty list of upper-case symbols, got ${JSON.stringify(value)}`;
  }
}

export type CreateBuiltInBotParameters = {
  bot: BuiltInBotName;
  /** The agent's id (unique in the season, e.g. "momentum-3"). */
  id: string;
  /** The season's seed (the random bot forks its stream from it). */
  seed: string;
  parameters?: Readonly<Record<string, unknown>>;
};

/** A built-in bot with validated parameters; throws InvalidBotSpecError listing every problem. */
export function createBuiltInBot({ bot, id, seed, parameters = {} }: CreateBuiltInBotParameters): SeasonAgent {
  const problems = botParameterProblems(bot, parameters);
  if (problems.length > 0) throw new InvalidBotSpecError(problems);
  return builtInBots[bot].create(id, seed, parameters as BotValues);
}

/**
 * The agent config of a built-in bot (agents/agentConfig.ts, provider "builtin"): its hash is the
 * entrant's config hash, so the config freeze of seed 003 applies to bots as to LLM agents.
 */
export function builtInBotConfig(
  bot: BuiltInBotName,
  name: string,
  parameters: Readonly<Record<string, unknown>> = {},
): BuiltinAgentConfig {
  const flat: Record<string, number | string | boolean> = {};
  for (const [key, value] of Object.entries(parameters))
    flat[key] = Array.isArray(value) ? value.join(",") : (value as number | string | boolean);
  return {
    format: AGENT_CONFIG_FORMAT,
    name,
    modelFamily: "other",
    strategyStyle: bot,
    visibility: "public",
    provider: "builtin",
    model: bot,
    parameters: flat,
  };
}

/** keccak256 of the bot config's frozen fields (agents/agentConfigHash.ts). */
export function builtInBotConfigHash(
  bot: BuiltInBotName,
  name: string,
  parameters?: Readonly<Record<string, unknown>>,
) {
  return agentConfigHash(builtInBotConfig(bot, name, parameters));
}
