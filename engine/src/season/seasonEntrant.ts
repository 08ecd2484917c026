import type { SeasonAgent } from "./seasonAgent.ts";

/**
 * One entry of a season: who entered (the on-chain entrant index and wallet), what is shown on the
 * leaderboards (name, model family), the config hash it registered and the agent that decides for it.
 */
export type SeasonEntrant = {
  /** The entrant's index (on-chain entrant index): unique, and the registration order of every tie-break. */
  index: number;
  /** The entrant's wallet, 0x-prefixed 20-byte hex, when it entered on-chain. */
  wallet?: string;
  name: string;
  /** Shown on the leaderboards and grouped by the model-family comparison (seed 000), e.g. "Claude", "rule-based". */
  modelFamily: string;
  /** The hash of the config the agent runs (agents/agentConfigHash.ts), 0x-prefixed 32-byte hex. */
  configHash: string;
  /** The hash registered (frozen) for the entry; default `configHash`. A non-daily tournament forfeits a mismatch (seed 003). */
  frozenConfigHash?: string;
  /**
   * Who sees the agent's texts (reasoning, no-trade details): "public" (default, every bot) publishes
   * them in its decision records; "private" publishes their hashes only (agents/agentConfig.ts visibility).
   */
  visibility?: "public" | "private";
  agent: SeasonAgent;
};

/** Records and standings name an entrant by its index as text: unique, short and stable. */
export function entrantIdOf(entrant: Pick<SeasonEntrant, "index">): string {
  return String(entrant.index);
}
