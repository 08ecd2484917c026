import { type Hex, keccak256, stringToBytes } from "viem";
import {
  type BuiltInBotName,
  botParameterProblems,
  builtInBotConfigHash,
  builtInBotNames,
} from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { presetRules } from "../cli/runSimulate.ts";
import { type SimulatePreset, simulatePresets } from "../cli/simulateArguments.ts";
import { loadSimulateDataset, rulesForDataset } from "../cli/simulateDataset.ts";
import { rulesHash } from "../config/rulesHash.ts";
import type { SeasonRules } from "../config/seasonRules.ts";
import type { Dataset } from "../market/dataset.ts";
import { datasetHash } from "../market/datasetHash.ts";
import { rewardSplitProblems } from "../season/rewardShares.ts";
import { RunnerError } from "./runnerError.ts";

export const SEASON_MANIFEST_FORMAT = "podium.season-manifest.v1";

/** An agent an entrant may register: a built-in bot config; its config hash is what `enter` carries. */
export type ManifestAgent = {
  bot: BuiltInBotName;
  name: string;
  modelFamily?: string;
  parameters?: Record<string, unknown>;
};

/**
 * Everything besides the chain the runner (and a verifier) needs to run a season: the preset, the
 * dataset, the seed, the reward split and the catalog of agent configs entrants can register.
 * Published in the artifact store under its own keccak256 (`seasons/<digest>.json`) and named by
 * the season's `metadataURI`, so it is content-addressed; its rules and dataset must hash to the
 * season's on-chain `rulesHash`.
 */
export type SeasonManifest = {
  format: typeof SEASON_MANIFEST_FORMAT;
  preset: SimulatePreset;
  /** The seeded synthetic market (the default), or the real npm data. */
  dataset: { kind: "synthetic"; seed: string } | { kind: "npm"; name: "sp500-eurusd" };
  /** Unix seconds of the first bar; absent: the dataset's default start. */
  from?: number;
  rounds: number;
  /** The season's seed (bots fork their random streams from it). */
  seed: string;
  rewardSplitBps: number[];
  agents: ManifestAgent[];
};

export type SeasonInputs = {
  rules: SeasonRules;
  dataset: Dataset;
  datasetHash: Hex;
  rulesHash: Hex;
  /** config hash (lower case) → the agent config it stands for. */
  agentsByConfigHash: Map<string, ManifestAgent>;
};

/** Every problem of a manifest, at once. */
export function seasonManifestProblems(input: unknown): string[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return ["the manifest is not an object"];
  const manifest = input as Record<string, unknown>;
  const problems: string[] = [];
  if (manifest.format !== SEASON_MANIFEST_FORMAT) problems.push(`format must be "${SEASON_MANIFEST_FORMAT}"`);
  if (!simulatePresets.includes(manifest.preset as SimulatePreset))
    problems.push(`preset must be one of ${simulatePresets.join(", ")}`);
  const dataset = manifest.dataset as Record<string, unknown> | undefined;
  if (
    !(dataset?.kind === "synthetic" && typeof dataset.seed === "string") &&
    !(dataset?.kind === "npm" && dataset.name === "sp500-eurusd")
  )
    problems.push(
      'dataset must be { "kind": "synthetic", "seed": "..." } or { "kind": "npm", "name": "sp500-eurusd" }',
    );
  if (!(Number.isInteger(manifest.rounds) && (manifest.rounds as number) >= 1 && (manifest.rounds as number) <= 65_535))
    problems.push("rounds must be a whole number from 1 to 65535");
  if (manifest.from !== undefined && !Number.isInteger(manifest.from)) problems.push("from must be unix seconds");
  if (typeof manifest.seed !== "string" || manifest.seed === "") problems.push("seed must be a non-empty string");
  if (!Array.isArray(manifest.rewardSplitBps)) problems.push("rewardSplitBps must be a list of basis points");
  else problems.push(...rewardSplitProblems(manifest.rewardSplitBps as number[]));
  if (!Array.isArray(manifest.agents)) problems.push("agents must be a list of { bot, name, parameters? }");
  else
    (manifest.agents as unknown[]).forEach((agent, i) => {
      const { bot, name, parameters } = (agent ?? {}) as Record<string, unknown>;
      if (typeof bot !== "string" || !builtInBotNames.includes(bot as BuiltInBotName))
        problems.push(`agents[${i}].bot must be one of ${builtInBotNames.join(", ")}`);
      else problems.push(...botParameterProblems(bot, parameters ?? {}, `agents[${i}].parameters`));
      if (typeof name !== "string" || name.trim() === "") problems.push(`agents[${i}].name must be a non-empty string`);
    });
  return problems;
}

/** The manifest's exact bytes and its digest (the path it is published under). */
export function encodeSeasonManifest(manifest: SeasonManifest): { json: string; digest: Hex; path: string } {
  const json = canonicalJson(manifest);
  const digest = keccak256(stringToBytes(json));
  return { json, digest, path: `seasons/${digest.slice(2)}.json` };
}

/** Parses a manifest's bytes; the URI's file name must be the bytes' keccak256 (content addressing). */
export function decodeSeasonManifest(text: string, uri: string): SeasonManifest {
  const digest = keccak256(stringToBytes(text)).slice(2);
  const named = /([0-9a-f]{64})\.json$/.exec(uri)?.[1];
  if (named !== digest)
    throw new RunnerError(`The season manifest at ${uri} does not match its name.`, {
      details: `keccak256 of the bytes is 0x${digest}`,
      hint: "The manifest is content-addressed: publish it under seasons/<its keccak256>.json.",
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RunnerError(`The season manifest at ${uri} is not JSON.`, { details: String(error) });
  }
  const problems = seasonManifestProblems(parsed);
  if (problems.length > 0)
    throw new RunnerError(`The season manifest at ${uri} is invalid: ${problems.join("; ")}.`, {
      hint: "Create seasons with `runSeason --create`, which writes a valid manifest.",
    });
  return parsed as SeasonManifest;
}

/** The season's rules, dataset and hashes from its manifest, and the agent catalog by config hash. */
export function seasonInputs(manifest: SeasonManifest): SeasonInputs {
  const preset = presetRules[manifest.preset];
  const { dataset } = loadSimulateDataset({
    spec: manifest.dataset,
    preset: manifest.preset,
    rules: preset,
    rounds: manifest.rounds,
    from: manifest.from,
  });
  const { rules } = rulesForDataset(preset, dataset);
  const hash = datasetHash(dataset);
  const agentsByConfigHash = new Map<string, ManifestAgent>();
  for (const agent of manifest.agents) agentsByConfigHash.set(manifestAgentConfigHash(agent).toLowerCase(), agent);
  return { rules, dataset, datasetHash: hash, rulesHash: rulesHash({ rules, datasetHash: hash }), agentsByConfigHash };
}

/** The config hash an entrant registers for a catalog agent. */
export function manifestAgentConfigHash(agent: ManifestAgent): Hex {
  return builtInBotConfigHash(agent.bot, agent.name, agent.parameters ?? {}) as Hex;
}
