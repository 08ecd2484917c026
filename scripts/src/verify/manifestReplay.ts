/**
 * Replay from public data alone: the season manifest named by the chain's metadataURI gives the
 * preset (rules), the dataset, the seed, the reward split and the agent catalog. Before replaying,
 * the manifest's rules and dataset must hash to the season's on-chain rulesHash, recomputed with the
 * verifier's own canonical JSON and keccak256; the engine only turns the manifest into rules and
 * data (seasonInputs) and replays.
 */
import { seasonInputs } from "@podium/engine";
import { createEngineReplay } from "./engineReplay.ts";
import { fetchSeasonManifest } from "./fetchSeasonManifest.ts";
import { verifierRulesHash } from "./verifierRulesHash.ts";
import { type SeasonReplay, same } from "./verifySeason.ts";

export type CreateManifestReplayParameters = {
  /** A folder or base URL holding the files under their URI paths (the manifest included). */
  artifacts?: string | undefined;
};

export function createManifestReplay({ artifacts }: CreateManifestReplayParameters = {}): SeasonReplay {
  return async (season) => {
    const { chain } = season;
    const manifest = await fetchSeasonManifest(chain, { override: artifacts });
    const check = "season manifest";
    same({ check, field: "rounds" }, chain.roundCount, manifest.rounds);
    const inputs = seasonInputs(manifest);
    const { rulesHash, datasetHash } = verifierRulesHash({ rules: inputs.rules, dataset: inputs.dataset });
    same({ check, field: "rulesHash (manifest rules + dataset)" }, chain.rulesHash, rulesHash);
    return createEngineReplay({
      rules: inputs.rules,
      dataset: inputs.dataset,
      datasetHash,
      seed: manifest.seed,
      rewardSplitBps: manifest.rewardSplitBps,
      catalog: inputs.agentsByConfigHash,
      source: "the season manifest",
    })(season);
  };
}
