/**
 * The season manifest (docs/runner.md: preset, dataset, seed, reward split, agent catalog) named by
 * the season's on-chain metadataURI. It is content-addressed: the URI's file name is the keccak256
 * of its bytes, checked here on the bytes exactly as fetched.
 */
import { type SeasonManifest, seasonManifestProblems } from "@podium/engine";
import { keccak256 } from "ethers";
import { type ArtifactSource, fetchArtifact } from "./fetchArtifact.ts";
import type { ArenaSeason } from "./readArenaSeason.ts";
import { VerifierInputError } from "./verificationMismatchError.ts";
import { fail, same } from "./verifySeason.ts";

const check = "season manifest";

export async function fetchSeasonManifest(chain: ArenaSeason, source: ArtifactSource): Promise<SeasonManifest> {
  const uri = chain.metadataUri;
  if (uri === "")
    throw new VerifierInputError(`Season ${chain.seasonId} has no season manifest (its metadataURI is empty)`, {
      hint: "Replay with the season's published rules (--rules <file>), or check the commitments only (--no-replay)",
    });
  const bytes = await fetchArtifact(uri, source);
  const named = /([0-9a-fA-F]{64})\.json$/.exec(uri.replace(/[?#].*$/, ""))?.[1];
  if (named === undefined)
    fail({ check, field: "metadataURI", expected: "a URI ending in <keccak256 of the manifest>.json", found: uri });
  same({ check, field: "keccak256 (metadataURI)" }, `0x${named}`, keccak256(bytes));
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    fail({
      check,
      field: "(json)",
      expected: "UTF-8 JSON",
      found: error instanceof Error ? error.message : String(error),
    });
  }
  const problems = seasonManifestProblems(parsed);
  if (problems.length > 0)
    fail({ check, field: "(manifest)", expected: "a valid podium.season-manifest.v1", found: problems.join("; ") });
  return parsed as SeasonManifest;
}
