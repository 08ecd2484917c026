/**
 * Shared set-up for the arena's TypeScript tests and gas benchmark: deploys the payout factory, the
 * arena and ERC-20s on a Hardhat network connection, and builds season parameters relative to the
 * chain's clock. Real contracts on Hardhat's in-process EVM; nothing is mocked.
 */
import assert from "node:assert/strict";
import type { Address, Hex } from "viem";
import { encodeAbiParameters, getAddress, keccak256, parseSignature, toHex } from "viem";
import { deployTestContract, mockTokenAbi, testContractAt } from "./testContracts.ts";

/** What a connection from `network.create()` gives; typed loosely so tests and benchmarks share it. */
type Connection = Awaited<ReturnType<typeof import("hardhat").network.create>>;
export type Viem = Connection["viem"];
export type NetworkHelpers = Connection["networkHelpers"];

export type SeasonParams = {
  asset: Address;
  entryFee: bigint;
  entryOpensAt: bigint;
  entryClosesAt: bigint;
  startsAt: bigint;
  endsAt: bigint;
  roundCount: bigint;
  maxEntrants: bigint;
  maxEntriesPerWallet: bigint;
  protocolFeeBps: bigint;
  disputeWindow: bigint;
  finalizationDeadline: bigint;
  claimDeadline: bigint;
  rulesHash: Hex;
};

/**
 * Tests run on the default build profile: unoptimized (and instrumented under --coverage), where
 * PodiumArena is larger than the 24,576-byte deployment limit that its production build respects
 * (the build fails on the compiler's size warning, and the gas benchmark deploys the production code
 * without this override). Pass to `network.create(TEST_NETWORK)`.
 */
export const TEST_NETWORK = { override: { allowUnlimitedContractSize: true } } as const;

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as const;
export const ZERO_HASH = `0x${"00".repeat(32)}` as const;
export const HOUR = 3_600n;
export const DAY = 86_400n;
/** IPodiumArena.ROUND_COMMIT_GRACE and the other limits of SeasonParamsValidation.sol. */
export const ROUND_COMMIT_GRACE = DAY;
export const MIN_CLAIM_PERIOD = 7n * DAY;
export const MAX_CLAIM_PERIOD = 365n * DAY;
export const MAX_FINALIZATION_DELAY = 30n * DAY;
export const MIN_DISPUTE_WINDOW = HOUR;
export const MAX_DISPUTE_WINDOW = 30n * DAY;
export const MAX_PROTOCOL_FEE_BPS = 2_000n;
export const MAX_ENTRANTS = 2n ** 24n - 1n;
export const MAX_ENTRIES_PER_WALLET = 255n;
export const MAX_ROUNDS = 2n ** 16n - 1n;
export const MAX_SEASON_AMOUNT = 2n ** 96n - 1n;
export const MAX_ENDS_AT = 2n ** 40n - 1n - MAX_FINALIZATION_DELAY - MAX_DISPUTE_WINDOW - MAX_CLAIM_PERIOD;
export const ADMIN_DELAY = 3n * DAY;

/** IPodiumArena.SeasonStatus, in declaration order. */
export const Status = {
  None: 0,
  Upcoming: 1,
  EntryOpen: 2,
  EntryClosed: 3,
  Running: 4,
  AwaitingFinalization: 5,
  DisputeWindow: 6,
  Claimable: 7,
  ClaimsClosed: 8,
  Swept: 9,
  Cancelled: 10,
  Voided: 11,
  FinalizationMissed: 12,
} as const;

/** IPodiumArena.EntrantStatus, in declaration order. */
export const EntrantStatus = { None: 0, Active: 1, Withdrawn: 2, Refunded: 3 } as const;

export const RULES_HASH = keccak256(toHex("podium rules v1"));

/** Addresses compare case-insensitively (wallet clients give lower case, reads give checksums). */
export function assertSameAddress(actual: string, expected: string, message?: string): void {
  assert.equal(getAddress(actual), getAddress(expected), message);
}

export function configHash(label: string): Hex {
  return keccak256(toHex(`agent config ${label}`));
}

