/**
 * `npm run deploy`: deploys SeasonPayoutFactory and PodiumArena (the production build from
 * `@podium/contracts/abi`) to a JSON-RPC node and writes `contracts/deployments/<chainId>.json`.
 * This is the command; the deployment itself is `deployPodium` from `@podium/contracts/deployPodium`.
 *
 * Local node: `npm run chain` in one shell, then `npm run deploy` (the node's first unlocked account
 * deploys and, unless told otherwise, holds every role).
 * Any other chain: PODIUM_RPC_URL=https://... PODIUM_DEPLOYER_KEY=0x... npm run deploy
 *
 * Environment (all optional): PODIUM_RPC_URL (default http://127.0.0.1:8545), PODIUM_DEPLOYER_KEY,
 * PODIUM_ADMIN, PODIUM_ADMIN_DELAY (seconds, default 3 days; 0 on a local node), PODIUM_OPERATOR,
 * PODIUM_GUARDIAN, PODIUM_TREASURY (each defaults to the deployer; "none" leaves a role empty).
 * Flags: --rpc-url <url>, --out <dir> (default contracts/deployments).
 */
import { fileURLToPath } from "node:url";
import { DeploymentError } from "@podium/contracts/deployments";
import { type DeployPodiumParameters, deployPodium } from "@podium/contracts/deployPodium";
import { type Address, getAddress, type Hex, isAddress } from "viem";

/** Reads the CLI flags and PODIUM_* variables into DeployPodiumParameters. */
export function deployParametersFromEnvironment(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): DeployPodiumParameters {
  const flag = (name: string) => {
    const at = argv.indexOf(name);
    if (at === -1) return undefined;
    const value = argv[at + 1];
    if (value === undefined || value.startsWith("--")) {
      throw new DeploymentError(`${name} needs a value`, {
        hint: `e.g. ${name === "--out" ? "--out /tmp/deployments" : "--rpc-url http://127.0.0.1:8545"}`,
      });
    }
    return value;
  };
  const addressOf = (name: string): Address | undefined => {
    const value = env[name];
    if (value === undefined || value === "") return undefined;
    if (!isAddress(value, { strict: false })) throw new DeploymentError(`${name} is not an address: ${value}`);
    return getAddress(value);
  };
  const roleOf = (name: string): Address | null | undefined => (env[name] === "none" ? null : addressOf(name));
  const parameters: DeployPodiumParameters = {
    rpcUrl: flag("--rpc-url") ?? env.PODIUM_RPC_URL ?? "http://127.0.0.1:8545",
  };
  const outDir = flag("--out");
  if (outDir !== undefined) parameters.outDir = outDir;
  if (env.PODIUM_DEPLOYER_KEY) parameters.deployerKey = env.PODIUM_DEPLOYER_KEY as Hex;
  const admin = addressOf("PODIUM_ADMIN");
  if (admin !== undefined) parameters.admin = admin;
  const treasury = addressOf("PODIUM_TREASURY");
  if (treasury !== undefined) parameters.treasury = treasury;
  const operator = roleOf("PODIUM_OPERATOR");
  if (operator !== undefined) parameters.operator = operator;
  const guardian = roleOf("PODIUM_GUARDIAN");
  if (guardian !== undefined) parameters.guardian = guardian;
  if (env.PODIUM_ADMIN_DELAY !== undefined && env.PODIUM_ADMIN_DELAY !== "") {
    const delay = Number(env.PODIUM_ADMIN_DELAY);
    if (!Number.isSafeInteger(delay))
      throw new DeploymentError(`PODIUM_ADMIN_DELAY is not a whole number of seconds: ${env.PODIUM_ADMIN_DELAY}`);
    parameters.adminDelay = delay;
  }
  return parameters;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { deployment, path } = await deployPodium(
      deployParametersFromEnvironment(process.argv.slice(2), process.env),
    );
    process.stdout.write(
      `deploy: PodiumArena ${deployment.arena} and SeasonPayoutFactory ${deployment.payoutFactory} on chain ${deployment.chainId} (block ${deployment.blockNumber}) -> ${path}\n`,
    );
  } catch (error) {
    process.stderr.write(`deploy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
