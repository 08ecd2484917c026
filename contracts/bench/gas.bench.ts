/**
 * Gas of every PodiumArena path, and of the two claim baselines the issue names, measured in one
 * run on the same in-process EVM (Hardhat/EDR, its default hardfork), the same compiler settings
 * (the production build profile: solc 0.8.28, optimizer 200 runs, evm cancun, checked below) and the
 * same ERC-20 (OpenZeppelin ERC20 with permit):
 * - contracts/test/reference/UniswapMerkleDistributor.sol: Uniswap's MerkleDistributor, re-typed;
 * - contracts/test/reference/BareMerkleClaim.sol: OpenZeppelin MerkleProof + BitMaps + SafeERC20 with
 *   the root and the token immutable.
 * Each claim proves a leaf of its own 1,000,000-leaf tree with a 20-element proof and pays a wallet
 * that held none of the token (so every contract pays the same fresh-balance write). "First in word"
 * is the first claim of a 256-entrant bitmap word, "later" the next claim in the same word.
 *
 * Run: `npm run bench` (or `node contracts/bench/gas.bench.ts` to print without recording).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type BenchResult, reportBench } from "@podium/scripts/bench";
import hre from "hardhat";
import { type Address, type Hex, keccak256, parseSignature, toHex } from "viem";
import { configHash, DAY, deployArena, seasonParams, type Viem } from "../test/helpers/arenaFixture.ts";
import {
  buildFastStandardMerkleTree,
  type FastStandardMerkleTree,
  writeWord,
} from "../test/helpers/fastStandardMerkleTree.ts";
import { buildResultTree } from "../test/helpers/resultTree.ts";
import {
  deployTestContract,
  merkleDistributorAbi,
  mockTokenAbi,
  testContractAt,
} from "../test/helpers/testContracts.ts";

const LEAVES = 1_000_000;
const PROOF_LENGTH = 20;
const root = join(import.meta.dirname, "..", "..");

// ------------------------------------------------------------------ build: production profile only
await hre.tasks.getTask("build").run({ defaultBuildProfile: "production", quiet: true });
for (const path of [
  "contracts/src/PodiumArena.sol/PodiumArena.json",
  "contracts/src/SeasonPayout.sol/SeasonPayout.json",
  "contracts/test/reference/UniswapMerkleDistributor.sol/UniswapMerkleDistributor.json",
  "contracts/test/reference/BareMerkleClaim.sol/BareMerkleClaim.json",
]) {
  const artifact = JSON.parse(readFileSync(join(root, "contracts", "artifacts", path), "utf8")) as {
    buildInfoId: string;
  };
  const buildInfo = JSON.parse(
    readFileSync(join(root, "contracts", "artifacts", "build-info", `${artifact.buildInfoId}.json`), "utf8"),
  ) as { solcVersion: string; input: { settings: { optimizer?: { enabled?: boolean; runs?: number } } } };
  const optimizer = buildInfo.input.settings.optimizer;
  if (optimizer?.enabled !== true || optimizer.runs !== 200 || buildInfo.solcVersion !== "0.8.28") {
    throw new Error(`gas.bench: ${path} was not built with solc 0.8.28, optimizer 200 runs`);
  }
}

const { viem, networkHelpers } = await hre.network.create();
const fixture = await deployArena(viem, networkHelpers);
const { arena, asOperator, asGuardian, players, publicClient, now } = fixture;
const token = await deployTestContract(viem, "MockERC20Permit", mockTokenAbi, ["Podium Test Dollar", "PTD"]);
const chainId = BigInt(await publicClient.getChainId());

const results: BenchResult[] = [];
const gasOf = async (hash: Hex | Promise<Hex>): Promise<number> => {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error(`gas.bench: transaction ${receipt.transactionHash} reverted`);
  return Number(receipt.gasUsed);
};
const gas = (name: string, value: number, note: string, baseline?: { name: string; value: number }) => {
  results.push({
    name: `contracts.gas.${name}`,
    value,
    unit: "gas",
    better: "lower",
    note,
    ...(baseline ? { baseline } : {}),
  });
};
const player = (i: number) => {
  const wallet = players[i];
  if (wallet === undefined) throw new Error(`gas.bench: no player ${i}`);
  return wallet;
};
const asPlayer = (i: number) => viem.getContractAt("PodiumArena", arena.address, { client: { wallet: player(i) } });
const seasonIdOf = async (hash: Hex) => {
  await gasOf(hash);
  return await arena.read.seasonCount();
};

// ------------------------------------------------------------------ ETH season: create, enter, rounds, finalize
const ethParams = seasonParams(await now());
const createHash = asOperator.write.createSeason([
  ethParams,
  "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
]);
gas("createSeason", await gasOf(createHash), "ETH season, 59-byte metadata URI (emitted, not stored)");
const ethSeason = await arena.read.seasonCount();
await networkHelpers.time.increaseTo(ethParams.entryOpensAt);

const p0 = await asPlayer(0);
const p1 = await asPlayer(1);
const p2 = await asPlayer(2);
gas(
  "enter.eth.newWallet",
  await gasOf(p0.write.enter([ethSeason, configHash("p0-a")], { value: ethParams.entryFee })),
  "target <= 100,000; first entry of a wallet in the season (three new slots: entrant, config hash, wallet list)",
);
gas(
  "enter.eth.sameWallet",
  await gasOf(p0.write.enter([ethSeason, configHash("p0-b")], { value: ethParams.entryFee })),
  "second entry of the same wallet (its wallet list slot already exists)",
);
await gasOf(p1.write.enter([ethSeason, configHash("p1")], { value: ethParams.entryFee }));
await gasOf(p2.write.enter([ethSeason, configHash("p2")], { value: ethParams.entryFee }));
gas(
  "updateConfigHash",
  await gasOf(p1.write.updateConfigHash([ethSeason, 2n, configHash("p1-v2")])),
  "before the start",
);
gas("withdrawEntry.eth", await gasOf(p0.write.withdrawEntry([ethSeason, 1n])), "full refund before the start");

await networkHelpers.time.increaseTo(ethParams.startsAt);
const uri = "ipfs://bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku/round-0000.json";
const digest = (label: string) => keccak256(toHex(label));
const commitGas: number[] = [];
for (let round = 0n; round < ethParams.roundCount; round++) {
  commitGas.push(
    await gasOf(
      asOperator.write.commitRound([
        ethSeason,
        round,
        digest(`records ${round}`),
        digest(`standings ${round}`),
        digest(`artifact ${round}`),
        uri,
      ]),
    ),
  );
}
const commitNote =
  "target <= 55,000 whatever the trade count: the round's trades are only a 32-byte records root; 80-byte URI";
gas("commitRound.first", commitGas[0] ?? 0, commitNote);
gas("commitRound.last", commitGas.at(-1) ?? 0, commitNote);

await networkHelpers.time.increaseTo(ethParams.endsAt);
// Three active entries paid 3 fees; 5% protocol fee; the rest is the payout.
const ethReceived = 3n * ethParams.entryFee;
const ethPayout = ethReceived - (ethReceived * ethParams.protocolFeeBps) / 10_000n;
gas(
  "finalize.eth",
  await gasOf(asOperator.write.finalize([ethSeason, digest("results"), ethPayout, digest("final artifact"), uri])),
  "creates and funds the season's SeasonPayout (about 3.2 kB of code)",
);

// ------------------------------------------------------------------ ERC-20 entries: approve + enter, permit
const tokenParams = seasonParams(await now(), { asset: token.address, entryFee: 10n ** 18n, roundCount: 1n });
const tokenSeason = await seasonIdOf(await asOperator.write.createSeason([tokenParams, "ipfs://token-season"]));
await networkHelpers.time.increaseTo(tokenParams.entryOpensAt);
for (const i of [3, 4, 5]) await token.write.mint([player(i).account.address, 10n ** 21n]);
const p3Token = await testContractAt(viem, mockTokenAbi, token.address, player(3));
await gasOf(p3Token.write.approve([arena.address, tokenParams.entryFee]));
gas(
  "enter.erc20.newWallet",
  await gasOf((await asPlayer(3)).write.enter([tokenSeason, configHash("p3")])),
  "after a separate approve; includes the balance checks that refuse fee-on-transfer tokens",
);
const owner = player(4).account.address;
const deadline = (await now()) + DAY;
const signature = await player(4).signTypedData({
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
  message: { owner, spender: arena.address, value: tokenParams.entryFee, nonce: 0n, deadline },
});
const { v, r, s } = parseSignature(signature);
gas(
  "enterWithPermit.erc20.newWallet",
  await gasOf(
    (await asPlayer(4)).write.enterWithPermit([tokenSeason, configHash("p4"), deadline, Number(v ?? 27n), r, s]),
  ),
  "one transaction: EIP-2612 permit + transferFrom",
);

// ------------------------------------------------------------------ refunds: cancel an ETH season
const cancelParams = seasonParams(await now());
const cancelSeason = await seasonIdOf(await asOperator.write.createSeason([cancelParams, "ipfs://cancelled"]));
await networkHelpers.time.increaseTo(cancelParams.entryOpensAt);
await gasOf((await asPlayer(5)).write.enter([cancelSeason, configHash("p5")], { value: cancelParams.entryFee }));
gas(
  "cancelSeason",
  await gasOf(asGuardian.write.cancelSeason([cancelSeason, "dataset withdrawn"])),
  "guardian, during entry",
);
gas("refund.eth", await gasOf((await asPlayer(5)).write.refund([cancelSeason, 0n])), "after a cancellation");

// ------------------------------------------------------------------ claims on 1,000,000-leaf trees
// Lower-case hex: checksumming a million addresses would cost more than building the trees.
const wallet = (i: number) => `0x${"a5".repeat(16)}${i.toString(16).padStart(8, "0")}` as Address;
const reward = (i: number) => 10n ** 12n + BigInt(i);
const rank = (i: number) => BigInt(i + 1);
// Scores in the engine's 8-decimal fixed point, positive for the winners measured here.
const score = (i: number) => BigInt(LEAVES - i) * 10n ** 6n;

/** Two value indices in one 256-entrant bitmap word whose proofs have 20 elements (most leaves do). */
function pickPair(tree: FastStandardMerkleTree, startWord: number): [number, number] {
  for (let word = startWord; ; word++) {
    const first = word * 256;
    if (tree.getProof(first).length === PROOF_LENGTH && tree.getProof(first + 1).length === PROOF_LENGTH) {
      return [first, first + 1];
    }
  }
}
async function claimant(viemClient: Viem, address: Address) {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, 10n ** 18n);
  return await viemClient.getWalletClient(address);
}