export function digest(label: string): Hex {
  return keccak256(toHex(label));
}

/** RoundChain.genesis, computed independently of the contract. */
export function roundChainGenesis(chainId: bigint, arena: Address, seasonId: bigint, rulesHash: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "uint256" }, { type: "bytes32" }],
      [chainId, arena, seasonId, rulesHash],
    ),
  );
}

/** RoundChain.link, computed independently of the contract. */
export function roundChainLink(previous: Hex, roundIndex: bigint, records: Hex, standings: Hex, artifact: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint256" }, { type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }],
      [previous, roundIndex, records, standings, artifact],
    ),
  );
}

/**
 * A season whose windows follow each other at the given offsets from `now`:
 * entry [now + 1h, now + 1d), run [now + 2d, now + 9d), finalization by end + 2d,
 * dispute window 1d, claims until the latest dispute end + 14d.
 */
export function seasonParams(now: bigint, overrides: Partial<SeasonParams> = {}): SeasonParams {
  const startsAt = now + 2n * DAY;
  const endsAt = startsAt + 7n * DAY;
  const disputeWindow = DAY;
  const finalizationDeadline = endsAt + 2n * DAY;
  const base: SeasonParams = {
    asset: ZERO_ADDRESS,
    entryFee: 10n ** 16n,
    entryOpensAt: now + HOUR,
    entryClosesAt: now + DAY,
    startsAt,
    endsAt,
    roundCount: 3n,
    maxEntrants: 100n,
    maxEntriesPerWallet: 3n,
    protocolFeeBps: 500n,
    disputeWindow,
    finalizationDeadline,
    claimDeadline: finalizationDeadline + disputeWindow + 14n * DAY,
    rulesHash: RULES_HASH,
  };
  const params = { ...base, ...overrides };
  // Checksummed, as the contract's reads and events return addresses.
  return { ...params, asset: getAddress(params.asset) };
}

export async function deployArena(viem: Viem, networkHelpers: NetworkHelpers) {
  const [admin, operator, guardian, treasury, ...players] = await viem.getWalletClients();
  if (admin === undefined || operator === undefined || guardian === undefined || treasury === undefined) {
    throw new Error("deployArena: the network needs at least 4 funded accounts");
  }
  const factory = await viem.deployContract("SeasonPayoutFactory");
  const arena = await viem.deployContract("PodiumArena", [
    factory.address,
    admin.account.address,
    Number(ADMIN_DELAY),
    operator.account.address,
    guardian.account.address,
    treasury.account.address,
  ]);
  const publicClient = await viem.getPublicClient();
  const now = async () => BigInt(await networkHelpers.time.latest());
  const asOperator = await viem.getContractAt("PodiumArena", arena.address, { client: { wallet: operator } });
  const asGuardian = await viem.getContractAt("PodiumArena", arena.address, { client: { wallet: guardian } });
  return { arena, factory, admin, operator, guardian, treasury, players, publicClient, now, asOperator, asGuardian };
}

export type ArenaFixture = Awaited<ReturnType<typeof deployArena>>;

/**
 * The arena plus three tokens (with permit, plain, fee-on-transfer) and helpers to drive seasons:
 * what the behaviour tests start from (through `networkHelpers.loadFixture`).
 */
