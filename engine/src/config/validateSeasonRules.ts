import { MAX_ORDER_LEVERAGE } from "../broker/previewOrder.ts";
import { conductConfigProblems } from "../conduct/conductPolicy.ts";
import { assetClasses } from "../market/assetClass.ts";
import { barFrequencies } from "../market/bar.ts";
import { formatFixed, parseFixed } from "../money/fixed.ts";
import { findTournamentScoringProblems } from "../scoring/tournamentScoringConfig.ts";
import { SEASON_RULES_FORMAT, type SeasonRules, scoringMethods } from "./seasonRules.ts";
import { SeasonRulesError, type SeasonRulesIssue } from "./seasonRulesError.ts";

export type ValidateSeasonRulesParameters = unknown;
export type ValidateSeasonRulesReturnType = SeasonRules;
export type ValidateSeasonRulesErrorType = SeasonRulesError;

type Json = Record<string, unknown>;

const symbolPattern = /^[A-Z0-9][A-Z0-9._-]*$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Seconds after 00:00 UTC of an "HH:MM" time (validated by validateSeasonRules). */
export function utcTimeSeconds(text: string): number {
  const match = timePattern.exec(text);
  if (match === null) throw new RangeError(`utcTimeSeconds: "${text}" is not HH:MM`);
  return Number(match[1]) * 3_600 + Number(match[2]) * 60;
}

/** Splits another module's "path: message" or "path message" problem text into a path and a message. */
function split(problem: string): [string, string] {
  const match = /^([A-Za-z0-9_.[\]-]+):? (.*)$/s.exec(problem);
  return match === null ? ["$", problem] : [match[1] as string, match[2] as string];
}

/** Collects every problem of a ruleset; each check returns the (normalized) value or undefined. */
function createChecker() {
  const issues: SeasonRulesIssue[] = [];
  const fail = (path: string, message: string) => {
    issues.push({ path, message });
    return undefined;
  };
  const describe = (value: unknown) =>
    value === undefined ? "missing" : typeof value === "bigint" ? `${value}n` : JSON.stringify(value);

  const join = (path: string, key: string) => (path === "$" ? key : `${path}.${key}`);
  // Every check is silent on undefined: object() has already reported a missing required field,
  // and optional fields are only checked when present.
  const object = (value: unknown, path: string, required: readonly string[], optional: readonly string[] = []) => {
    if (value === undefined && path !== "$") return undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return fail(path, `must be an object, got ${describe(value)}`);
    const known = new Set([...required, ...optional]);
    for (const key of Object.keys(value)) {
      if (!known.has(key)) fail(join(path, key), `unknown field (known: ${[...known].join(", ")})`);
    }
    for (const key of required) {
      if ((value as Json)[key] === undefined) fail(join(path, key), "is required");
    }
    return value as Json;
  };
  const string = (value: unknown, path: string) => {
    if (value === undefined) return undefined;
    if (typeof value === "string" && value.trim().length > 0) return value;
    return fail(path, `must be a non-empty string, got ${describe(value)}`);
  };
  const boolean = (value: unknown, path: string) => {
    if (value === undefined || typeof value === "boolean") return value;
    return fail(path, `must be true or false, got ${describe(value)}`);
  };
  const oneOf = <T extends string>(value: unknown, path: string, options: readonly T[]) => {
    if (value === undefined) return undefined;
    if (options.includes(value as T)) return value as T;
    return fail(path, `must be one of ${options.join(", ")}, got ${describe(value)}`);
  };
  const integer = (value: unknown, path: string, min: number, max: number, unit = "") => {
    if (value === undefined) return undefined;
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    return fail(path, `must be an integer from ${min} to ${max}${unit}, got ${describe(value)}`);
  };
  const number = (value: unknown, path: string, min: number, max: number, what: string) => {
    if (value === undefined) return undefined;
    if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) return value;
    return fail(path, `must be ${what}, got ${describe(value)}`);
  };
  const leverage = (value: unknown, path: string) => {
    const checked = number(value, path, 1, MAX_ORDER_LEVERAGE, `a leverage from 1 to ${MAX_ORDER_LEVERAGE}`);
    if (checked !== undefined && Math.abs(checked * 100 - Math.round(checked * 100)) > 1e-9)
      return fail(path, `may have at most two decimals, got ${checked}`);
    return checked;
  };
  const decimal = (value: unknown, path: string, sign: "positive" | "negative" | "nonNegative") => {
    if (value === undefined) return undefined;
    const parsed = typeof value === "string" ? parseFixed(value) : undefined;
    if (parsed === undefined)
      return fail(path, `must be a decimal amount as text such as "100000.50", got ${describe(value)}`);
    if (sign === "positive" && parsed <= 0n) return fail(path, `must be above 0, got "${value}"`);
    if (sign === "negative" && parsed >= 0n) return fail(path, `must be below 0, got "${value}"`);
    if (sign === "nonNegative" && parsed < 0n) return fail(path, `must be 0 or more, got "${value}"`);
    return formatFixed(parsed);
  };
  const symbols = (value: unknown, path: string) => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0)
      return fail(path, `must be a non-empty list of symbols, got ${describe(value)}`);
    const seen = new Set<string>();
    value.forEach((symbol, i) => {
      if (typeof symbol !== "string" || !symbolPattern.test(symbol))
        fail(`${path}[${i}]`, `must be an upper-case ticker such as "BTC" or "EURUSD", got ${describe(symbol)}`);
      else if (seen.has(symbol)) fail(`${path}[${i}]`, `repeats ${symbol}`);
      else seen.add(symbol);
    });
    return [...seen];
  };
  return { issues, fail, object, string, boolean, oneOf, integer, number, leverage, decimal, symbols };
}

