/**
 * Deploys SeasonPayoutFactory and PodiumArena (the production build from the generated ABI module)
 * to a JSON-RPC node and writes `<outDir>/<chainId>.json` through `writeDeployment`. Used by the
 * `npm run deploy` command (scripts/src/deploy.ts), the local arena and the runner's tests: it lives
 * here so that every package can deploy without reaching into another one's sources.
 */
import {
  type Account,
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  type Hex,
  http,
  keccak256,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  podiumArenaAbi,
  podiumArenaBytecode,
  seasonPayoutFactoryAbi,
  seasonPayoutFactoryBytecode,
} from "../generated/abi.ts";
import { DeploymentError, type PodiumDeployment, writeDeployment } from "./deployments.ts";

export type DeployPodiumParameters = {
  rpcUrl: string;
  /** Signs locally; without it the node's first unlocked account sends the transactions. */
  deployerKey?: Hex;
  admin?: Address;
  /** Seconds; defaults to 3 days, or 0 on chain 31337 (Hardhat's local node). */
  adminDelay?: number;
  /** `null` leaves the role unassigned; `undefined` gives it to the deployer. */
  operator?: Address | null;
  guardian?: Address | null;
  treasury?: Address;
  /** Where `<chainId>.json` goes; contracts/deployments by default. */
  outDir?: string;
};

export type DeployPodiumReturnType = { deployment: PodiumDeployment; path: string };

const LOCAL_CHAIN_ID = 31_337;
const DEFAULT_ADMIN_DELAY = 3 * 24 * 60 * 60;

export async function deployPodium(parameters: DeployPodiumParameters): Promise<DeployPodiumReturnType> {
  const transport = http(parameters.rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ transport });
  let chainId: number;
  try {
    chainId = await publicClient.getChainId();
  } catch (cause) {
    throw new DeploymentError(`Cannot reach the JSON-RPC node at ${parameters.rpcUrl}`, {
      hint: "Start a local node with `npm run chain`, or set PODIUM_RPC_URL to a reachable node",
      cause,
    });
  }
  const account = await deployerAccount(parameters, transport);
  const deployer = typeof account === "string" ? account : account.address;
  const walletClient = createWalletClient({ account, transport });
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [parameters.rpcUrl] } },
  });

  const admin = parameters.admin ?? deployer;
  const adminDelay = parameters.adminDelay ?? (chainId === LOCAL_CHAIN_ID ? 0 : DEFAULT_ADMIN_DELAY);
  const operator = parameters.operator === undefined ? deployer : parameters.operator;
  const guardian = parameters.guardian === undefined ? deployer : parameters.guardian;
  const treasury = parameters.treasury ?? deployer;
  if (!Number.isSafeInteger(adminDelay) || adminDelay < 0 || adminDelay >= 2 ** 48) {
    throw new DeploymentError(`Invalid admin delay ${adminDelay}`, {
      hint: "PODIUM_ADMIN_DELAY is a number of seconds below 2^48",
    });
  }

  const factoryHash = await walletClient.deployContract({
    abi: seasonPayoutFactoryAbi,
    bytecode: seasonPayoutFactoryBytecode,
    chain,
  });
  const factoryReceipt = await publicClient.waitForTransactionReceipt({ hash: factoryHash });
  const payoutFactory = requireDeployed(factoryReceipt, "SeasonPayoutFactory");

  const zero = "0x0000000000000000000000000000000000000000" as const;
  const arenaHash = await walletClient.deployContract({
    abi: podiumArenaAbi,
    bytecode: podiumArenaBytecode,
    args: [payoutFactory, admin, adminDelay, operator ?? zero, guardian ?? zero, treasury],
    chain,
  });
  const arenaReceipt = await publicClient.waitForTransactionReceipt({ hash: arenaHash });
  const arena = requireDeployed(arenaReceipt, "PodiumArena");
  const code = await publicClient.getCode({ address: arena });
  if (code === undefined || code === "0x") {
    throw new DeploymentError(`PodiumArena has no code at ${arena} after its deployment`, {
      hint: "The node may have reorganised; deploy again",
    });
  }

  const deployment: PodiumDeployment = {
    chainId,
    arena,
    payoutFactory,
    blockNumber: Number(arenaReceipt.blockNumber),
    transactionHash: arenaHash,
    arenaCodeHash: keccak256(code),
    deployer: getAddress(deployer),
    admin: getAddress(admin),
    adminDelay,
    operator: operator === null ? null : getAddress(operator),
    guardian: guardian === null ? null : getAddress(guardian),
    treasury: getAddress(treasury),
  };
  const path = writeDeployment(deployment, parameters.outDir === undefined ? {} : { dir: parameters.outDir });
  return { deployment, path };
}

async function deployerAccount(parameters: DeployPodiumParameters, transport: Transport): Promise<Account | Address> {
  if (parameters.deployerKey !== undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(parameters.deployerKey)) {
      throw new DeploymentError("PODIUM_DEPLOYER_KEY is not a private key", {
        details: "expected 0x followed by 64 hex digits",
        hint: "Export the deployer's private key, never commit it (.env is git-ignored)",
      });
    }
    return privateKeyToAccount(parameters.deployerKey);
  }
  const [first] = await createWalletClient({ transport }).getAddresses();
  if (first === undefined) {
    throw new DeploymentError(`The node at ${parameters.rpcUrl} has no unlocked account`, {
      hint: "Set PODIUM_DEPLOYER_KEY to the deployer's private key",
    });
  }
  return getAddress(first);
}

function requireDeployed(
  receipt: { status: string; contractAddress?: Address | null | undefined },
  name: string,
): Address {
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new DeploymentError(`Deploying ${name} failed (status ${receipt.status})`, {
      hint: "Check the deployer's balance and the node's gas limits",
    });
  }
  return getAddress(receipt.contractAddress);
}
