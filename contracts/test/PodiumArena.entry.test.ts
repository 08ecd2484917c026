import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeAbiParameters, type Hex, keccak256 } from "viem";
import {
  arenaWithTokens,
  assertSameAddress,
  configHash,
  DAY,
  EntrantStatus,
  Status,
  TEST_NETWORK,
  ZERO_HASH,
} from "./helpers/arenaFixture.ts";

describe("PodiumArena entries", async () => {
  const { viem, networkHelpers } = await network.create(TEST_NETWORK);
  const setup = () => arenaWithTokens(viem, networkHelpers);

  /** An ETH season in its entry window. */
  async function openEthSeason(overrides = {}) {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await fx.createSeason(overrides);
    await fx.increaseTo(season.params.entryOpensAt);
    return { fx, ...season };
  }

  describe("enter with ETH", () => {
    it("records the entry, its wallet, config hash and fee, and emits EntrantEntered", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      const p0 = await fx.arenaAs(0);
      const { result } = await p0.simulate.enter([seasonId, configHash("a")], { value: params.entryFee });
      assert.equal(result, 0n);
      await viem.assertions.balancesHaveChanged(
        p0.write.enter([seasonId, configHash("a")], { value: params.entryFee }),
        [
          { address: fx.address(0), amount: -params.entryFee },
          { address: fx.arena.address, amount: params.entryFee },
        ],
      );
      const entrant = await fx.arena.read.getEntrant([seasonId, 0n]);
      assertSameAddress(entrant.wallet, fx.address(0));
      assert.deepEqual(
        { ...entrant, wallet: fx.address(0) },
        {
          wallet: fx.address(0),
          configHash: configHash("a"),
          paid: params.entryFee,
          status: EntrantStatus.Active,
        },
      );
      await viem.assertions.emitWithArgs(
        p0.write.enter([seasonId, configHash("b")], { value: params.entryFee }),
        fx.arena,
        "EntrantEntered",
        [seasonId, fx.address(0), 1n, configHash("b")],
      );
      const season = await fx.arena.read.getSeason([seasonId]);
      assert.equal(season.entrantCount, 2n);
      assert.equal(season.activeEntrants, 2n);
      assert.equal(season.status, Status.EntryOpen);
      // Entering rewrites only the counters of the packed entry slot: every parameter is intact.
      assert.deepEqual(season.params, params);
      assert.deepEqual(await fx.arena.read.entrantsOf([seasonId, fx.address(0)]), [0n, 1n]);
      assert.deepEqual(await fx.arena.read.entrantsOf([seasonId, fx.address(1)]), []);
    });

    it("refuses a zero config hash", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enter([seasonId, ZERO_HASH], { value: params.entryFee }),
        fx.arena,
        "ZeroConfigHash",
        [],
      );
    });

    it("refuses a season that does not exist", async () => {
      const { fx, params } = await openEthSeason();
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enter([9n, configHash("a")], { value: params.entryFee }),
        fx.arena,
        "SeasonNotFound",
        [9n],
      );
    });

    it("refuses entries before the window opens and from the moment it closes", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await fx.createSeason();
      const p0 = await fx.arenaAs(0);
      const early = params.entryOpensAt - 10n;
      await networkHelpers.time.setNextBlockTimestamp(early);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.enter([seasonId, configHash("a")], { value: params.entryFee }),
        fx.arena,
        "EntryNotOpen",
        [seasonId, early, params.entryOpensAt, params.entryClosesAt],
      );
      await networkHelpers.time.setNextBlockTimestamp(params.entryClosesAt);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.enter([seasonId, configHash("a")], { value: params.entryFee }),
        fx.arena,
        "EntryNotOpen",
        [seasonId, params.entryClosesAt, params.entryOpensAt, params.entryClosesAt],
      );
    });

    it("accepts an entry in the last second of the window", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await fx.createSeason();
      await networkHelpers.time.setNextBlockTimestamp(params.entryClosesAt - 1n);
      await fx.waitFor((await fx.arenaAs(0)).write.enter([seasonId, configHash("a")], { value: params.entryFee }));
      assert.equal((await fx.arena.read.getSeason([seasonId])).activeEntrants, 1n);
    });

    it("refuses entries into a cancelled season", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await fx.waitFor(fx.asGuardian.write.cancelSeason([seasonId, "bad data"]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enter([seasonId, configHash("a")], { value: params.entryFee }),
        fx.arena,
        "InvalidSeasonStatus",
        [seasonId, Status.Cancelled, Status.EntryOpen],
      );
    });

    it("enforces max entrants, counting only active entries", async () => {
      const { fx, seasonId, params } = await openEthSeason({ maxEntrants: 2n, maxEntriesPerWallet: 1n });
      await fx.enter(0, seasonId, params);
      await fx.enter(1, seasonId, params);
      const p2 = await fx.arenaAs(2);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p2.write.enter([seasonId, configHash("c")], { value: params.entryFee }),
        fx.arena,
        "SeasonFull",
        [seasonId, 2n],
      );
      // A withdrawal frees a place; the newcomer gets a new index.
      await fx.waitFor((await fx.arenaAs(0)).write.withdrawEntry([seasonId, 0n]));
      await fx.waitFor(p2.write.enter([seasonId, configHash("c")], { value: params.entryFee }));
      assert.deepEqual(await fx.arena.read.entrantsOf([seasonId, fx.address(2)]), [2n]);
    });

    it("enforces the per-wallet cap (max bots per user)", async () => {
      const { fx, seasonId, params } = await openEthSeason({ maxEntriesPerWallet: 2n });
      await fx.enter(0, seasonId, params, "a");
      await fx.enter(0, seasonId, params, "b");
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enter([seasonId, configHash("c")], { value: params.entryFee }),
        fx.arena,
        "TooManyEntries",
        [seasonId, fx.address(0), 2n],
      );
      // Another wallet is not affected.
      await fx.enter(1, seasonId, params);
    });

    it("refuses any ETH amount but the fee", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      for (const value of [0n, params.entryFee - 1n, params.entryFee + 1n]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          (await fx.arenaAs(0)).write.enter([seasonId, configHash("a")], { value }),
          fx.arena,
          "WrongPayment",
          [params.entryFee, value],
        );
      }
    });

    it("packs the entry counters where enter() increments them, and stops at 2^24 - 1 indices", async () => {
      const { fx, seasonId, params } = await openEthSeason({ maxEntriesPerWallet: 2n });
      // Find the season's EntryState slot: _seasons[seasonId] is keccak256(seasonId . p) for the
      // mapping's declaration slot p; its first word starts with entryFee (88 bits) and entryOpensAt (40).
      const mask = (bits: bigint) => (1n << bits) - 1n;
      let slot: Hex | undefined;
      for (let p = 0n; p < 64n && slot === undefined; p++) {
        const candidate = keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [seasonId, p]));
        const word = BigInt(
          (await fx.publicClient.getStorageAt({ address: fx.arena.address, slot: candidate })) ?? "0x0",
        );
        if ((word & mask(88n)) === params.entryFee && ((word >> 88n) & mask(40n)) === params.entryOpensAt)
          slot = candidate;
      }
      assert.ok(slot, "EntryState slot not found");
      const read = async () =>
        BigInt((await fx.publicClient.getStorageAt({ address: fx.arena.address, slot })) ?? "0x0");
      const before = await read();
      await fx.enter(0, seasonId, params);
      // ENTRY_COUNTERS_INCREMENT in PodiumArena.sol: entrantCount at bit 168, activeEntrants at bit 192.
      assert.equal((await read()) - before, (1n << 168n) | (1n << 192n));

      // Indices handed out reach 2^24 - 1 (withdrawals make room for more entries than maxEntrants):
      // the next entry is refused, as the 24-bit index would overflow into activeEntrants.
      const full = ((await read()) & ~(mask(24n) << 168n)) | (mask(24n) << 168n);
      await networkHelpers.setStorageAt(fx.arena.address, slot, full);
      assert.equal((await fx.arena.read.getSeason([seasonId])).entrantCount, 2n ** 24n - 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(1)).write.enter([seasonId, configHash("late")], { value: params.entryFee }),
        fx.arena,
        "SeasonFull",
        [seasonId, params.maxEntrants],
      );
    });

    it("keeps a wallet's entries past the first packed word, in any order of withdrawal", async () => {
      // WalletEntries keeps 10 indices in its first word and 10 in each next one.
      const { fx, seasonId, params } = await openEthSeason({ maxEntriesPerWallet: 25n });
      const p0 = await fx.arenaAs(0);
      for (let i = 0; i < 25; i++) {
        await fx.waitFor(p0.write.enter([seasonId, configHash(`e${i}`)], { value: params.entryFee }));
      }
      const expected = Array.from({ length: 25 }, (_, i) => BigInt(i));
      assert.deepEqual(await fx.arena.read.entrantsOf([seasonId, fx.address(0)]), expected);
      // Removing moves the last index into the gap: remove 3 (first word), 15 (second word), 24 (the last).
      for (const index of [3n, 15n, 24n]) {
        await fx.waitFor(p0.write.withdrawEntry([seasonId, index]));
        const at = expected.indexOf(index);
        const last = expected.pop() as bigint;
        if (last !== index) expected[at] = last;
      }
      assert.deepEqual(await fx.arena.read.entrantsOf([seasonId, fx.address(0)]), expected);
      assert.equal((await fx.arena.read.getSeason([seasonId])).activeEntrants, 22n);
    });
  });

  describe("enter with an ERC-20", () => {
    async function openTokenSeason(asset: "token" | "plainToken" | "feeToken" = "token", overrides = {}) {
      const fx = await networkHelpers.loadFixture(setup);
      const season = await fx.createSeason({ asset: fx[asset].address, entryFee: 5n * 10n ** 18n, ...overrides });
      await fx.increaseTo(season.params.entryOpensAt);
      return { fx, ...season };
    }

    it("pulls exactly the fee after an approval", async () => {
      const { fx, seasonId, params } = await openTokenSeason();
      await fx.waitFor(fx.token.write.mint([fx.address(0), params.entryFee]));
      await fx.waitFor((await fx.tokenAs(0)).write.approve([fx.arena.address, params.entryFee]));
      await viem.assertions.emitWithArgs(
        (await fx.arenaAs(0)).write.enter([seasonId, configHash("a")]),
        fx.arena,
        "EntrantEntered",
        [seasonId, fx.address(0), 0n, configHash("a")],
      );
      assert.equal(await fx.token.read.balanceOf([fx.arena.address]), params.entryFee);
      assert.equal(await fx.token.read.balanceOf([fx.address(0)]), 0n);
      assert.equal((await fx.arena.read.getEntrant([seasonId, 0n])).paid, params.entryFee);
    });

    it("works with a token that has no permit", async () => {
      const { fx, seasonId, params } = await openTokenSeason("plainToken");
      await fx.enter(0, seasonId, params);
      assert.equal(await fx.plainToken.read.balanceOf([fx.arena.address]), params.entryFee);
    });

    it("refuses ETH sent along", async () => {
      const { fx, seasonId } = await openTokenSeason();
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enter([seasonId, configHash("a")], { value: 1n }),
        fx.arena,
        "WrongPayment",
        [0n, 1n],
      );
    });

    it("fails with the token's error without an allowance", async () => {
      const { fx, seasonId, params } = await openTokenSeason();
      await fx.waitFor(fx.token.write.mint([fx.address(0), params.entryFee]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enter([seasonId, configHash("a")]),
        fx.token,
        "ERC20InsufficientAllowance",
        [fx.arena.address, 0n, params.entryFee],
      );
    });

    it("refuses a fee-on-transfer token, naming what arrived", async () => {
      const { fx, seasonId, params } = await openTokenSeason("feeToken");
      const holder = await fx.tokenAs(0, fx.feeToken.address);
      await fx.waitFor(holder.write.mint([fx.address(0), params.entryFee]));
      await fx.waitFor(holder.write.approve([fx.arena.address, params.entryFee]));
      // The token burns 1% (100 bps) of every transfer.
      const received = params.entryFee - params.entryFee / 100n;
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enter([seasonId, configHash("a")]),
        fx.arena,
        "FeeOnTransferNotSupported",
        [fx.feeToken.address, params.entryFee, received],
      );
    });

    it("enters in one transaction with an EIP-2612 permit", async () => {
      const { fx, seasonId, params } = await openTokenSeason();
      await fx.waitFor(fx.token.write.mint([fx.address(0), params.entryFee]));
      const deadline = (await fx.now()) + DAY;
      const { v, r, s } = await fx.signPermit(0, params.entryFee, deadline);
      await viem.assertions.emitWithArgs(
        (await fx.arenaAs(0)).write.enterWithPermit([seasonId, configHash("a"), deadline, v, r, s]),
        fx.arena,
        "EntrantEntered",
        [seasonId, fx.address(0), 0n, configHash("a")],
      );
      assert.equal(await fx.token.read.balanceOf([fx.arena.address]), params.entryFee);
      assert.equal(await fx.token.read.allowance([fx.address(0), fx.arena.address]), 0n);
    });

    it("still enters when someone submitted the permit first", async () => {
      const { fx, seasonId, params } = await openTokenSeason();
      await fx.waitFor(fx.token.write.mint([fx.address(0), params.entryFee]));
      const deadline = (await fx.now()) + DAY;
      const { v, r, s } = await fx.signPermit(0, params.entryFee, deadline);
      // A front-runner uses the signature: the arena's own permit call then fails (nonce used).
      await fx.waitFor(fx.token.write.permit([fx.address(0), fx.arena.address, params.entryFee, deadline, v, r, s]));
      await fx.waitFor((await fx.arenaAs(0)).write.enterWithPermit([seasonId, configHash("a"), deadline, v, r, s]));
      assert.equal((await fx.arena.read.getSeason([seasonId])).activeEntrants, 1n);
    });

    it("refuses a failed permit when the allowance does not cover the fee", async () => {
      const { fx, seasonId, params } = await openTokenSeason();
      const deadline = (await fx.now()) + DAY;
      // Signed for less than the fee: the permit for the fee does not verify.
      const { v, r, s } = await fx.signPermit(0, params.entryFee - 1n, deadline);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enterWithPermit([seasonId, configHash("a"), deadline, v, r, s]),
        fx.arena,
        "PermitFailed",
        [fx.token.address, fx.address(0), params.entryFee],
      );
    });

    it("falls back on an approval for a token without permit", async () => {
      const { fx, seasonId, params } = await openTokenSeason("plainToken");
      const holder = await fx.tokenAs(0, fx.plainToken.address);
      await fx.waitFor(holder.write.mint([fx.address(0), params.entryFee]));
      await fx.waitFor(holder.write.approve([fx.arena.address, params.entryFee]));
      await fx.waitFor(
        (await fx.arenaAs(0)).write.enterWithPermit([seasonId, configHash("a"), 0n, 27, ZERO_HASH, ZERO_HASH]),
      );
      assert.equal(await fx.plainToken.read.balanceOf([fx.arena.address]), params.entryFee);
    });

    it("needs ETH for a native season even through enterWithPermit", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.enterWithPermit([seasonId, configHash("a"), 0n, 27, ZERO_HASH, ZERO_HASH]),
        fx.arena,
        "WrongPayment",
        [params.entryFee, 0n],
      );
    });
  });

  describe("free seasons", () => {
    it("enter and leave without moving any money, in ETH and in tokens", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const eth = await fx.createSeason({ entryFee: 0n });
      const tokens = await fx.createSeason({ entryFee: 0n, asset: fx.token.address });
      await fx.increaseTo(eth.params.entryOpensAt);
      const p0 = await fx.arenaAs(0);
      await fx.waitFor(p0.write.enter([eth.seasonId, configHash("a")]));
      // No approval: nothing is pulled.
      await fx.waitFor(p0.write.enter([tokens.seasonId, configHash("a")]));
      await viem.assertions.balancesHaveChanged(p0.write.withdrawEntry([eth.seasonId, 0n]), [
        { address: fx.arena.address, amount: 0n },
      ]);
      await fx.waitFor(p0.write.withdrawEntry([tokens.seasonId, 0n]));
      assert.equal((await fx.arena.read.getEntrant([tokens.seasonId, 0n])).status, EntrantStatus.Withdrawn);
    });
  });

  describe("before the start: change the config or leave", () => {
    it("replaces the config hash and says which one it replaced", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await fx.enter(0, seasonId, params, "v1");
      await fx.increaseTo(params.entryClosesAt); // entry closed, not started: still allowed
      await viem.assertions.emitWithArgs(
        (await fx.arenaAs(0)).write.updateConfigHash([seasonId, 0n, configHash("v2")]),
        fx.arena,
        "ConfigHashUpdated",
        [seasonId, 0n, configHash("v1"), configHash("v2")],
      );
      assert.equal((await fx.arena.read.getEntrant([seasonId, 0n])).configHash, configHash("v2"));
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.EntryClosed);
    });

    it("freezes the config hash from the start", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await fx.enter(0, seasonId, params, "v1");
      await networkHelpers.time.setNextBlockTimestamp(params.startsAt);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.updateConfigHash([seasonId, 0n, configHash("v2")]),
        fx.arena,
        "ConfigFrozen",
        [seasonId, params.startsAt, params.startsAt],
      );
      // The refused call mined nothing (its gas estimate failed): mine the block at startsAt.
      await networkHelpers.mine();
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.Running);
    });

    it("lets only the entry's wallet change it, only while active, never to zero", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await fx.enter(0, seasonId, params, "v1");
      const p0 = await fx.arenaAs(0);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(1)).write.updateConfigHash([seasonId, 0n, configHash("x")]),
        fx.arena,
        "NotEntrantWallet",
        [seasonId, 0n, fx.address(0), fx.address(1)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.updateConfigHash([seasonId, 5n, configHash("x")]),
        fx.arena,
        "EntrantNotFound",
        [seasonId, 5n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.updateConfigHash([seasonId, 0n, ZERO_HASH]),
        fx.arena,
        "ZeroConfigHash",
        [],
      );
      await fx.waitFor(p0.write.withdrawEntry([seasonId, 0n]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.updateConfigHash([seasonId, 0n, configHash("x")]),
        fx.arena,
        "EntrantNotActive",
        [seasonId, 0n, EntrantStatus.Withdrawn],
      );
    });

    it("refuses config changes and withdrawals in a cancelled season (refund is the way out)", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await fx.enter(0, seasonId, params);
      await fx.waitFor(fx.asOperator.write.cancelSeason([seasonId, "no quorum"]));
      const p0 = await fx.arenaAs(0);
      for (const call of [
        p0.write.updateConfigHash([seasonId, 0n, configHash("x")]),
        p0.write.withdrawEntry([seasonId, 0n]),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(call, fx.arena, "InvalidSeasonStatus", [
          seasonId,
          Status.Cancelled,
          Status.EntryClosed,
        ]);
      }
    });

    it("pays the full fee back on withdrawal, in ETH", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await fx.enter(0, seasonId, params, "a");
      await fx.enter(0, seasonId, params, "b");
      const p0 = await fx.arenaAs(0);
      await viem.assertions.emitWithArgs(p0.write.withdrawEntry([seasonId, 0n]), fx.arena, "EntrantWithdrew", [
        seasonId,
        0n,
        fx.address(0),
        params.entryFee,
      ]);
      await viem.assertions.balancesHaveChanged(p0.write.withdrawEntry([seasonId, 1n]), [
        { address: fx.address(0), amount: params.entryFee },
        { address: fx.arena.address, amount: -params.entryFee },
      ]);
      const season = await fx.arena.read.getSeason([seasonId]);
      assert.equal(season.activeEntrants, 0n);
      assert.equal(season.entrantCount, 2n);
      assert.equal((await fx.arena.read.getEntrant([seasonId, 0n])).status, EntrantStatus.Withdrawn);
      assert.deepEqual(await fx.arena.read.entrantsOf([seasonId, fx.address(0)]), []);
    });

    it("pays the full fee back on withdrawal, in tokens", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await fx.createSeason({ asset: fx.token.address, entryFee: 3n * 10n ** 18n });
      await fx.increaseTo(params.entryOpensAt);
      await fx.enter(0, seasonId, params);
      await fx.waitFor((await fx.arenaAs(0)).write.withdrawEntry([seasonId, 0n]));
      assert.equal(await fx.token.read.balanceOf([fx.address(0)]), params.entryFee);
      assert.equal(await fx.token.read.balanceOf([fx.arena.address]), 0n);
    });

    it("refuses withdrawals from the start, by another wallet, twice, or of unknown entries", async () => {
      const { fx, seasonId, params } = await openEthSeason();
      await fx.enter(0, seasonId, params, "a");
      await fx.enter(0, seasonId, params, "b");
      const p0 = await fx.arenaAs(0);
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(1)).write.withdrawEntry([seasonId, 0n]),
        fx.arena,
        "NotEntrantWallet",
        [seasonId, 0n, fx.address(0), fx.address(1)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.withdrawEntry([seasonId, 7n]),
        fx.arena,
        "EntrantNotFound",
        [seasonId, 7n],
      );
      await fx.waitFor(p0.write.withdrawEntry([seasonId, 0n]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.withdrawEntry([seasonId, 0n]),
        fx.arena,
        "EntrantNotActive",
        [seasonId, 0n, EntrantStatus.Withdrawn],
      );
      await networkHelpers.time.setNextBlockTimestamp(params.startsAt);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.withdrawEntry([seasonId, 1n]),
        fx.arena,
        "ConfigFrozen",
        [seasonId, params.startsAt, params.startsAt],
      );
    });

    it("reports unknown entrants", async () => {
      const { fx, seasonId } = await openEthSeason();
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.arena.read.getEntrant([seasonId, 0n]),
        fx.arena,
        "EntrantNotFound",
        [seasonId, 0n],
      );
    });
  });
});
