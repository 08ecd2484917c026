/**
 * A season's `rulesHash` as docs/engine.md ("rulesHash") specifies it, written with the verifier's
 * own canonical JSON and ethers' keccak256: keccak256 of the UTF-8 canonical JSON of
 * `{ "datasetHash": <lower-case hex>, "rules": <validated rules> }`. The engine's validator gives
 * the rules' normalized form (what the rules mean is the engine's to say); the bytes hashed are ours.
 */
import { type Dataset, validateSeasonRules } from "@podium/engine";
import { keccak256, toUtf8Bytes } from "ethers";
import { verifierCanonicalJson } from "./verifierCanonicalJson.ts";
import { verifierDatasetHash } from "./verifierDatasetHash.ts";

export type VerifierRulesHashReturnType = { rulesHash: string; datasetHash: string };

export function verifierRulesHash({
  rules,
  dataset,
}: {
  rules: unknown;
  dataset: Dataset;
}): VerifierRulesHashReturnType {
  const datasetHash = verifierDatasetHash(dataset).toLowerCase();
  // Parsed-JSON form: bigints (money) become decimal strings, absent fields disappear.
  const normalized: unknown = JSON.parse(
    JSON.stringify(validateSeasonRules(rules), (_, value) => (typeof value === "bigint" ? value.toString() : value)),
  );
  return { rulesHash: keccak256(toUtf8Bytes(verifierCanonicalJson({ datasetHash, rules: normalized }))), datasetHash };
}
