import { InvalidConductInputError } from "./invalidConductInputError.ts";
import type { RequirementFailure } from "./requirementFailure.ts";

/**
 * Config freeze (seed 003): "Non-daily tournaments freeze your agent's strategy, AI model, risk
 * settings, and exchange configuration. Editing a frozen field during competition automatically
 * forfeits your entry. Daily tournaments have no freeze — edit freely."
 *
 * The frozen hash is the one registered for the entry (on-chain); each observation is the hash of
 * the config the agent actually ran with at a round (agentConfigHash.ts). The first observation
 * that differs forfeits the entry from that round on.
 */
export type TournamentKind = "daily" | "non-daily";

export type ConfigObservation = { round: number; time: number; configHash: string };

export type ConfigFreezeParameters = {
  tournament: TournamentKind;
  frozenConfigHash: string;
  observations: readonly ConfigObservation[];
};

export type ConfigFreezeEvidence = {
  frozenConfigHash: string;
  observedConfigHash: string;
  round: number;
  time: number;
};

const hashPattern = /^0x[0-9a-fA-F]{64}$/;

/** The breach that forfeits the entry, or undefined when the config stayed frozen (or the tournament is daily). */
export function checkConfigFreeze(
  parameters: ConfigFreezeParameters,
): (RequirementFailure<ConfigFreezeEvidence> & { round: number }) | undefined {
  const { tournament, frozenConfigHash, observations } = parameters;
  const problems: string[] = [];
  if (tournament !== "daily" && tournament !== "non-daily") {
    problems.push(`tournament must be "daily" or "non-daily", got ${JSON.stringify(tournament)}`);
  }
  if (!hashPattern.test(frozenConfigHash))
    problems.push(`frozenConfigHash ${JSON.stringify(frozenConfigHash)} is not a 32-byte 0x hex hash`);
  observations.forEach((observation, i) => {
    if (!hashPattern.test(observation.configHash)) {
      problems.push(
        `observations[${i}] (round ${observation.round}): configHash ${JSON.stringify(observation.configHash)} is not a 32-byte 0x hex hash`,
      );
    }
  });
  if (problems.length > 0) {
    throw new InvalidConductInputError(
      "config freeze input",
      problems,
      "Hash configs with agentConfigHash (keccak256 of the canonical JSON of the frozen fields).",
    );
  }
  if (tournament === "daily") return undefined;
  const frozen = frozenConfigHash.toLowerCase();
  const breach = observations.find((o) => o.configHash.toLowerCase() !== frozen);
  if (breach === undefined) return undefined;
  return {
    requirement: "config-freeze",
    round: breach.round,
    reason: `Config changed during the tournament: at round ${breach.round} the agent ran config ${breach.configHash}, not the frozen ${frozenConfigHash}; the entry is forfeited.`,
    evidence: {
      frozenConfigHash: frozen,
      observedConfigHash: breach.configHash.toLowerCase(),
      round: breach.round,
      time: breach.time,
    },
  };
}
