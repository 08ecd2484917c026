import { PodiumError } from "../errors/podiumError.ts";

/** One problem of a ruleset: where (a JSON path such as `risk.stopLoss.maxDistanceBps`) and what. */
export type SeasonRulesIssue = { path: string; message: string };

export type SeasonRulesErrorType = SeasonRulesError;

/** Every problem of a ruleset at once, so that a season author fixes them in one pass. */
export class SeasonRulesError extends PodiumError {
  override name = "SeasonRulesError";
  readonly issues: readonly SeasonRulesIssue[];

  constructor(issues: readonly SeasonRulesIssue[], subject = "Invalid season rules") {
    super(`${subject}: ${issues.length} problem${issues.length === 1 ? "" : "s"}.`, {
      details: issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "),
      hint: "Fix every listed field; start from a preset (llmtraderSeason, macroArena, dailyTournament, nonDailyTournament) and change what differs.",
    });
    this.issues = issues;
  }
}
