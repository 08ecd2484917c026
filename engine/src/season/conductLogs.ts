import { type ConductConfig, type ConductPolicy, createConductPolicy } from "../conduct/conductPolicy.ts";

export type ConductLogs = {
  /** The banned-strategy rules (deny, flag, disqualify). */
  banned: ConductPolicy;
  /** Seed 003's requirements: config freeze, activity, minimum trade count. */
  requirements: ConductPolicy;
  /** Whether entrants need an activity log: some banned strategy is enforced, or a minimum trade count is. */
  needsLog: boolean;
  /** Some banned strategy is enforced with "deny" (pre-trade review of every order and stop change). */
  denies: boolean;
  /** Some banned strategy disqualifies (reviewed after every round with new activity). */
  disqualifies: boolean;
  /** Some banned strategy flags or disqualifies (reviewed at settlement). */
  judges: boolean;
};

/**
 * Splits a season's conduct config in two policies: the banned strategies, judged on the whole
 * activity log, and the requirements, whose minimum trade count must not count the trades a
 * tournament excludes from scoring (it is given a log without their intents).
 */
export function conductLogs(config: ConductConfig): ConductLogs {
  const banned = createConductPolicy(
    config.bannedStrategies === undefined ? {} : { bannedStrategies: config.bannedStrategies },
  );
  const requirementConfig: ConductConfig = {};
  if (config.tournament !== undefined) requirementConfig.tournament = config.tournament;
  if (config.activity !== undefined) requirementConfig.activity = config.activity;
  if (config.minTradeCount !== undefined) requirementConfig.minTradeCount = config.minTradeCount;
  const requirements = createConductPolicy(requirementConfig);
  const actions = Object.values(banned.config.bannedStrategies).map((rule) => rule?.action);
  return {
    banned,
    requirements,
    needsLog: actions.length > 0 || requirements.config.minTradeCount !== null,
    denies: actions.includes("deny"),
    disqualifies: actions.includes("disqualify"),
    judges: actions.some((action) => action === "flag" || action === "disqualify"),
  };
}
