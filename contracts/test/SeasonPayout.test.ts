import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, type Hex } from "viem";
import {
  type ArenaWithTokens,
  arenaWithTokens,
  assertSameAddress,
  configHash,
  type SeasonParams,
  Status,
  TEST_NETWORK,
  ZERO_ADDRESS,
} from "./helpers/arenaFixture.ts";
import { buildOzResultTree, type ResultEntry } from "./helpers/resultTree.ts";
import { deployTestContract, reentrantWalletAbi } from "./helpers/testContracts.ts";

describe("SeasonPayout claims and PodiumArena.claimMany", async () => {
  const { viem, networkHelpers } = await network.create(TEST_NETWORK);
  const setup = () => arenaWithTokens(viem, networkHelpers);

  /**
   * Players 0, 1, 2 enter; the results give 0 and 1 a reward and 2 nothing, summing to what the
   * season must pay (3 fees less the 5% protocol fee). Player 1's score is negative. With
   * `overpromise`, player 0's leaf is worth the whole payout: the tree promises more than the pot holds.
   */
  async function finalizedSeason(fx: ArenaWithTokens, overrides: Partial<SeasonParams> = {}, overpromise = false) {
    const season = await fx.createSeason(overrides);
    await fx.increaseTo(season.params.entryOpensAt);
    for (const i of [0, 1, 2]) await fx.enter(i, season.seasonId, season.params);
    const received = 3n * season.params.entryFee;
    const maxPayout = received - (received * season.params.protocolFeeBps) / 10_000n;
    const first = (maxPayout * 7n) / 10n;
    const entries: ResultEntry[] = [
      {
        entrantIndex: 0n,
        wallet: fx.address(0),
        rank: 1n,
        score: 150_000_000n,
        reward: overpromise ? maxPayout : first,
      },
      { entrantIndex: 1n, wallet: fx.address(1), rank: 2n, score: -20_000_000n, reward: maxPayout - first },
      { entrantIndex: 2n, wallet: fx.address(2), rank: 3n, score: -90_000_000n, reward: 0n },
    ];
    const tree = buildOzResultTree(
      { chainId: fx.chainId, arena: fx.arena.address, seasonId: season.seasonId },
      entries,
    );
    const payout = await fx.finalize(season.seasonId, season.params, tree.root, maxPayout);
    return { ...season, entries, tree, payout, maxPayout };
  }
  type Finalized = Awaited<ReturnType<typeof finalizedSeason>>;

  const claimArgs = (season: Finalized, i: number, change: Partial<ResultEntry> = {}, proof?: Hex[]) => {
    const entry = { ...(season.entries[i] as ResultEntry), ...change };
    return [entry.entrantIndex, entry.rank, entry.score, entry.reward, proof ?? season.tree.proof(i)] as const;
  };
  const payoutAs = async (fx: ArenaWithTokens, season: Finalized, i: number) =>
    viem.getContractAt("SeasonPayout", season.payout.address, { client: { wallet: fx.player(i) } });
  const openClaims = async (fx: ArenaWithTokens, season: Finalized) =>
    fx.increaseTo(await season.payout.read.CLAIMS_OPEN_AT());

  it("pays the caller the reward of its leaf once, and marks it claimed", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await finalizedSeason(fx);
    await openClaims(fx, season);
    const p0 = await payoutAs(fx, season, 0);
    const reward = (season.entries[0] as ResultEntry).reward;
    await viem.assertions.balancesHaveChanged(p0.write.claim(claimArgs(season, 0)), [
      { address: fx.address(0), amount: reward },
      { address: season.payout.address, amount: -reward },
    ]);
    assert.equal(await season.payout.read.isClaimed([0n]), true);
    assert.equal(await fx.arena.read.isClaimed([season.seasonId, 0n]), true);
    assert.equal(await fx.arena.read.isClaimed([season.seasonId, 1n]), false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p0.write.claim(claimArgs(season, 0)),
      season.payout,
      "AlreadyClaimed",
      [0n],
    );
  });

  it("emits Claimed, also for a negative score and a zero reward", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await finalizedSeason(fx);
    await openClaims(fx, season);
    for (const i of [1, 2]) {
      const entry = season.entries[i] as ResultEntry;
      await viem.assertions.emitWithArgs(
        (await payoutAs(fx, season, i)).write.claim(claimArgs(season, i)),
        season.payout,
        "Claimed",
        [entry.entrantIndex, fx.address(i), entry.reward],
      );
    }
  });

  it("pays ERC-20 rewards", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await finalizedSeason(fx, { asset: fx.token.address, entryFee: 10n ** 18n });
    await openClaims(fx, season);
    await fx.waitFor((await payoutAs(fx, season, 0)).write.claim(claimArgs(season, 0)));
    assert.equal(await fx.token.read.balanceOf([fx.address(0)]), (season.entries[0] as ResultEntry).reward);
  });

  it("opens claims at the end of the dispute window and closes them after the claim deadline", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await finalizedSeason(fx);
    const opensAt = await season.payout.read.CLAIMS_OPEN_AT();
    const p0 = await payoutAs(fx, season, 0);
    await networkHelpers.time.setNextBlockTimestamp(opensAt - 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p0.write.claim(claimArgs(season, 0)),
      season.payout,
      "ClaimsNotOpen",
      [opensAt - 1n, opensAt],
    );
    await networkHelpers.time.setNextBlockTimestamp(season.params.claimDeadline + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p0.write.claim(claimArgs(season, 0)),
      season.payout,
      "ClaimPeriodOver",
      [season.params.claimDeadline + 1n, season.params.claimDeadline],
    );
    await networkHelpers.time.setNextBlockTimestamp(season.params.claimDeadline);
    await fx.waitFor(p0.write.claim(claimArgs(season, 0)));
  });

  it("rejects a wrong reward, index, rank, score, caller or proof", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await finalizedSeason(fx);
    await openClaims(fx, season);
    const p0 = await payoutAs(fx, season, 0);
    const entry = season.entries[0] as ResultEntry;
    const wrong: Array<[Partial<ResultEntry>, Hex[] | undefined]> = [
      [{ reward: entry.reward + 1n }, undefined],
      [{ entrantIndex: 1n }, undefined],
      [{ rank: 2n }, undefined],
      [{ score: -entry.score }, undefined],
      [{}, season.tree.proof(1)],
    ];
    for (const [change, proof] of wrong) {
      const args = claimArgs(season, 0, change, proof);
      await viem.assertions.revertWithCustomErrorWithArgs(p0.write.claim(args), season.payout, "InvalidProof", [
        args[0],
        fx.address(0),
        args[1],
        args[2],
        args[3],
      ]);
    }
    // Player 1 presenting player 0's leaf: the leaf's wallet is the caller, so it does not verify.
    await viem.assertions.revertWithCustomErrorWithArgs(
      (await payoutAs(fx, season, 1)).write.claim(claimArgs(season, 0)),
      season.payout,
      "InvalidProof",
      [0n, fx.address(1), entry.rank, entry.score, entry.reward],
    );
  });

  it("never accepts a proof made for another season (the season id is in every leaf)", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const first = await finalizedSeason(fx);
    const second = await finalizedSeason(fx);
    await openClaims(fx, second);
    // Same entrants, same results, different season: the first season's proof fails on the second pot.
    const p0 = await payoutAs(fx, second, 0);
    const entry = first.entries[0] as ResultEntry;
    await viem.assertions.revertWithCustomErrorWithArgs(
      p0.write.claim(claimArgs(first, 0)),
      second.payout,
      "InvalidProof",
      [0n, fx.address(0), entry.rank, entry.score, entry.reward],
    );
  });

  it("cannot pay more than the pot holds, whatever the tree promises", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    for (const asset of [ZERO_ADDRESS, fx.token.address]) {
      // The pot holds exactly the payout, but the leaves promise more: player 0's takes all of it,
      // player 1's then finds the pot empty.
      const season = await finalizedSeason(fx, { asset, entryFee: 10n ** 18n }, true);
      await openClaims(fx, season);
      const arenaHolds = await fx.balanceOf(asset, fx.arena.address);
      await fx.waitFor((await payoutAs(fx, season, 0)).write.claim(claimArgs(season, 0)));
      assert.equal(await fx.balanceOf(asset, season.payout.address), 0n);
      const entry = season.entries[1] as ResultEntry;
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await payoutAs(fx, season, 1)).write.claim(claimArgs(season, 1)),
        season.payout,
        "PayoutFailed",
        [getAddress(asset), fx.address(1), entry.reward],
      );
      // The shortfall never reaches the arena's money (protocol fees, other seasons).
      assert.equal(await fx.balanceOf(asset, fx.arena.address), arenaHolds);
    }
  });

  it("pays nothing from a voided season's pot", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await finalizedSeason(fx);
    await fx.waitFor(fx.asGuardian.write.voidSeason([season.seasonId, "x"]));
    await openClaims(fx, season);
    const entry = season.entries[0] as ResultEntry;
    await viem.assertions.revertWithCustomErrorWithArgs(
      (await payoutAs(fx, season, 0)).write.claim(claimArgs(season, 0)),
      season.payout,
      "PayoutFailed",
      [ZERO_ADDRESS, fx.address(0), entry.reward],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      (await fx.arenaAs(0)).write.claimMany([
        [
          {
            seasonId: season.seasonId,
            entrantIndex: 0n,
            rank: entry.rank,
            score: entry.score,
            reward: entry.reward,
            proof: season.tree.proof(0),
          },
        ],
      ]),
      fx.arena,
      "InvalidSeasonStatus",
      [season.seasonId, Status.Voided, Status.Claimable],
    );
  });

  it("lets only its arena use claimFor, recall and sweep", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await finalizedSeason(fx);
    const p0 = await payoutAs(fx, season, 0);
    for (const call of [
      p0.write.claimFor([fx.address(0), ...claimArgs(season, 0)]),
      p0.write.recall(),
      p0.write.sweep([fx.address(0)]),
    ]) {
      await viem.assertions.revertWithCustomErrorWithArgs(call, season.payout, "NotArena", [fx.address(0)]);
    }
  });

  it("recalls only before claims open and sweeps only after they close (pot owned by a plain account)", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    // The factory makes its caller the pot's arena: here a test account stands in for PodiumArena.
    const owner = fx.player(5);
    const factory = await viem.getContractAt("SeasonPayoutFactory", fx.factory.address, { client: { wallet: owner } });
    const now = await fx.now();
    const opensAt = now + 100n;
    const deadline = now + 200n;
    const entries: ResultEntry[] = [{ entrantIndex: 4n, wallet: fx.address(0), rank: 1n, score: 1n, reward: 7n }];
    const tree = buildOzResultTree({ chainId: fx.chainId, arena: fx.address(5), seasonId: 42n }, entries);
    const create = async () => {
      const { result } = await factory.simulate.create([42n, ZERO_ADDRESS, tree.root, opensAt, deadline], {
        value: 10n,
      });
      await fx.waitFor(factory.write.create([42n, ZERO_ADDRESS, tree.root, opensAt, deadline], { value: 10n }));
      return await viem.getContractAt("SeasonPayout", result, { client: { wallet: owner } });
    };
    const early = await create();
    await viem.assertions.emitWithArgs(early.write.recall(), early, "Recalled", [10n]);
    const pot = await create();
    assertSameAddress(await pot.read.ARENA(), fx.address(5));
    // Pinned block times: the errors carry the block timestamp.
    const beforeDeadline = (await fx.now()) + 5n;
    await networkHelpers.time.setNextBlockTimestamp(beforeDeadline);
    await viem.assertions.revertWithCustomErrorWithArgs(pot.write.sweep([fx.address(6)]), pot, "ClaimsStillOpen", [
      beforeDeadline,
      deadline,
    ]);
    await fx.increaseTo(opensAt);
    await networkHelpers.time.setNextBlockTimestamp(opensAt + 5n);
    await viem.assertions.revertWithCustomErrorWithArgs(pot.write.recall(), pot, "ClaimsAlreadyOpen", [
      opensAt + 5n,
      opensAt,
    ]);
    // claimFor pays the wallet the arena names, when the leaf is that wallet's.
    await viem.assertions.balancesHaveChanged(pot.write.claimFor([fx.address(0), 4n, 1n, 1n, 7n, tree.proof(0)]), [
      { address: fx.address(0), amount: 7n },
    ]);
    await fx.increaseTo(deadline + 1n);
    await viem.assertions.emitWithArgs(pot.write.sweep([fx.address(6)]), pot, "Swept", [fx.address(6), 3n]);
  });

  describe("claimMany", () => {
    it("claims in several seasons, ETH and ERC-20, in one transaction", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const eth = await finalizedSeason(fx);
      const tokens = await finalizedSeason(fx, { asset: fx.token.address, entryFee: 10n ** 18n });
      await openClaims(fx, tokens);
      const request = (season: Finalized) => {
        const entry = season.entries[0] as ResultEntry;
        return {
          seasonId: season.seasonId,
          entrantIndex: 0n,
          rank: entry.rank,
          score: entry.score,
          reward: entry.reward,
          proof: season.tree.proof(0),
        };
      };
      const ethBefore = await fx.balanceOf(ZERO_ADDRESS, eth.payout.address);
      const receipt = await fx.waitFor((await fx.arenaAs(0)).write.claimMany([[request(eth), request(tokens)]]));
      assert.equal(await fx.token.read.balanceOf([fx.address(0)]), (tokens.entries[0] as ResultEntry).reward);
      assert.equal(
        await fx.balanceOf(ZERO_ADDRESS, eth.payout.address),
        ethBefore - (eth.entries[0] as ResultEntry).reward,
      );
      assert.equal(await fx.arena.read.isClaimed([eth.seasonId, 0n]), true);
      assert.equal(await fx.arena.read.isClaimed([tokens.seasonId, 0n]), true);
      const pots = receipt.logs.map((log) => getAddress(log.address));
      assert.ok(pots.includes(getAddress(eth.payout.address)) && pots.includes(getAddress(tokens.payout.address)));
    });

    it("does nothing for an empty list", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const receipt = await fx.waitFor((await fx.arenaAs(0)).write.claimMany([[]]));
      assert.equal(receipt.logs.length, 0);
    });

    it("pays the caller only: another wallet's leaf does not verify", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const season = await finalizedSeason(fx);
      await openClaims(fx, season);
      const entry = season.entries[0] as ResultEntry;
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(1)).write.claimMany([
          [
            {
              seasonId: season.seasonId,
              entrantIndex: 0n,
              rank: entry.rank,
              score: entry.score,
              reward: entry.reward,
              proof: season.tree.proof(0),
            },
          ],
        ]),
        season.payout,
        "InvalidProof",
        [0n, fx.address(1), entry.rank, entry.score, entry.reward],
      );
    });

    it("refuses seasons that are not claimable", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const season = await finalizedSeason(fx);
      const { seasonId: unknown } = { seasonId: 99n };
      const entry = season.entries[0] as ResultEntry;
      const request = {
        entrantIndex: 0n,
        rank: entry.rank,
        score: entry.score,
        reward: entry.reward,
        proof: season.tree.proof(0),
      };
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.claimMany([[{ seasonId: season.seasonId, ...request }]]),
        fx.arena,
        "InvalidSeasonStatus",
        [season.seasonId, Status.DisputeWindow, Status.Claimable],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.claimMany([[{ seasonId: unknown, ...request }]]),
        fx.arena,
        "InvalidSeasonStatus",
        [unknown, Status.None, Status.Claimable],
      );
      assert.equal(await fx.arena.read.isClaimed([unknown, 0n]), false);
    });
  });

  describe("reentrancy", () => {
    it("a wallet that re-enters its own claim gets paid once, or not at all", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const wallet = await deployTestContract(viem, "ReentrantWallet", reentrantWalletAbi);
      const walletAddress = getAddress(wallet.address);
      const season = await fx.createSeason();
      await fx.increaseTo(season.params.entryOpensAt);
      const enterData = encodeFunctionData({
        abi: fx.arena.abi,
        functionName: "enter",
        args: [season.seasonId, configHash("w")],
      });
      await fx.waitFor(
        wallet.write.execute([fx.arena.address, season.params.entryFee, enterData], { value: season.params.entryFee }),
      );
      // One fee, 5% of it to the protocol: the wallet's leaf is the whole payout.
      const reward = season.params.entryFee - (season.params.entryFee * season.params.protocolFeeBps) / 10_000n;
      const entries: ResultEntry[] = [
        { entrantIndex: 0n, wallet: walletAddress, rank: 1n, score: 1n, reward },
        { entrantIndex: 1n, wallet: fx.address(0), rank: 2n, score: 0n, reward: 0n },
      ];
      const tree = buildOzResultTree(
        { chainId: fx.chainId, arena: fx.arena.address, seasonId: season.seasonId },
        entries,
      );
      const payout = await fx.finalize(season.seasonId, season.params, tree.root, reward);
      await fx.increaseTo(await payout.read.CLAIMS_OPEN_AT());
      const claimData = encodeFunctionData({
        abi: payout.abi,
        functionName: "claim",
        args: [0n, 1n, 1n, reward, tree.proof(0)],
      });
      await fx.waitFor(wallet.write.setReentry([payout.address, claimData]));
      // The re-entered claim finds its bit already set (AlreadyClaimed), the wallet bubbles that up,
      // so the ETH transfer of the first claim fails and the whole claim is refused.
      await viem.assertions.revertWithCustomErrorWithArgs(
        wallet.write.execute([payout.address, 0n, claimData]),
        payout,
        "PayoutFailed",
        [ZERO_ADDRESS, walletAddress, reward],
      );
      assert.equal(await payout.read.isClaimed([0n]), false);
      // Without the re-entry it claims normally.
      await fx.waitFor(wallet.write.setReentry([ZERO_ADDRESS, "0x"]));
      await fx.waitFor(wallet.write.execute([payout.address, 0n, claimData]));
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, wallet.address), reward);
    });

    it("a wallet cannot re-enter refund or withdrawEntry while being paid", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const wallet = await deployTestContract(viem, "ReentrantWallet", reentrantWalletAbi);
      const { seasonId, params } = await fx.createSeason();
      await fx.increaseTo(params.entryOpensAt);
      for (const label of ["a", "b"]) {
        const data = encodeFunctionData({
          abi: fx.arena.abi,
          functionName: "enter",
          args: [seasonId, configHash(label)],
        });
        await fx.waitFor(wallet.write.execute([fx.arena.address, params.entryFee, data], { value: params.entryFee }));
      }
      const withdraw = (index: bigint) =>
        encodeFunctionData({ abi: fx.arena.abi, functionName: "withdrawEntry", args: [seasonId, index] });
      await fx.waitFor(wallet.write.setReentry([fx.arena.address, withdraw(1n)]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        wallet.write.execute([fx.arena.address, 0n, withdraw(0n)]),
        fx.arena,
        "ReentrancyGuardReentrantCall",
        [],
      );
      await fx.waitFor(fx.asOperator.write.cancelSeason([seasonId, "x"]));
      const refund = (index: bigint) =>
        encodeFunctionData({ abi: fx.arena.abi, functionName: "refund", args: [seasonId, index] });
      await fx.waitFor(wallet.write.setReentry([fx.arena.address, refund(1n)]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        wallet.write.execute([fx.arena.address, 0n, refund(0n)]),
        fx.arena,
        "ReentrancyGuardReentrantCall",
        [],
      );
      // One at a time, both refunds go through.
      await fx.waitFor(wallet.write.setReentry([ZERO_ADDRESS, "0x"]));
      for (const index of [0n, 1n]) await fx.waitFor(wallet.write.execute([fx.arena.address, 0n, refund(index)]));
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, wallet.address), 2n * params.entryFee);
    });
  });
});
