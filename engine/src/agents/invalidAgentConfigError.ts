import { PodiumError } from "../errors/podiumError.ts";

/** One problem of an agent config: where (a path such as `pipeline.debateRounds`) and what. */
export type AgentConfigIssue = { path: string; message: string };

export type InvalidAgentConfigErrorType = InvalidAgentConfigError;

/** Every problem of an agent config at once, so that its author fixes them in one pass. */
export class InvalidAgentConfigError extends PodiumError {
  override name = "InvalidAgentConfigError";
  readonly issues: readonly AgentConfigIssue[];

  constructor(issues: readonly AgentConfigIssue[], subject = "Invalid agent config") {
    super(`${subject}: ${issues.length} problem${issues.length === 1 ? "" : "s"}.`, {
      details: issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "),
      hint: "Fix every listed field (docs/agents.md describes each). Secrets never go in the config: name the environment variable holding the key in apiKeyEnv.",
    });
    this.issues = issues;
  }
}
