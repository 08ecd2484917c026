import { readFileSync } from "node:fs";
import type { Agent } from "../agents/agent.ts";
import type { LlmAgentConfig } from "../agents/agentConfig.ts";
import { agentConfigHash } from "../agents/agentConfigHash.ts";
import type { Environment } from "../agents/apiKeyFromEnvironment.ts";
import { createConcurrencyLimit } from "../agents/concurrencyLimit.ts";
import { createDecisionLog, type DecisionLog } from "../agents/decisionLog.ts";
import { InvalidAgentConfigError } from "../agents/invalidAgentConfigError.ts";
import { createLlmAgent } from "../agents/llmAgent.ts";
import { recordDecisions } from "../agents/recordDecisions.ts";
import { createTeamPipeline } from "../agents/teamPipeline.ts";
import { validateAgentConfig } from "../agents/validateAgentConfig.ts";
import {
  type BuiltInBotName,
  botParameterProblems,
  builtInBotConfigHash,
  builtInBotNames,
  createBuiltInBot,
} from "../bots/builtInBots.ts";
import type { SeasonEntrant } from "../season/seasonEntrant.ts";
import { SimulateUsageError } from "./simulateUsageError.ts";

/** An agents-file entry for a built-in bot: which bot, how many of it, and its parameters. */
export type BotAgentSpec = {
  bot: BuiltInBotName;
  /** Display name; with count > 1, "-1", "-2", ... are appended. Default the bot's name. */
  name?: string;
  count?: number;
  /** Shown on the leaderboards; default "rule-based". */
  modelFamily?: string;
  parameters?: Record<string, unknown>;
};

/** An agents-file entry for a single LLM trader: its agent config (agents/agentConfig.ts), normalized. */
export type LlmAgentSpec = {
  llm: LlmAgentConfig;
  /** Identical traders entered; with count > 1, "-1", "-2", ... are appended to the config's name. */
  count?: number;
};

/** An agents-file entry for a team pipeline (the macro arena's analysts, debate and portfolio manager). */
export type TeamAgentSpec = { team: LlmAgentConfig };

/** One entry of an agents file. */
export type AgentSpec = BotAgentSpec | LlmAgentSpec | TeamAgentSpec;

/** Every built-in bot once: four ordinary strategies and the six rule-breakers. */
export const defaultAgentMix: readonly AgentSpec[] = builtInBotNames.map((bot) => ({ bot }));

const botKeys = ["bot", "name", "count", "modelFamily", "parameters"];
const llmKeys = ["llm", "count"];
const teamKeys = ["team"];
const kinds = ["bot", "llm", "team"] as const;
const maxCount = 100_000;
const entryShapes = '{ "bot": "<name>", ... }, { "llm": <agent config>, "count"?: n } or { "team": <agent config> }';

const countProblem = (at: string, count: unknown) =>
  count !== undefined && !(Number.isInteger(count) && (count as number) >= 1 && (count as number) <= maxCount)
    ? [`${at}.count must be a whole number from 1 to ${maxCount}, got ${JSON.stringify(count)}`]
    : [];

/**
 * The problems of an LLM or team entry's config, each prefixed with its place in the file
 * (validateAgentConfig names a field `config.x`: here it becomes `agents[i].llm.x`).
 */
function configProblems(config: unknown, at: string, kind: "llm" | "team"): string[] {
  let valid: ReturnType<typeof validateAgentConfig>;
  try {
    valid = validateAgentConfig(config);
  } catch (error) {
    if (!(error instanceof InvalidAgentConfigError)) throw error;
    return error.issues.map((issue) => `${at}.${kind}${issue.path.replace(/^config/, "")}: ${issue.message}`);
  }
  if (valid.provider === "builtin")
    return [`${at}.${kind}.provider is "builtin": enter a built-in bot as { "bot": "${valid.model}" } instead`];
  if (kind === "llm" && valid.pipeline !== undefined)
    return [`${at}.llm has a pipeline: enter a team pipeline as { "team": <config> } instead`];
  if (kind === "team" && valid.pipeline === undefined)
    return [
      `${at}.team.pipeline is required for a team: { "kind": "team", "analysts": [...], "debateRounds": 2, "riskManager": true }`,
    ];
  return [];
}