// PodiumArena: a season whose results tree has 1M leaves; its payout is the sum of all rewards.
// sum of 10^12 + i for i < 10^6
const totalPayout = BigInt(LEAVES) * 10n ** 12n + (BigInt(LEAVES) * BigInt(LEAVES - 1)) / 2n;
// finalize accepts only the fees less the protocol fee: two entries of half the payout each, no protocol fee.
const claimParams = seasonParams(await now(), {
  asset: token.address,
  entryFee: totalPayout / 2n,
  protocolFeeBps: 0n,
  roundCount: 1n,
});
if (2n * claimParams.entryFee !== totalPayout) throw new Error("gas.bench: the claim season's payout must be even");
const claimSeason = await seasonIdOf(await asOperator.write.createSeason([claimParams, "ipfs://claims"]));
await networkHelpers.time.increaseTo(claimParams.entryOpensAt);
for (const i of [6, 7]) {
  await token.write.mint([player(i).account.address, claimParams.entryFee]);
  const asHolder = await testContractAt(viem, mockTokenAbi, token.address, player(i));
  await gasOf(asHolder.write.approve([arena.address, claimParams.entryFee]));
  await gasOf((await asPlayer(i)).write.enter([claimSeason, configHash(`p${i}`)]));
}
const arenaTree = await buildResultTree({ chainId, arena: arena.address, seasonId: claimSeason }, LEAVES, (i) => ({
  entrantIndex: BigInt(i),
  wallet: wallet(i),
  rank: rank(i),
  score: score(i),
  reward: reward(i),
}));
await networkHelpers.time.increaseTo(claimParams.startsAt);
await gasOf(asOperator.write.commitRound([claimSeason, 0n, digest("r"), digest("s"), digest("a"), uri]));
await networkHelpers.time.increaseTo(claimParams.endsAt);
gas(
  "finalize.erc20",
  await gasOf(asOperator.write.finalize([claimSeason, arenaTree.root, totalPayout, digest("final"), uri])),
  "creates the SeasonPayout and transfers the payout to it",
);
const payout = await viem.getContractAt("SeasonPayout", await arena.read.payoutOf([claimSeason]));
await networkHelpers.time.increaseTo(await payout.read.CLAIMS_OPEN_AT());

