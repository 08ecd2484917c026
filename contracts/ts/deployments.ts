/**
 * Where Podium's contracts live on each chain: `contracts/deployments/<chainId>.json`, written by
 * `npm run deploy` (scripts/src/deploy.ts) and read by the engine, the indexer and the app.
 * `parseDeployment` is pure (usable in a browser with the JSON fetched or imported); the file
 * helpers use `node:fs`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Address, getAddress, type Hex, isAddress, isHex } from "viem";

export type PodiumDeployment = {
  chainId: number;
  /** PodiumArena. */
  arena: Address;
  /** SeasonPayoutFactory, which creates each finalized season's SeasonPayout. */
  payoutFactory: Address;
  /** Block of the arena's deployment: where an indexer starts. */
  blockNumber: number;
  transactionHash: Hex;
  /** keccak256 of the arena's runtime code, to check that an address runs the expected build. */
  arenaCodeHash: Hex;
  deployer: Address;
  admin: Address;
  /** Seconds an admin transfer waits (AccessControlDefaultAdminRules). */
  adminDelay: number;
  operator: Address | null;
  guardian: Address | null;
  treasury: Address;
};

/** Same shape as the engine's PodiumError (message, details, hint); the contracts package does not depend on the engine. */
export class DeploymentError extends Error {
  override name = "DeploymentError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(shortMessage: string, parameters: { details?: string; hint?: string; cause?: unknown } = {}) {
    const lines = [shortMessage];
    if (parameters.details) lines.push(`Details: ${parameters.details}`);
    if (parameters.hint) lines.push(`Hint: ${parameters.hint}`);
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.hint = parameters.hint;
  }
}

export class DeploymentNotFoundError extends DeploymentError {
  override name = "DeploymentNotFoundError";
  constructor(chainId: number, path: string, cause?: unknown) {
    super(`No Podium deployment for chain ${chainId}`, {
      details: `${path} does not exist or cannot be read`,
      hint: "Deploy first: `npm run chain` in one shell, then `npm run deploy` (PODIUM_RPC_URL and PODIUM_DEPLOYER_KEY for another chain)",
      cause,
    });
  }
}

export class InvalidDeploymentError extends DeploymentError {
  override name = "InvalidDeploymentError";
  constructor(source: string, problem: string) {
    super(`Invalid Podium deployment in ${source}`, {
      details: problem,
      hint: "Re-run `npm run deploy` to rewrite the file; do not edit it by hand",
    });
  }
}

/** `contracts/deployments/`, next to this package. */
export const DEFAULT_DEPLOYMENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "deployments");

export function deploymentPath(chainId: number, dir: string = DEFAULT_DEPLOYMENTS_DIR): string {
  return join(dir, `${chainId}.json`);
}

/** Checks every field of a parsed deployment file and normalizes addresses to checksums. */
export function parseDeployment(json: unknown, source = "deployment"): PodiumDeployment {
  if (typeof json !== "object" || json === null) throw new InvalidDeploymentError(source, "not a JSON object");
  const record = json as Record<string, unknown>;
  const integer = (key: string): number => {
    const value = record[key];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new InvalidDeploymentError(source, `${key} must be a non-negative integer, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const address = (key: string): Address => {
    const value = record[key];
    if (typeof value !== "string" || !isAddress(value, { strict: false })) {
      throw new InvalidDeploymentError(source, `${key} must be an address, got ${JSON.stringify(value)}`);
    }
    return getAddress(value);
  };
  const optionalAddress = (key: string): Address | null => (record[key] === null ? null : address(key));
  const hash = (key: string): Hex => {
    const value = record[key];
    if (typeof value !== "string" || !isHex(value) || value.length !== 66) {
      throw new InvalidDeploymentError(source, `${key} must be a 32-byte hex string, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  return {
    chainId: integer("chainId"),
    arena: address("arena"),
    payoutFactory: address("payoutFactory"),
    blockNumber: integer("blockNumber"),
    transactionHash: hash("transactionHash"),
    arenaCodeHash: hash("arenaCodeHash"),
    deployer: address("deployer"),
    admin: address("admin"),
    adminDelay: integer("adminDelay"),
    operator: optionalAddress("operator"),
    guardian: optionalAddress("guardian"),
    treasury: address("treasury"),
  };
}

export function readDeployment(chainId: number, options: { dir?: string } = {}): PodiumDeployment {
  const path = deploymentPath(chainId, options.dir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new DeploymentNotFoundError(chainId, path, cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidDeploymentError(path, "not valid JSON");
  }
  const deployment = parseDeployment(json, path);
  if (deployment.chainId !== chainId) {
    throw new InvalidDeploymentError(path, `it is for chain ${deployment.chainId}, not ${chainId}`);
  }
  return deployment;
}

/** Writes `<dir>/<chainId>.json` (two-space JSON, trailing newline) and returns its path. */
export function writeDeployment(deployment: PodiumDeployment, options: { dir?: string } = {}): string {
  const checked = parseDeployment(deployment, "the deployment to write");
  const path = deploymentPath(checked.chainId, options.dir);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(checked, null, 2)}\n`);
  return path;
}