export async function arenaWithTokens(viem: Viem, networkHelpers: NetworkHelpers) {
  const base = await deployArena(viem, networkHelpers);
  const token = await deployTestContract(viem, "MockERC20Permit", mockTokenAbi, ["Podium Test Dollar", "PTD"]);
  const plainToken = await deployTestContract(viem, "MockERC20", mockTokenAbi, ["Plain Token", "PLN"]);
  // Burns 1% (100 bps) of every transfer.
  const feeToken = await deployTestContract(viem, "FeeOnTransferToken", mockTokenAbi, [100n]);
  const chainId = BigInt(await base.publicClient.getChainId());

  const player = (i: number) => {
    const wallet = base.players[i];
    if (wallet === undefined) throw new Error(`arenaWithTokens: no player ${i}`);
    return wallet;
  };
  const address = (i: number) => getAddress(player(i).account.address);
  const arenaAs = (i: number) =>
    viem.getContractAt("PodiumArena", base.arena.address, { client: { wallet: player(i) } });
  const tokenAs = (i: number, address: Address = token.address) =>
    testContractAt(viem, mockTokenAbi, address, player(i));
  const waitFor = async (hash: Hex | Promise<Hex>) => {
    const receipt = await base.publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };

  /** Creates a season (as the operator) and returns its id and parameters. */
  const createSeason = async (overrides: Partial<SeasonParams> = {}) => {
    const params = seasonParams(await base.now(), overrides);
    await waitFor(base.asOperator.write.createSeason([params, "ipfs://season"]));
    return { seasonId: await base.arena.read.seasonCount(), params };
  };

  /** Enters player `i` with the config labelled `label`, paying the fee in ETH or in `token`. */
  const enter = async (i: number, seasonId: bigint, params: SeasonParams, label = `p${i}`) => {
    const arena = await arenaAs(i);
    if (params.asset === ZERO_ADDRESS) {
      await waitFor(arena.write.enter([seasonId, configHash(label)], { value: params.entryFee }));
    } else {
      const erc20 = await tokenAs(i, params.asset);
      await waitFor(erc20.write.mint([address(i), params.entryFee]));
      await waitFor(erc20.write.approve([base.arena.address, params.entryFee]));
      await waitFor(arena.write.enter([seasonId, configHash(label)]));
    }
  };

  const increaseTo = (timestamp: bigint) => networkHelpers.time.increaseTo(timestamp);

  /** Commits the rounds not committed yet (moving to the season's start first). */
  const commitAllRounds = async (seasonId: bigint, params: SeasonParams) => {
    if ((await base.now()) < params.startsAt) await increaseTo(params.startsAt);
    const { roundsCommitted } = await base.arena.read.getSeason([seasonId]);
    for (let round = roundsCommitted; round < params.roundCount; round++) {
      await waitFor(
        base.asOperator.write.commitRound([
          seasonId,
          round,
          digest(`records ${round}`),
          digest(`standings ${round}`),
          digest(`artifact ${round}`),
          `ipfs://round-${round}`,
        ]),
      );
    }
  };

  /** Commits the remaining rounds, moves to the end and finalizes with `resultsRoot` and `totalPayout`. */
  const finalize = async (seasonId: bigint, params: SeasonParams, resultsRoot: Hex, totalPayout: bigint) => {
    await commitAllRounds(seasonId, params);
    if ((await base.now()) < params.endsAt) await increaseTo(params.endsAt);
    await waitFor(
      base.asOperator.write.finalize([seasonId, resultsRoot, totalPayout, digest("final artifact"), "ipfs://final"]),
    );
    return await viem.getContractAt("SeasonPayout", await base.arena.read.payoutOf([seasonId]));
  };

  /** An EIP-2612 permit signature by player `i` for the arena. */
  const signPermit = async (i: number, value: bigint, deadline: bigint, nonce = 0n) => {
    const signature = await player(i).signTypedData({
      domain: { name: "Podium Test Dollar", version: "1", chainId: Number(chainId), verifyingContract: token.address },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner: address(i), spender: base.arena.address, value, nonce, deadline },
    });
    const { v, r, s } = parseSignature(signature);
    return { v: Number(v ?? 27n), r, s };
  };

  const balanceOf = async (asset: Address, who: Address) =>
    asset === ZERO_ADDRESS
      ? await base.publicClient.getBalance({ address: who })
      : await (await testContractAt(viem, mockTokenAbi, asset)).read.balanceOf([who]);

  return {
    ...base,
    token,
    plainToken,
    feeToken,
    chainId,
    player,
    address,
    arenaAs,
    tokenAs,
    waitFor,
    createSeason,
    enter,
    increaseTo,
    commitAllRounds,
    finalize,
    signPermit,
    balanceOf,
  };
}

export type ArenaWithTokens = Awaited<ReturnType<typeof arenaWithTokens>>;
