import { type CreateSeasonParameters, createSeason, type RoundOutput, type SeasonHeader } from "./createSeason.ts";
import type { SeasonResults } from "./seasonResults.ts";

export type RunSeasonParameters = CreateSeasonParameters & {
  /** Called after every round, awaited before the next one (e.g. to persist or commit it). */
  onRound?: (output: RoundOutput) => void | Promise<void>;
  /** Keep every round's output in the return value; default true (turn off for long seasons streamed through onRound). */
  keepRounds?: boolean;
};

export type RunSeasonReturnType = { header: SeasonHeader; rounds: RoundOutput[]; results: SeasonResults };

/** Runs a whole season (createSeason + every round + results), awaiting async agents. */
export async function runSeason(parameters: RunSeasonParameters): Promise<RunSeasonReturnType> {
  const { onRound, keepRounds = true } = parameters;
  const season = createSeason(parameters);
  const rounds: RoundOutput[] = [];
  while (!season.finished) {
    const output = await season.runRound();
    if (keepRounds) rounds.push(output);
    if (onRound !== undefined) await onRound(output);
  }
  return { header: season.header, rounds, results: season.results() };
}