/** Every problem of an agents file's content, each with its place (`agents[i]...`). */
export function agentSpecProblems(input: unknown): string[] {
  if (!Array.isArray(input)) return [`the agents file must hold a JSON array of ${entryShapes}`];
  if (input.length === 0) return ["the agents file lists no agent"];
  const problems: string[] = [];
  input.forEach((spec, i) => {
    const at = `agents[${i}]`;
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
      problems.push(`${at} must be an object like { "bot": "momentum" } or { "llm": <agent config> }`);
      return;
    }
    const entry = spec as Record<string, unknown>;
    const given = kinds.filter((kind) => entry[kind] !== undefined);
    if (given.length !== 1) {
      problems.push(
        given.length === 0
          ? `${at} needs one of "bot" (a built-in bot), "llm" (an LLM trader's config) or "team" (a team pipeline's config)`
          : `${at} has ${given.map((kind) => `"${kind}"`).join(" and ")}: give exactly one per entry`,
      );
      return;
    }
    const kind = given[0] as (typeof kinds)[number];
    const known = kind === "bot" ? botKeys : kind === "llm" ? llmKeys : teamKeys;
    for (const key of Object.keys(entry))
      if (!known.includes(key))
        problems.push(
          `${at}.${key} is not a field of a ${kind} entry (known: ${known.join(", ")})${
            kind !== "bot" && botKeys.includes(key) ? "; an LLM agent's name and model family are in its config" : ""
          }`,
        );
    if (kind === "llm") {
      problems.push(...configProblems(entry.llm, at, "llm"), ...countProblem(at, entry.count));
      return;
    }
    if (kind === "team") {
      problems.push(...configProblems(entry.team, at, "team"));
      return;
    }
    const { bot, name, count, modelFamily, parameters } = entry;
    if (typeof bot !== "string") problems.push(`${at}.bot must be one of ${builtInBotNames.join(", ")}`);
    else
      problems.push(
        ...botParameterProblems(bot, parameters, `${at}.parameters`).map((p) =>
          p.startsWith("bot ") ? `${at}.${p}` : p,
        ),
      );
    if (name !== undefined && (typeof name !== "string" || name.trim() === ""))
      problems.push(`${at}.name must be a non-empty string`);
    problems.push(...countProblem(at, count));
    if (modelFamily !== undefined && (typeof modelFamily !== "string" || modelFamily.trim() === ""))
      problems.push(`${at}.modelFamily must be a non-empty string`);
  });
  return problems;
}