// Uniswap's distributor: leaf keccak256(abi.encodePacked(index, account, amount)), hashed once.
const uniswapTree = await buildFastStandardMerkleTree({
  leafCount: LEAVES,
  encodedLength: 32 + 20 + 32,
  doubleHashLeaves: false,
  encode: (i, out) => {
    writeWord(out, 0, i);
    writeWord(out, 32, BigInt(wallet(i)), 20);
    writeWord(out, 52, reward(i));
  },
});
const uniswap = await deployTestContract(viem, "UniswapMerkleDistributor", merkleDistributorAbi, [
  token.address,
  uniswapTree.root,
]);
// The bare OpenZeppelin claim: StandardMerkleTree leaf of (uint256 index, address account, uint256 amount).
const bareTree = await buildFastStandardMerkleTree({
  leafCount: LEAVES,
  encodedLength: 96,
  encode: (i, out) => {
    writeWord(out, 0, i);
    writeWord(out, 32, BigInt(wallet(i)));
    writeWord(out, 64, reward(i));
  },
});
const bare = await deployTestContract(viem, "BareMerkleClaim", merkleDistributorAbi, [token.address, bareTree.root]);
for (const distributor of [uniswap.address, bare.address]) await token.write.mint([distributor, totalPayout]);

// Each contract claims in its own bitmap words, so every "first" claim starts from a zero word.
const measured: Record<string, [number, number]> = {};
{
  const pair = pickPair(arenaTree, 1_000);
  measured.arena = [0, 0];
  for (const [k, i] of pair.entries()) {
    const client = await claimant(viem, wallet(i));
    const asClaimant = await viem.getContractAt("SeasonPayout", payout.address, { client: { wallet: client } });
    measured.arena[k] = await gasOf(
      asClaimant.write.claim([BigInt(i), rank(i), score(i), reward(i), arenaTree.getProof(i)]),
    );
  }
}
for (const [name, contract, tree, startWord] of [
  ["uniswap", uniswap, uniswapTree, 2_000],
  ["bare", bare, bareTree, 3_000],
] as const) {
  const pair = pickPair(tree, startWord);
  measured[name] = [0, 0];
  for (const [k, i] of pair.entries()) {
    const client = await claimant(viem, wallet(i));
    const asClaimant = await testContractAt(viem, merkleDistributorAbi, contract.address, client);
    (measured[name] as [number, number])[k] = await gasOf(
      asClaimant.write.claim([BigInt(i), wallet(i), reward(i), tree.getProof(i)]),
    );
  }
}
const [arenaFirst, arenaLater] = measured.arena as [number, number];
const [uniswapFirst, uniswapLater] = measured.uniswap as [number, number];
const [bareFirst, bareLater] = measured.bare as [number, number];
const claimNote = (target: string) =>
  `target ${target} and below Uniswap; 20-element proof, 1,000,000-leaf tree, wallet without prior balance`;
