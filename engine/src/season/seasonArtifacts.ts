import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { RoundOutput, SeasonHeader } from "./createSeason.ts";
import type { SeasonResults } from "./seasonResults.ts";

/** The files a season run publishes, by name: canonical JSON, one round per line in rounds.jsonl. */
export type SeasonArtifacts = {
  /** The header: rules hash, dataset hash, seed, entrants. */
  "season.json": string;
  /** One line per round: `canonicalJson({ round, time, records, standings })`. */
  "rounds.jsonl": string;
  "results.json": string;
};

export type SeasonArtifactsParameters = {
  header: SeasonHeader;
  rounds: readonly RoundOutput[];
  results: SeasonResults;
};

/** The canonical text of a season's artifacts: the same inputs give the same bytes on every machine. */
export function seasonArtifacts({ header, rounds, results }: SeasonArtifactsParameters): SeasonArtifacts {
  return {
    "season.json": `${canonicalJson(header)}\n`,
    "rounds.jsonl": rounds.map((round) => `${canonicalJson(round)}\n`).join(""),
    "results.json": `${canonicalJson(results)}\n`,
  };
}