/**
 * Checks a ruleset (typically parsed JSON) and returns it normalized (decimal amounts in canonical
 * text), or throws SeasonRulesError listing EVERY problem with its path. Checks shapes and ranges,
 * unknown fields (typos), and the fields that depend on each other.
 */
export function validateSeasonRules(input: ValidateSeasonRulesParameters): ValidateSeasonRulesReturnType {
  const c = createChecker();
  const root = c.object(input, "$", [
    "format",
    "id",
    "name",
    "arena",
    "source",
    "frequency",
    "startingCapital",
    "execution",
    "markets",
    "risk",
    "conduct",
    "scoring",
    "entry",
    "metadata",
  ]);
  if (root === undefined) throw new SeasonRulesError(c.issues);

  if (root.format !== undefined && root.format !== SEASON_RULES_FORMAT)
    c.fail("format", `must be "${SEASON_RULES_FORMAT}", got ${JSON.stringify(root.format)}`);
  c.string(root.id, "id");
  c.string(root.name, "name");
  c.oneOf(root.arena, "arena", ["llmtrader", "macro", "tournament"] as const);
  c.string(root.source, "source");
  c.oneOf(root.frequency, "frequency", barFrequencies);
  const startingCapital = c.decimal(root.startingCapital, "startingCapital", "positive");

  const execution = c.object(root.execution, "execution", ["fillPrice", "feeBps", "slippageBps", "stopOrders"]);
  if (execution) {
    c.oneOf(execution.fillPrice, "execution.fillPrice", ["open", "close"] as const);
    c.integer(execution.feeBps, "execution.feeBps", 0, 1000, " bps");
    c.integer(execution.slippageBps, "execution.slippageBps", 0, 1000, " bps");
    c.boolean(execution.stopOrders, "execution.stopOrders");
  }

  const markets = c.object(root.markets, "markets", ["onBreach"], ["symbols", "allowed", "blocked"]);
  if (markets) {
    c.oneOf(markets.onBreach, "markets.onBreach", ["deny", "excludeFromScoring"] as const);
    const universe = markets.symbols === undefined ? undefined : c.symbols(markets.symbols, "markets.symbols");
    for (const list of ["allowed", "blocked"] as const) {
      if (markets[list] === undefined) continue;
      const listed = c.symbols(markets[list], `markets.${list}`);
      for (const symbol of listed ?? []) {
        if (universe !== undefined && !universe.includes(symbol))
          c.fail(`markets.${list}`, `${symbol} is not in markets.symbols`);
      }
    }
  }

  // Normalized decimal texts, written into a copy once every check has passed.
  const patches: ((rules: SeasonRules) => void)[] = [];
  if (startingCapital !== undefined) patches.push((rules) => (rules.startingCapital = startingCapital));

  const risk = c.object(
    root.risk,
    "risk",
    [],
    [
      "positionCap",
      "leverage",
      "maxPositionSize",
      "minPositionSize",
      "stopLoss",
      "dailyDrawdown",
      "seasonDrawdown",
      "hardStop",
      "valueAtRisk",
    ],
  );
  if (risk) {
    const cap =
      risk.positionCap === undefined
        ? undefined
        : c.object(risk.positionCap, "risk.positionCap", ["maxShareBps", "measure"]);
    if (cap) {
      c.integer(cap.maxShareBps, "risk.positionCap.maxShareBps", 1, 10_000, " bps");
      c.oneOf(cap.measure, "risk.positionCap.measure", ["margin", "notional"] as const);
    }
    const lev =
      risk.leverage === undefined ? undefined : c.object(risk.leverage, "risk.leverage", ["maxLeverage", "onBreach"]);
    if (lev) {
      c.oneOf(lev.onBreach, "risk.leverage.onBreach", ["deny", "excludeFromScoring"] as const);
      const table = c.object(lev.maxLeverage, "risk.leverage.maxLeverage", assetClasses);
      if (table)
        for (const assetClass of assetClasses)
          if (table[assetClass] !== undefined) c.leverage(table[assetClass], `risk.leverage.maxLeverage.${assetClass}`);
    }
    let maxNotional: string | undefined;
    if (risk.maxPositionSize !== undefined) {
      const rule = c.object(risk.maxPositionSize, "risk.maxPositionSize", ["maxNotional"]);
      const max = rule && c.decimal(rule.maxNotional, "risk.maxPositionSize.maxNotional", "positive");
      if (max !== undefined) patches.push((rules) => (rules.risk.maxPositionSize = { maxNotional: max }));
      maxNotional = max;
    }
    if (risk.minPositionSize !== undefined) {
      const rule = c.object(risk.minPositionSize, "risk.minPositionSize", ["minNotional"]);
      const minNotional = rule && c.decimal(rule.minNotional, "risk.minPositionSize.minNotional", "positive");
      if (minNotional !== undefined) {
        patches.push((rules) => (rules.risk.minPositionSize = { minNotional }));
        if (maxNotional !== undefined && (parseFixed(minNotional) ?? 0n) > (parseFixed(maxNotional) ?? 0n))
          c.fail(
            "risk.minPositionSize.minNotional",
            `is above risk.maxPositionSize.maxNotional (${maxNotional}): no position could be opened`,
          );
      }
    }
    if (risk.stopLoss !== undefined) {
      const rule = c.object(risk.stopLoss, "risk.stopLoss", ["maxDistanceBps"]);
      if (rule) c.integer(rule.maxDistanceBps, "risk.stopLoss.maxDistanceBps", 1, 9_999, " bps");
      if (execution && execution.stopOrders === false)
        c.fail("risk.stopLoss", "a mandatory stop-loss needs execution.stopOrders = true");
    }
    for (const name of ["dailyDrawdown", "seasonDrawdown"] as const) {
      if (risk[name] === undefined) continue;
      const rule = c.object(risk[name], `risk.${name}`, ["thresholdBps"]);
      if (rule) c.integer(rule.thresholdBps, `risk.${name}.thresholdBps`, 1, 10_000, " bps");
    }
    if (risk.hardStop !== undefined) {
      const rule = c.object(risk.hardStop, "risk.hardStop", ["minCumulativePnl"]);
      const min = rule && c.decimal(rule.minCumulativePnl, "risk.hardStop.minCumulativePnl", "negative");
      if (min !== undefined) patches.push((rules) => (rules.risk.hardStop = { minCumulativePnl: min }));
    }
    if (risk.valueAtRisk !== undefined) {
      const path = "risk.valueAtRisk";
      const rule = c.object(risk.valueAtRisk, path, [
        "limit",
        "confidenceBps",
        "windowDays",
        "minObservations",
        "checkTimeUtc",
      ]);
      if (rule) {
        const limit = c.decimal(rule.limit, `${path}.limit`, "positive");
        c.integer(rule.confidenceBps, `${path}.confidenceBps`, 5_000, 9_999, " bps");
        const window = c.integer(rule.windowDays, `${path}.windowDays`, 2, 5_000, " days");
        const min = c.integer(rule.minObservations, `${path}.minObservations`, 2, 5_000);
        if (window !== undefined && min !== undefined && min > window)
          c.fail(`${path}.minObservations`, `is above windowDays (${window}): the check could never run`);
        if (
          rule.checkTimeUtc !== undefined &&
          (typeof rule.checkTimeUtc !== "string" || !timePattern.test(rule.checkTimeUtc))
        )
          c.fail(
            `${path}.checkTimeUtc`,
            `must be a UTC time "HH:MM" such as "16:15", got ${JSON.stringify(rule.checkTimeUtc)}`,
          );
        if (limit !== undefined)
          patches.push((rules) => {
            if (rules.risk.valueAtRisk) rules.risk.valueAtRisk.limit = limit;
          });
      }
    }
  }

  // Conduct and tournament scoring are validated by their own modules; their problems join the list.
  if (root.conduct !== undefined)
    for (const problem of conductConfigProblems(root.conduct, "conduct")) c.fail(...split(problem));

  const scoring = c.object(
    root.scoring,
    "scoring",
    ["method", "riskFreeRatePerYear", "periodsPerYear"],
    ["tolerances", "weights", "penalties"],
  );
  if (scoring) {
    const method = c.oneOf(scoring.method, "scoring.method", scoringMethods);
    c.number(
      scoring.riskFreeRatePerYear,
      "scoring.riskFreeRatePerYear",
      -0.99,
      10,
      "an annual rate as a decimal (0.04 = 4%)",
    );
    c.number(scoring.periodsPerYear, "scoring.periodsPerYear", 1, 1_000_000, "marks per year such as 252, 365 or 8760");
    const tournament = method !== undefined && method !== "llmtrader" && method !== "totalPnl";
    if (scoring.tolerances !== undefined) {
      if (method !== undefined && method !== "llmtrader")
        c.fail("scoring.tolerances", `only the "llmtrader" method uses tolerances, not "${method}"`);
      const tolerances = c.object(scoring.tolerances, "scoring.tolerances", [
        "sharpeRatio",
        "totalReturn",
        "calmarRatio",
      ]);
      if (tolerances)
        for (const key of ["sharpeRatio", "totalReturn", "calmarRatio"])
          c.number(tolerances[key], `scoring.tolerances.${key}`, Number.MIN_VALUE, 1_000, "a positive grid step");
    }
    if (tournament) {
      const { method: tournamentMethod, weights, penalties } = scoring;
      for (const problem of findTournamentScoringProblems({ method: tournamentMethod, weights, penalties }))
        c.fail(...split(problem));
    } else if (method !== undefined) {
      if (scoring.weights !== undefined)
        c.fail("scoring.weights", `only the "custom" method takes weights, not "${method}"`);
      if (scoring.penalties !== undefined)
        c.fail("scoring.penalties", `only tournament methods take penalties, not "${method}"`);
    }
  }

  const entry = c.object(root.entry, "entry", ["entryFee"], ["maxBotsPerUser"]);
  if (entry) {
    const fee = c.decimal(entry.entryFee, "entry.entryFee", "nonNegative");
    if (fee !== undefined) patches.push((rules) => (rules.entry.entryFee = fee));
    if (entry.maxBotsPerUser !== undefined) c.integer(entry.maxBotsPerUser, "entry.maxBotsPerUser", 1, 1_000_000);
  }

  const metadata = c.object(root.metadata, "metadata", [], Object.keys((root.metadata as Json | undefined) ?? {}));
  if (metadata) {
    for (const [key, value] of Object.entries(metadata)) {
      const ok =
        typeof value === "string" ||
        typeof value === "boolean" ||
        (typeof value === "number" && Number.isFinite(value));
      if (!ok) c.fail(`metadata.${key}`, `must be a string, finite number or boolean, got ${JSON.stringify(value)}`);
    }
  }

  if (c.issues.length > 0) throw new SeasonRulesError(c.issues);
  const normalized = structuredClone(root) as SeasonRules;
  for (const patch of patches) patch(normalized);
  return normalized;
}
