import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, getAddress } from "viem";
import { arenaWithTokens, TEST_NETWORK } from "./helpers/arenaFixture.ts";
import type { FastStandardMerkleTree } from "./helpers/fastStandardMerkleTree.ts";
import { buildOzResultTree, buildResultTree, type ResultEntry } from "./helpers/resultTree.ts";

const LEAVES = 1_000_000;
/** ceil(log2(1,000,000)) = 20: most leaves of the tree sit 20 levels below the root. */
const PROOF_LENGTH = 20;

describe("a claim from a 1,000,000-leaf results tree", async () => {
  const { viem, networkHelpers } = await network.create(TEST_NETWORK);
  const setup = () => arenaWithTokens(viem, networkHelpers);

  // Lower-case hex: checksumming a million addresses would cost more than building the tree.
  const wallet = (i: number) => `0x${"c0".repeat(16)}${i.toString(16).padStart(8, "0")}` as Address;
  const entryAt = (i: number): ResultEntry => ({
    entrantIndex: BigInt(i),
    wallet: wallet(i),
    rank: BigInt(i + 1),
    // Alternating signs exercise int256 encoding across the tree.
    score: (i % 2 === 0 ? 1n : -1n) * BigInt(i) * 1_000n,
    reward: 1_000_000n + BigInt(i),
  });
  // sum over i < LEAVES of (10^6 + i) = LEAVES * 10^6 + LEAVES * (LEAVES - 1) / 2
  const totalRewards = BigInt(LEAVES) * 1_000_000n + (BigInt(LEAVES) * BigInt(LEAVES - 1)) / 2n;

  it("builds the same tree as @openzeppelin/merkle-tree (checked on 2,000 leaves)", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const domain = { chainId: fx.chainId, arena: fx.arena.address, seasonId: 1n };
    const entries = Array.from({ length: 2_000 }, (_, i) => entryAt(i));
    const fast = await buildResultTree(domain, entries.length, (i) => entries[i] as ResultEntry);
    const oz = buildOzResultTree(domain, entries);
    assert.equal(fast.root, oz.root);
    for (const i of [0, 1, 2, 999, 1_337, 1_999]) {
      assert.deepEqual(fast.getProof(i), oz.proof(i));
      assert.equal(fast.leafHash(i), oz.leafHash(i));
      const entry = entries[i] as ResultEntry;
      // The contract's leaf (ResultLeaf.sol through the arena's view) is OpenZeppelin's leaf hash.
      assert.equal(
        await fx.arena.read.resultLeaf([1n, entry.entrantIndex, entry.wallet, entry.rank, entry.score, entry.reward]),
        oz.leafHash(i),
      );
    }
  });

  it("pays a claim with a 20-element proof and rejects a wrong amount, index, season or proof", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    // Two fees of half the rewards each and no protocol fee: the payout, exactly what the tree promises,
    // is exactly what the season received (finalize accepts no other amount).
    const params = { asset: fx.token.address, entryFee: totalRewards / 2n, protocolFeeBps: 0n, roundCount: 1n };
    const season = await fx.createSeason(params);
    // A second season, finalized with the very same root: proofs of the first must not work there.
    const other = await fx.createSeason(params);
    await fx.increaseTo(other.params.entryOpensAt);
    for (const i of [0, 1]) await fx.enter(i, season.seasonId, season.params);
    await fx.enter(2, other.seasonId, other.params);

    const tree: FastStandardMerkleTree = await buildResultTree(
      { chainId: fx.chainId, arena: fx.arena.address, seasonId: season.seasonId },
      LEAVES,
      entryAt,
    );
    assert.equal(2n * params.entryFee, totalRewards);
    const payout = await fx.finalize(season.seasonId, season.params, tree.root, totalRewards);
    // The other season received one fee, all of which it pays out.
    const otherPayout = await fx.finalize(other.seasonId, other.params, tree.root, other.params.entryFee);
    await fx.increaseTo(await otherPayout.read.CLAIMS_OPEN_AT()); // the later of the two

    let index = 777_777;
    while (tree.getProof(index).length !== PROOF_LENGTH) index++;
    const entry = entryAt(index);
    const proof = tree.getProof(index);
    assert.equal(proof.length, PROOF_LENGTH);
    await networkHelpers.impersonateAccount(entry.wallet);
    await networkHelpers.setBalance(entry.wallet, 10n ** 18n);
    const claimer = await viem.getWalletClient(entry.wallet);
    const pot = await viem.getContractAt("SeasonPayout", payout.address, { client: { wallet: claimer } });

    const invalid = async (args: readonly [bigint, bigint, bigint, bigint, `0x${string}`[]], on = pot) =>
      viem.assertions.revertWithCustomErrorWithArgs(on.write.claim(args), on, "InvalidProof", [
        args[0],
        getAddress(entry.wallet),
        args[1],
        args[2],
        args[3],
      ]);
    await invalid([entry.entrantIndex, entry.rank, entry.score, entry.reward + 1n, proof]);
    await invalid([entry.entrantIndex + 1n, entry.rank, entry.score, entry.reward, proof]);
    const tampered = [...proof];
    tampered[PROOF_LENGTH - 1] = tampered[0] as `0x${string}`;
    await invalid([entry.entrantIndex, entry.rank, entry.score, entry.reward, tampered]);
    await invalid(
      [entry.entrantIndex, entry.rank, entry.score, entry.reward, proof],
      await viem.getContractAt("SeasonPayout", otherPayout.address, { client: { wallet: claimer } }),
    );

    await fx.waitFor(pot.write.claim([entry.entrantIndex, entry.rank, entry.score, entry.reward, proof]));
    assert.equal(await fx.token.read.balanceOf([entry.wallet]), entry.reward);
    assert.equal(await fx.arena.read.isClaimed([season.seasonId, entry.entrantIndex]), true);
  });
});
