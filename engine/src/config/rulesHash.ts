import { type Hex, keccak256, stringToBytes } from "viem";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import type { SeasonRules } from "./seasonRules.ts";
import { validateSeasonRules } from "./validateSeasonRules.ts";

export type RulesHashParameters = {
  /** The season's rules; validated and normalized first, so equivalent texts ("10.50", "10.5") hash alike. */
  rules: SeasonRules;
  /** The content hash of the season's dataset (market/datasetHash.ts). */
  datasetHash: Hex;
};

/**
 * The commitment to a season's rules: keccak256 of the UTF-8 canonical JSON of
 * `{ "datasetHash": ..., "rules": ... }` (RFC 8785 key order, no whitespace). Committed on-chain
 * before the season starts; anyone can recompute it from the published rules and dataset.
 */
export function rulesHash({ rules, datasetHash }: RulesHashParameters): Hex {
  return keccak256(stringToBytes(rulesCommitmentText({ rules, datasetHash })));
}

/** The exact text rulesHash hashes, for publishing next to the hash. */
export function rulesCommitmentText({ rules, datasetHash }: RulesHashParameters): string {
  return canonicalJson({ datasetHash: datasetHash.toLowerCase(), rules: validateSeasonRules(rules) });
}
