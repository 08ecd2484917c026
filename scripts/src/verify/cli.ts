/**
 * `node scripts/src/verify/cli.ts --rpc <url> --arena <address> --season <id> [--artifacts <base>] [--json]`:
 * the independent verifier's command (docs/verify.md). Checks the commitments, then replays the
 * season from its manifest (or `--rules <file>`; `--no-replay` skips it). Exit 0: verified; 1: a
 * mismatch (the first one, named); 2: the verifier could not run (bad arguments, unreachable node,
 * artifact or manifest, a season without a manifest).
 */

import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { PodiumError } from "@podium/engine";
import { isAddress } from "ethers";
import { createEngineReplay } from "./engineReplay.ts";
import { createManifestReplay } from "./manifestReplay.ts";
import { VerificationMismatchError, VerifierInputError } from "./verificationMismatchError.ts";
import { type SeasonReplay, type VerifySeasonReturnType, verifySeason } from "./verifySeason.ts";

export const HELP = `Independent verifier of a Podium season (ethers v6 + @openzeppelin/merkle-tree).

Usage: node scripts/src/verify/cli.ts --rpc <url> --arena <address> --season <id> [options]

  --rpc <url>          JSON-RPC node of the chain (default $PODIUM_RPC_URL, else http://127.0.0.1:8545)
  --arena <address>    the PodiumArena contract (default $PODIUM_ARENA)
  --season <id>        the season id (from 1)
  --artifacts <base>   read artifacts and the season manifest from this folder or base URL (each
                       URI's path under it) instead of the committed URIs
  --rules <file.json>  replay with this ruleset (SeasonRules JSON) instead of the season manifest's:
                       the market is rebuilt from the round artifacts' prices, every entrant runs
                       the config it froze, and rewards are not recomputed (the split is unknown)
  --no-replay          check the commitments only, do not replay the season
  --from-block <n>     first block to read events from (default 0)
  --json               print the summary or the mismatch as JSON
  --help               this text

Checks, stopping at the first mismatch: the rounds hash chain from genesis through every
RoundCommitted event against getSeason().roundsHead; every round artifact's keccak256 against its
committed digest; its format, domain separator (chain id, arena, season) and round index; the
records and standings roots rebuilt with StandardMerkleTree from docs/commitments.md; the results
artifact's digest, round links, roundsHead, wallets, results root, Σ reward = totalPayout, and
that its settlement records name entrants.
Then the replay, from public data alone: the season manifest named by the season's metadataURI
(its keccak256 must be its file name; its rules and dataset must hash to the on-chain rulesHash)
gives the rules, market, seed and reward split; the season is replayed from the recorded
decisions through the engine's rules (no model is called) and every round's prices, records and
standings, then the settlement's records (conduct decided after the last round, with its evidence)
and every entrant's rank, score, reward, metrics and conduct, are compared with the artifacts.

Exit codes: 0 verified; 1 mismatch (check, round, entrant, field, expected and found);
2 cannot verify (bad arguments, node, artifacts or manifest unreachable).`;

export async function main(argv: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        rpc: { type: "string" },
        arena: { type: "string" },
        season: { type: "string" },
        artifacts: { type: "string" },
        "from-block": { type: "string" },
        rules: { type: "string" },
        "no-replay": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const rpcUrl = String(values.rpc ?? process.env.PODIUM_RPC_URL ?? "http://127.0.0.1:8545");
  const arena = values.arena ?? process.env.PODIUM_ARENA;
  const problems: string[] = [];
  if (typeof arena !== "string" || !isAddress(arena))
    problems.push("--arena must be the arena's address (0x + 40 hex digits)");
  if (typeof values.season !== "string" || !/^\d+$/.test(values.season))
    problems.push("--season must be a season id (a whole number)");
  const fromBlock = values["from-block"];
  if (fromBlock !== undefined && !/^\d+$/.test(String(fromBlock))) problems.push("--from-block must be a block number");
  if (values.rules !== undefined && values["no-replay"] === true)
    problems.push("--rules and --no-replay exclude each other: --rules says how to replay");
  if (problems.length > 0) return usage(problems.join("; "));
  const json = values.json === true;
  try {
    const rulesFile = values.rules;
    const artifacts = values.artifacts as string | undefined;
    const replay: SeasonReplay | undefined =
      values["no-replay"] === true
        ? undefined
        : typeof rulesFile === "string"
          ? createEngineReplay({ rules: await readRules(rulesFile), source: `--rules ${rulesFile}` })
          : createManifestReplay({ artifacts });
    const summary = await verifySeason({
      rpcUrl,
      arena: arena as string,
      seasonId: BigInt(values.season as string),
      artifacts,
      replay,
      ...(fromBlock === undefined ? {} : { fromBlock: Number(fromBlock) }),
    });
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ verified: true, ...summary }, (_, v) => (typeof v === "bigint" ? v.toString() : v))}\n`,
      );
    } else {
      process.stdout.write(
        `${[
          `Verified season ${summary.seasonId} of arena ${summary.arena} on chain ${summary.chainId}.`,
          `  rounds checked: ${summary.roundsChecked} of ${summary.roundCount}${summary.finalized ? ", results finalized" : ", not finalized yet"}`,
          `  leaves rebuilt: ${summary.leavesRebuilt}; artifact bytes hashed: ${summary.artifactBytes}`,
          `  replayed: ${replayLine(summary.replay)}`,
          `  time: ${(summary.elapsedMs / 1000).toFixed(2)} s`,
        ].join("\n")}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof VerificationMismatchError) {
      if (json) process.stdout.write(`${JSON.stringify({ verified: false, mismatch: error.mismatch })}\n`);
      else process.stderr.write(`NOT VERIFIED. ${error.message}\n`);
      return 1;
    }
    if (error instanceof PodiumError) {
      process.stderr.write(`Cannot verify: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`Cannot verify: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.PODIUM_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

function replayLine(replay: VerifySeasonReturnType["replay"]): string {
  if (replay === undefined) return "no (--no-replay)";
  const results = !replay.resultsReplayed
    ? "; results not finalized yet"
    : replay.rewardsReplayed
      ? " and the results (settlement, ranks, scores, rewards, metrics, conduct)"
      : " and the results (settlement, ranks, scores, metrics, conduct; rewards need the manifest's split)";
  return `${replay.roundsReplayed} rounds${results}, rules from ${replay.source}`;
}

async function readRules(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new VerifierInputError(`Cannot read the rules file ${file}`, {
      hint: "Pass --rules with the path of the season's published ruleset (JSON)",
      cause,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new VerifierInputError(`The rules file ${file} is not JSON`, {
      details: cause instanceof Error ? cause.message : String(cause),
      hint: "Pass the season's ruleset as JSON (SeasonRules)",
      cause,
    });
  }
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\nRun with --help for the options.\n`);
  return 2;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
