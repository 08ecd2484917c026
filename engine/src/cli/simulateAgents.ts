import { readFileSync } from "node:fs";
import {
  type BuiltInBotName,
  botParameterProblems,
  builtInBotConfigHash,
  builtInBotNames,
  createBuiltInBot,
} from "../bots/builtInBots.ts";
import type { SeasonEntrant } from "../season/seasonEntrant.ts";
import { SimulateUsageError } from "./simulateUsageError.ts";

/** One line of an agents file: a built-in bot, how many of it, and its parameters. */
export type AgentSpec = {
  bot: BuiltInBotName;
  /** Display name; with count > 1, "-1", "-2", ... are appended. Default the bot's name. */
  name?: string;
  count?: number;
  /** Shown on the leaderboards; default "rule-based". */
  modelFamily?: string;
  parameters?: Record<string, unknown>;
};

/** Every built-in bot once: four ordinary strategies and the six rule-breakers. */
export const defaultAgentMix: readonly AgentSpec[] = builtInBotNames.map((bot) => ({ bot }));

const specKeys = ["bot", "name", "count", "modelFamily", "parameters"];

/** Every problem of an agents file's content, each with its place. */
export function agentSpecProblems(input: unknown): string[] {
  if (!Array.isArray(input))
    return ["the agents file must hold a JSON array of { bot, name?, count?, modelFamily?, parameters? }"];
  if (input.length === 0) return ["the agents file lists no agent"];
  const problems: string[] = [];
  input.forEach((spec, i) => {
    const at = `agents[${i}]`;
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
      problems.push(`${at} must be an object like { "bot": "momentum" }`);
      return;
    }
    for (const key of Object.keys(spec))
      if (!specKeys.includes(key)) problems.push(`${at}.${key} is not a field (known: ${specKeys.join(", ")})`);
    const { bot, name, count, modelFamily, parameters } = spec as Record<string, unknown>;
    if (typeof bot !== "string") problems.push(`${at}.bot is missing (one of ${builtInBotNames.join(", ")})`);
    else
      problems.push(
        ...botParameterProblems(bot, parameters, `${at}.parameters`).map((p) =>
          p.startsWith("bot ") ? `${at}.${p}` : p,
        ),
      );
    if (name !== undefined && (typeof name !== "string" || name.trim() === ""))
      problems.push(`${at}.name must be a non-empty string`);
    if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 1 && (count as number) <= 100_000))
      problems.push(`${at}.count must be a whole number from 1 to 100000, got ${JSON.stringify(count)}`);
    if (modelFamily !== undefined && (typeof modelFamily !== "string" || modelFamily.trim() === ""))
      problems.push(`${at}.modelFamily must be a non-empty string`);
  });
  return problems;
}

/** Reads and checks an agents file; every problem at once. */
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
    throw new SimulateUsageError(problems, "See `simulate --help` for the agents file and each bot's parameters.");
  return input as AgentSpec[];
}

/** The season's entrants: one per bot instance, indexed in file order, each with its config hash. */
export function entrantsFromSpecs(specs: readonly AgentSpec[], seed: string): SeasonEntrant[] {
  const entrants: SeasonEntrant[] = [];
  const names = new Set<string>();
  for (const spec of specs) {
    const count = spec.count ?? 1;
    for (let k = 1; k <= count; k++) {
      const base = spec.name ?? spec.bot;
      let name = count === 1 ? base : `${base}-${k}`;
      while (names.has(name)) name = `${name}'`;
      names.add(name);
      const parameters = spec.parameters ?? {};
      entrants.push({
        index: entrants.length,
        name,
        modelFamily: spec.modelFamily ?? "rule-based",
        configHash: builtInBotConfigHash(spec.bot, name, parameters),
        agent: createBuiltInBot({ bot: spec.bot, id: name, seed, parameters }),
      });
    }
  }
  return entrants;
}
