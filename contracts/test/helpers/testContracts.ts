/**
 * Typed handles on the test-only contracts (mocks and gas references under contracts/test/). Hardhat
 * writes TypeScript declarations only for the sources in contracts/src, so these contracts get
 * their ABIs here, as human-readable signatures of exactly what the tests call.
 */
import { type Abi, type Address, erc20Abi, getContract, parseAbi } from "viem";

type Connection = Awaited<ReturnType<typeof import("hardhat").network.create>>;
type Viem = Connection["viem"];
/** Hardhat's wallet clients know their chain and account, so writes need neither. */
type HardhatWalletClient = Awaited<ReturnType<Viem["getWalletClients"]>>[number];

/** MockERC20, MockERC20Permit and FeeOnTransferToken: OpenZeppelin ERC20 + mint (+ permit). */
export const mockTokenAbi = [
  ...erc20Abi,
  ...parseAbi([
    "function mint(address to, uint256 amount)",
    "function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)",
    "function nonces(address owner) view returns (uint256)",
    "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
    "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  ]),
] as const;

export const reentrantWalletAbi = parseAbi([
  "function setReentry(address target, bytes data)",
  "function execute(address target, uint256 value, bytes data) payable returns (bytes)",
]);

/** UniswapMerkleDistributor and BareMerkleClaim share the claim signature. */
export const merkleDistributorAbi = parseAbi([
  "function claim(uint256 index, address account, uint256 amount, bytes32[] proof)",
  "function isClaimed(uint256 index) view returns (bool)",
]);

export type TestContractName =
  | "MockERC20"
  | "MockERC20Permit"
  | "FeeOnTransferToken"
  | "ReentrantWallet"
  | "UniswapMerkleDistributor"
  | "BareMerkleClaim";

/** A typed contract at `address`, writing as `wallet` (or the first test account). */
export async function testContractAt<const abi extends Abi>(
  viem: Viem,
  abi: abi,
  address: Address,
  wallet?: HardhatWalletClient,
) {
  const publicClient = await viem.getPublicClient();
  const walletClient = wallet ?? (await viem.getWalletClients())[0];
  if (walletClient === undefined) throw new Error("testContractAt: the network has no account");
  return getContract({ address, abi, client: { public: publicClient, wallet: walletClient } });
}

/** Deploys a test-only contract from its Hardhat artifact and returns a typed handle on it. */
export async function deployTestContract<const abi extends Abi>(
  viem: Viem,
  name: TestContractName,
  abi: abi,
  args: readonly unknown[] = [],
) {
  const deployed = await viem.deployContract(name as never, args as never);
  return await testContractAt(viem, abi, (deployed as { address: Address }).address);
}