gas("claim.erc20.firstInWord", arenaFirst, claimNote("<= 96,000"), {
  name: "Uniswap MerkleDistributor",
  value: uniswapFirst,
});
gas("claim.erc20.laterInWord", arenaLater, claimNote("<= 79,000"), {
  name: "Uniswap MerkleDistributor",
  value: uniswapLater,
});
gas(
  "claim.erc20.firstInWord.vsBareOz",
  arenaFirst,
  "same claim against the bare OpenZeppelin claim (root and token immutable)",
  {
    name: "OZ MerkleProof+BitMaps+SafeERC20",
    value: bareFirst,
  },
);
gas(
  "claim.erc20.laterInWord.vsBareOz",
  arenaLater,
  "same claim against the bare OpenZeppelin claim (root and token immutable)",
  {
    name: "OZ MerkleProof+BitMaps+SafeERC20",
    value: bareLater,
  },
);

// ------------------------------------------------------------------ void (ETH season in its dispute window) and sweep
const voidParams = seasonParams(await now(), { roundCount: 1n });
const voidSeason = await seasonIdOf(await asOperator.write.createSeason([voidParams, "ipfs://void"]));
await networkHelpers.time.increaseTo(voidParams.entryOpensAt);
await gasOf((await asPlayer(8)).write.enter([voidSeason, configHash("p8")], { value: voidParams.entryFee }));
await networkHelpers.time.increaseTo(voidParams.startsAt);
await gasOf(asOperator.write.commitRound([voidSeason, 0n, digest("r"), digest("s"), digest("a"), uri]));
await networkHelpers.time.increaseTo(voidParams.endsAt);
// One fee less the 5% protocol fee: the only payout finalize accepts.
const voidPayout = voidParams.entryFee - (voidParams.entryFee * voidParams.protocolFeeBps) / 10_000n;
await gasOf(asOperator.write.finalize([voidSeason, digest("bad results"), voidPayout, digest("a"), uri]));
gas(
  "voidSeason",
  await gasOf(asGuardian.write.voidSeason([voidSeason, "results disputed"])),
  "recalls the ETH payout from its pot",
);

const sweepAt = ethParams.claimDeadline + 1n;
if ((await now()) < sweepAt) await networkHelpers.time.increaseTo(sweepAt);
gas(
  "sweep.eth",
  await gasOf(arena.write.sweep([ethSeason])),
  "protocol fee and unclaimed rewards to the treasury (anyone)",
);

reportBench(results);