/** Reads and checks an agents file (every problem at once); LLM and team configs come back normalized. */
export function readAgentSpecs(path: string): AgentSpec[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SimulateUsageError([
      `cannot read the agents file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    ]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new SimulateUsageError([`the agents file ${path} is not JSON: ${(error as Error).message}`]);
  }
  const problems = agentSpecProblems(input);
  if (problems.length > 0)
    throw new SimulateUsageError(
      problems,
      "See `simulate --help` for the agents file and each bot's parameters, and docs/agents.md for the agent config.",
    );
  return (input as Record<string, unknown>[]).map((entry) => {
    if (entry.llm !== undefined) {
      const spec: LlmAgentSpec = { llm: validateAgentConfig(entry.llm) as LlmAgentConfig };
      if (entry.count !== undefined) spec.count = entry.count as number;
      return spec;
    }
    if (entry.team !== undefined) return { team: validateAgentConfig(entry.team) as LlmAgentConfig };
    return entry as BotAgentSpec;
  });
}

/** The LLM (or team) config of an entry; undefined for a bot. */
function llmConfigOf(spec: AgentSpec): LlmAgentConfig | undefined {
  return "llm" in spec ? spec.llm : "team" in spec ? spec.team : undefined;
}

/**
 * Every environment variable named by an LLM entry (`apiKeyEnv`) that is unset or empty, one problem
 * per variable with the entries that need it. Names the variable, never any value.
 */
export function missingApiKeyProblems(specs: readonly AgentSpec[], env: Environment): string[] {
  const needed = new Map<string, string[]>();
  specs.forEach((spec, i) => {
    const variable = llmConfigOf(spec)?.apiKeyEnv;
    if (variable === undefined) return;
    const value = env[variable];
    if (value !== undefined && value.trim() !== "") return;
    needed.set(variable, [...(needed.get(variable) ?? []), `agents[${i}]`]);
  });
  return [...needed].map(
    ([variable, entries]) =>
      `the environment variable ${variable} (the API key of ${entries.join(", ")}) is not set: export it before running simulate`,
  );
}

export type EntrantsFromSpecsParameters = {
  specs: readonly AgentSpec[];
  /** The season's seed (the random bots' streams). */
  seed: string;
  /** Where API keys are read (the variables the configs name). */
  env: Environment;
  /** HTTP attempts in flight at once across every LLM agent of the season. */
  concurrency: number;
};

/** An LLM or team entrant's decision log, with what the public artifact needs. */
export type SimulateDecisionLog = { entrantIndex: number; log: DecisionLog };

export type EntrantsFromSpecsReturnType = {
  entrants: SeasonEntrant[];
  /** One per LLM or team entrant, in entrant order: every decision with its prompts and replies. */
  decisionLogs: SimulateDecisionLog[];
  /** Whether any entrant answers asynchronously (the season must then run with runRound). */
  asynchronous: boolean;
};

/**
 * The season's entrants, indexed in file order: bots with their bot config hash; LLM traders and
 * teams with their agent config hash (the value registered on-chain at entry), sharing one
 * concurrency limit and recording every decision in a decision log. Every missing API key variable
 * is reported (SimulateUsageError, exit 2) before any agent is created.
 */
export function entrantsFromSpecs(parameters: EntrantsFromSpecsParameters): EntrantsFromSpecsReturnType {
  const { specs, seed, env } = parameters;
  const missing = missingApiKeyProblems(specs, env);
  if (missing.length > 0)
    throw new SimulateUsageError(
      missing,
      "API keys are read from the environment variables the agent configs name in apiKeyEnv; they never go in the agents file.",
    );
  const limit = createConcurrencyLimit(parameters.concurrency);
  const entrants: SeasonEntrant[] = [];
  const decisionLogs: SimulateDecisionLog[] = [];
  const names = new Set<string>();
  const uniqueName = (base: string, count: number, k: number) => {
    let name = count === 1 ? base : `${base}-${k}`;
    while (names.has(name)) name = `${name}'`;
    names.add(name);
    return name;
  };
  for (const spec of specs) {
    const config = llmConfigOf(spec);
    if (config === undefined) {
      const bot = spec as BotAgentSpec;
      const count = bot.count ?? 1;
      for (let k = 1; k <= count; k++) {
        const name = uniqueName(bot.name ?? bot.bot, count, k);
        const botParameters = bot.parameters ?? {};
        entrants.push({
          index: entrants.length,
          name,
          modelFamily: bot.modelFamily ?? "rule-based",
          configHash: builtInBotConfigHash(bot.bot, name, botParameters),
          agent: createBuiltInBot({ bot: bot.bot, id: name, seed, parameters: botParameters }),
        });
      }
      continue;
    }
    const count = "llm" in spec ? (spec.count ?? 1) : 1;
    const configHash = agentConfigHash(config);
    for (let k = 1; k <= count; k++) {
      const name = uniqueName(config.name, count, k);
      const runtime = { id: name, config, env, limit };
      const agent: Agent = "team" in spec ? createTeamPipeline(runtime) : createLlmAgent(runtime);
      const log = createDecisionLog({ agentId: name, visibility: config.visibility });
      decisionLogs.push({ entrantIndex: entrants.length, log });
      entrants.push({
        index: entrants.length,
        name,
        modelFamily: config.modelFamily,
        configHash,
        visibility: config.visibility,
        agent: recordDecisions(agent, log),
      });
    }
  }
  return { entrants, decisionLogs, asynchronous: decisionLogs.length > 0 };
}
