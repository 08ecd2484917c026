import { type Hex, keccak256, stringToBytes } from "viem";
import { type CanonicalValue, canonicalJson } from "../canonical/canonicalJson.ts";

/**
 * The fields seed 003 freezes for a non-daily tournament: "your agent's strategy, AI model, risk
 * settings, and exchange configuration". Anything else in an agent's config (its display name,
 * avatar) may change without forfeiting.
 */
export const frozenConfigFields = ["strategy", "model", "riskSettings", "exchange"] as const;

export type FrozenAgentConfig = { [K in (typeof frozenConfigFields)[number]]: CanonicalValue };

/**
 * keccak256 of the canonical JSON of the frozen fields only: the hash registered (on-chain) when a
 * tournament starts and compared with the running agent's by `checkConfigFreeze`.
 */
export function agentConfigHash(config: FrozenAgentConfig & { readonly [key: string]: unknown }): Hex {
  const frozen: Record<string, CanonicalValue> = {};
  for (const field of frozenConfigFields) frozen[field] = config[field];
  return keccak256(stringToBytes(canonicalJson(frozen)));
}
