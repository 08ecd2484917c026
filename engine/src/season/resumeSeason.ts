import { canonicalJson } from "../canonical/canonicalJson.ts";
import { type CreateSeasonParameters, createSeason, type Season } from "./createSeason.ts";
import { type CommittedDecision, decisionFromRecord } from "./decisionRecord.ts";
import { SeasonReplayMismatchError } from "./seasonReplayMismatchError.ts";
import { SeasonStateError } from "./seasonStateError.ts";

export type ResumeSeasonParameters = CreateSeasonParameters & {
  /** The canonical JSON of every round already run (`canonicalJson(roundOutput)`), from round 0, in order. */
  persistedRounds: readonly string[];
};

export type ResumeSeasonErrorType = SeasonReplayMismatchError | SeasonStateError;

/**
 * Rebuilds a season from the rounds it persisted (the artifacts it committed), then returns it
 * ready to run the next round: the state is a function of the inputs and the decisions, so the
 * persisted decision records are replayed for agents that are not deterministic (LLM agents are not
 * called again) and deterministic agents (the bots) are asked again, which rebuilds their own state.
 * Every replayed round must reproduce its persisted bytes exactly; the first difference throws
 * SeasonReplayMismatchError (wrong inputs, tampered artifacts or another engine version).
 */
export async function resumeSeason(parameters: ResumeSeasonParameters): Promise<Season> {
  const season = createSeason(parameters);
  for (const [index, text] of parameters.persistedRounds.entries()) {
    let parsed: { round?: unknown; records?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch (error) {
      throw new SeasonStateError(`Persisted round ${index} is not JSON.`, {
        details: error instanceof Error ? error.message : String(error),
        hint: "Pass each round's canonical JSON exactly as it was written (canonicalJson(roundOutput)).",
      });
    }
    if (parsed.round !== index || !Array.isArray(parsed.records))
      throw new SeasonStateError(`Persisted round ${index} is not the output of round ${index}.`, {
        hint: "Pass the persisted rounds from round 0, in order, one round output each.",
      });
    const recorded = new Map<string, CommittedDecision>();
    for (const record of parsed.records as Record<string, unknown>[]) {
      if (record.type === "decision" && typeof record.entrantId === "string")
        recorded.set(record.entrantId, decisionFromRecord(record));
    }
    const replayed = canonicalJson(await season.replayRound(recorded));
    if (replayed !== text) {
      let offset = 0;
      while (offset < text.length && text[offset] === replayed[offset]) offset++;
      throw new SeasonReplayMismatchError(index, offset, text, replayed);
    }
  }
  return season;
}
