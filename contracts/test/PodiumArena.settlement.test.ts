import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { anyValue } from "@nomicfoundation/hardhat-viem-assertions/predicates";
import { network } from "hardhat";
import { getAddress } from "viem";
import {
  type ArenaWithTokens,
  arenaWithTokens,
  assertSameAddress,
  digest,
  EntrantStatus,
  type SeasonParams,
  Status,
  TEST_NETWORK,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "./helpers/arenaFixture.ts";
import { buildOzResultTree, type ResultEntry } from "./helpers/resultTree.ts";

describe("PodiumArena finalization, cancellation, void, refunds and sweep", async () => {
  const { viem, networkHelpers } = await network.create(TEST_NETWORK);
  const setup = () => arenaWithTokens(viem, networkHelpers);

  /**
   * Three entrants (players 0, 1, 2) in a season with a 5% protocol fee: it received 3 fees, the
   * protocol keeps floor(3 * fee * 500 / 10_000), and finalize must pay out exactly the rest.
   */
  async function seasonWithEntrants(fx: ArenaWithTokens, overrides: Partial<SeasonParams> = {}) {
    const season = await fx.createSeason(overrides);
    await fx.increaseTo(season.params.entryOpensAt);
    for (const i of [0, 1, 2]) await fx.enter(i, season.seasonId, season.params);
    const received = 3n * season.params.entryFee;
    const protocolFee = (received * season.params.protocolFeeBps) / 10_000n;
    return { ...season, received, protocolFee, maxPayout: received - protocolFee };
  }

  async function awaitingFinalization(overrides: Partial<SeasonParams> = {}) {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await seasonWithEntrants(fx, overrides);
    await fx.commitAllRounds(season.seasonId, season.params);
    await fx.increaseTo(season.params.endsAt);
    return { fx, ...season };
  }

  describe("finalize", () => {
    it("pays out exactly the fees less the protocol fee, creates and funds the season's payout, and opens the dispute window", async () => {
      const { fx, seasonId, params, received, protocolFee, maxPayout } = await awaitingFinalization();
      const root = digest("results");
      const at = (await fx.now()) + 10n;
      await networkHelpers.time.setNextBlockTimestamp(at);
      await viem.assertions.emitWithArgs(
        fx.asOperator.write.finalize([seasonId, root, maxPayout, digest("artifact"), "ipfs://final"]),
        fx.arena,
        "SeasonFinalized",
        [
          seasonId,
          anyValue,
          root,
          maxPayout,
          protocolFee,
          at + params.disputeWindow,
          digest("artifact"),
          "ipfs://final",
        ],
      );
      const season = await fx.arena.read.getSeason([seasonId]);
      assert.equal(season.status, Status.DisputeWindow);
      assert.equal(season.resultsRoot, root);
      assert.equal(season.totalPayout, maxPayout);
      assert.equal(season.protocolFee, protocolFee);
      assert.equal(season.disputeEndsAt, at + params.disputeWindow);
      assertSameAddress(await fx.arena.read.payoutOf([seasonId]), season.payout);
      const payout = await viem.getContractAt("SeasonPayout", season.payout);
      assertSameAddress(await payout.read.ARENA(), fx.arena.address);
      assert.equal(await payout.read.SEASON_ID(), seasonId);
      assert.equal(await payout.read.ASSET(), ZERO_ADDRESS);
      assert.equal(await payout.read.RESULTS_ROOT(), root);
      assert.equal(await payout.read.CLAIMS_OPEN_AT(), at + params.disputeWindow);
      assert.equal(await payout.read.CLAIM_DEADLINE(), params.claimDeadline);
      // The payout left the arena; the protocol fee, and nothing else, stays until the sweep.
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, season.payout), maxPayout);
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, fx.arena.address), protocolFee);
      assert.equal(maxPayout + protocolFee, received);
    });

    it("funds an ERC-20 payout with tokens", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params, maxPayout, received } = await seasonWithEntrants(fx, {
        asset: fx.token.address,
        entryFee: 10n ** 18n,
      });
      const payout = await fx.finalize(seasonId, params, digest("results"), maxPayout);
      assertSameAddress(await payout.read.ASSET(), fx.token.address);
      assert.equal(await fx.token.read.balanceOf([payout.address]), maxPayout);
      assert.equal(await fx.token.read.balanceOf([fx.arena.address]), received - maxPayout);
    });

    it("refuses a payout above what the season received less the protocol fee", async () => {
      const { fx, seasonId, protocolFee, received, maxPayout } = await awaitingFinalization();
      // One wei over; every fee received (the protocol fee forgotten); the largest uint256, which must
      // not overflow the check into a panic.
      for (const totalPayout of [maxPayout + 1n, received, 2n ** 256n - 1n]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          fx.asOperator.write.finalize([seasonId, digest("r"), totalPayout, digest("a"), "ipfs://a"]),
          fx.arena,
          "PayoutMismatch",
          [totalPayout, protocolFee, received],
        );
      }
    });

    it("refuses a payout below what the season received less the protocol fee", async () => {
      const { fx, seasonId, protocolFee, received, maxPayout } = await awaitingFinalization();
      // One wei under, one fee under, and nothing at all: whatever is not paid out would have gone to
      // the treasury at the sweep, past the protocol fee cap.
      for (const totalPayout of [maxPayout - 1n, maxPayout - received / 3n, 0n]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          fx.asOperator.write.finalize([seasonId, digest("r"), totalPayout, digest("a"), "ipfs://a"]),
          fx.arena,
          "PayoutMismatch",
          [totalPayout, protocolFee, received],
        );
      }
      await fx.waitFor(fx.asOperator.write.finalize([seasonId, digest("r"), maxPayout, digest("a"), "ipfs://a"]));
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.DisputeWindow);
    });

    it("leaves a season nobody qualifies in to refunds: the treasury never gets the entry fees", async () => {
      const { fx, seasonId, params, protocolFee, received } = await awaitingFinalization();
      // The operator cannot finalize a zero payout (whose whole pool the sweep would have sent to the treasury).
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asOperator.write.finalize([seasonId, digest("nobody qualifies"), 0n, digest("a"), "ipfs://a"]),
        fx.arena,
        "PayoutMismatch",
        [0n, protocolFee, received],
      );
      // Without a finalization the deadline passes and every entrant takes the whole fee back.
      await fx.increaseTo(params.finalizationDeadline + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.arena.write.sweep([seasonId]),
        fx.arena,
        "InvalidSeasonStatus",
        [seasonId, Status.FinalizationMissed, Status.ClaimsClosed],
      );
      const treasuryBefore = await fx.balanceOf(ZERO_ADDRESS, fx.treasury.account.address);
      for (const i of [0, 1, 2]) {
        await viem.assertions.balancesHaveChanged((await fx.arenaAs(i)).write.refund([seasonId, BigInt(i)]), [
          { address: fx.address(i), amount: params.entryFee },
        ]);
      }
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, fx.arena.address), 0n);
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, fx.treasury.account.address), treasuryBefore);
    });

    it("finalizes a season that received no fees with a zero payout, and nothing else", async () => {
      // A free season with three entrants: received = 0, protocol fee = 0, so the payout is 0.
      const { fx, seasonId } = await awaitingFinalization({ entryFee: 0n });
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asOperator.write.finalize([seasonId, digest("r"), 1n, digest("a"), "ipfs://a"]),
        fx.arena,
        "PayoutMismatch",
        [1n, 0n, 0n],
      );
      await fx.waitFor(fx.asOperator.write.finalize([seasonId, digest("r"), 0n, digest("a"), "ipfs://a"]));
      const season = await fx.arena.read.getSeason([seasonId]);
      assert.equal(season.totalPayout, 0n);
      assert.equal(season.protocolFee, 0n);
    });

    it("refuses a zero results root, a zero artifact digest and an empty URI", async () => {
      const { fx, seasonId, maxPayout } = await awaitingFinalization();
      const cases = [
        [ZERO_HASH, digest("a"), "ipfs://a", "ZeroResultsRoot"],
        [digest("r"), ZERO_HASH, "ipfs://a", "ZeroArtifactDigest"],
        [digest("r"), digest("a"), "", "EmptyArtifactUri"],
      ] as const;
      for (const [root, artifact, uri, error] of cases) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          fx.asOperator.write.finalize([seasonId, root, maxPayout, artifact, uri]),
          fx.arena,
          error,
          [],
        );
      }
    });

    it("refuses to finalize before every round is committed", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params, maxPayout } = await seasonWithEntrants(fx);
      await fx.increaseTo(params.endsAt);
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asOperator.write.finalize([seasonId, digest("r"), maxPayout, digest("a"), "ipfs://a"]),
        fx.arena,
        "RoundsMissing",
        [seasonId, 0n, params.roundCount],
      );
    });

    it("refuses to finalize before the end, after the deadline, twice, or a cancelled season", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params, maxPayout } = await seasonWithEntrants(fx);
      await fx.commitAllRounds(seasonId, params);
      const finalizeCall = () =>
        fx.asOperator.write.finalize([seasonId, digest("r"), maxPayout, digest("a"), "ipfs://a"]);
      await viem.assertions.revertWithCustomErrorWithArgs(finalizeCall(), fx.arena, "InvalidSeasonStatus", [
        seasonId,
        Status.Running,
        Status.AwaitingFinalization,
      ]);
      await fx.increaseTo(params.finalizationDeadline + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(finalizeCall(), fx.arena, "InvalidSeasonStatus", [
        seasonId,
        Status.FinalizationMissed,
        Status.AwaitingFinalization,
      ]);

      const second = await awaitingFinalization();
      await second.fx.waitFor(
        second.fx.asOperator.write.finalize([second.seasonId, digest("r"), second.maxPayout, digest("a"), "ipfs://a"]),
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        second.fx.asOperator.write.finalize([second.seasonId, digest("r"), second.maxPayout, digest("a"), "ipfs://a"]),
        second.fx.arena,
        "InvalidSeasonStatus",
        [second.seasonId, Status.DisputeWindow, Status.AwaitingFinalization],
      );

      const third = await awaitingFinalization();
      await third.fx.waitFor(third.fx.asGuardian.write.cancelSeason([third.seasonId, "x"]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        third.fx.asOperator.write.finalize([third.seasonId, digest("r"), third.maxPayout, digest("a"), "ipfs://a"]),
        third.fx.arena,
        "InvalidSeasonStatus",
        [third.seasonId, Status.Cancelled, Status.AwaitingFinalization],
      );
    });

    it("is the operator's alone", async () => {
      const { fx, seasonId, maxPayout } = await awaitingFinalization();
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asGuardian.write.finalize([seasonId, digest("r"), maxPayout, digest("a"), "ipfs://a"]),
        fx.arena,
        "AccessControlUnauthorizedAccount",
        [fx.guardian.account.address, await fx.arena.read.OPERATOR_ROLE()],
      );
    });

    it("walks the status through the dispute window, claims and their close", async () => {
      const { fx, seasonId, params, maxPayout } = await awaitingFinalization();
      await fx.waitFor(fx.asOperator.write.finalize([seasonId, digest("r"), maxPayout, digest("a"), "ipfs://a"]));
      const { disputeEndsAt } = await fx.arena.read.getSeason([seasonId]);
      const statusAt = async (timestamp: bigint) => {
        await fx.increaseTo(timestamp);
        return await fx.arena.read.seasonStatus([seasonId]);
      };
      assert.equal(await statusAt(disputeEndsAt - 1n), Status.DisputeWindow);
      assert.equal(await statusAt(disputeEndsAt), Status.Claimable);
      assert.equal(await statusAt(params.claimDeadline), Status.Claimable);
      assert.equal(await statusAt(params.claimDeadline + 1n), Status.ClaimsClosed);
    });

    it("walks the status of a season from creation to the end of its run", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await fx.createSeason();
      const statusAt = async (timestamp: bigint) => {
        await fx.increaseTo(timestamp);
        return await fx.arena.read.seasonStatus([seasonId]);
      };
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.Upcoming);
      assert.equal(await statusAt(params.entryOpensAt), Status.EntryOpen);
      assert.equal(await statusAt(params.entryClosesAt - 1n), Status.EntryOpen);
      assert.equal(await statusAt(params.entryClosesAt), Status.EntryClosed);
      assert.equal(await statusAt(params.startsAt), Status.Running);
      assert.equal(await statusAt(params.endsAt), Status.AwaitingFinalization);
      assert.equal(await statusAt(params.finalizationDeadline), Status.AwaitingFinalization);
      assert.equal(await statusAt(params.finalizationDeadline + 1n), Status.FinalizationMissed);
    });
  });

  describe("cancelSeason", () => {
    it("lets the operator or a guardian cancel any season not yet finalized", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const upcoming = await fx.createSeason();
      await viem.assertions.emitWithArgs(
        fx.asOperator.write.cancelSeason([upcoming.seasonId, "no sponsor"]),
        fx.arena,
        "SeasonCancelled",
        [upcoming.seasonId, fx.operator.account.address, "no sponsor"],
      );
      assert.equal(await fx.arena.read.seasonStatus([upcoming.seasonId]), Status.Cancelled);

      const late = await awaitingFinalization();
      await viem.assertions.emitWithArgs(
        late.fx.asGuardian.write.cancelSeason([late.seasonId, "engine bug"]),
        late.fx.arena,
        "SeasonCancelled",
        [late.seasonId, late.fx.guardian.account.address, "engine bug"],
      );
    });

    it("refuses finalized, cancelled, missed and unknown seasons", async () => {
      const { fx, seasonId, maxPayout } = await awaitingFinalization();
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asOperator.write.cancelSeason([9n, "x"]),
        fx.arena,
        "SeasonNotFound",
        [9n],
      );
      await fx.waitFor(fx.asOperator.write.finalize([seasonId, digest("r"), maxPayout, digest("a"), "ipfs://a"]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asOperator.write.cancelSeason([seasonId, "x"]),
        fx.arena,
        "NotCancellable",
        [seasonId, Status.DisputeWindow],
      );
      const second = await awaitingFinalization();
      await second.fx.waitFor(second.fx.asOperator.write.cancelSeason([second.seasonId, "x"]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        second.fx.asOperator.write.cancelSeason([second.seasonId, "x"]),
        second.fx.arena,
        "NotCancellable",
        [second.seasonId, Status.Cancelled],
      );
      const third = await awaitingFinalization();
      await third.fx.increaseTo(third.params.finalizationDeadline + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        third.fx.asOperator.write.cancelSeason([third.seasonId, "x"]),
        third.fx.arena,
        "NotCancellable",
        [third.seasonId, Status.FinalizationMissed],
      );
    });

    it("is closed to players", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId } = await fx.createSeason();
      await viem.assertions.revertWithCustomErrorWithArgs(
        (await fx.arenaAs(0)).write.cancelSeason([seasonId, "x"]),
        fx.arena,
        "AccessControlUnauthorizedAccount",
        [fx.address(0), await fx.arena.read.OPERATOR_ROLE()],
      );
    });
  });

  describe("voidSeason", () => {
    it("lets a guardian void results in the dispute window, recalling the payout", async () => {
      const { fx, seasonId, params, received, maxPayout } = await awaitingFinalization();
      const payout = await fx.finalize(seasonId, params, digest("r"), maxPayout);
      await viem.assertions.emitWithArgs(
        fx.asGuardian.write.voidSeason([seasonId, "wrong dataset"]),
        fx.arena,
        "SeasonVoided",
        [seasonId, fx.guardian.account.address, maxPayout, "wrong dataset"],
      );
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.Voided);
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, payout.address), 0n);
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, fx.arena.address), received);
    });

    it("recalls an ERC-20 payout too, and says so on the pot", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params, maxPayout, received } = await seasonWithEntrants(fx, {
        asset: fx.token.address,
        entryFee: 10n ** 18n,
      });
      const payout = await fx.finalize(seasonId, params, digest("r"), maxPayout);
      await viem.assertions.emitWithArgs(fx.asGuardian.write.voidSeason([seasonId, "x"]), payout, "Recalled", [
        maxPayout,
      ]);
      assert.equal(await fx.token.read.balanceOf([fx.arena.address]), received);
    });

    it("refuses outside the dispute window and to anyone but a guardian", async () => {
      const { fx, seasonId, params, maxPayout } = await awaitingFinalization();
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asGuardian.write.voidSeason([seasonId, "x"]),
        fx.arena,
        "InvalidSeasonStatus",
        [seasonId, Status.AwaitingFinalization, Status.DisputeWindow],
      );
      await fx.finalize(seasonId, params, digest("r"), maxPayout);
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asOperator.write.voidSeason([seasonId, "x"]),
        fx.arena,
        "AccessControlUnauthorizedAccount",
        [fx.operator.account.address, await fx.arena.read.GUARDIAN_ROLE()],
      );
      const { disputeEndsAt } = await fx.arena.read.getSeason([seasonId]);
      await fx.increaseTo(disputeEndsAt);
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.asGuardian.write.voidSeason([seasonId, "x"]),
        fx.arena,
        "InvalidSeasonStatus",
        [seasonId, Status.Claimable, Status.DisputeWindow],
      );
    });
  });

  describe("refund", () => {
    it("pays every active entrant of a cancelled season back, once", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await seasonWithEntrants(fx);
      await fx.waitFor(fx.asOperator.write.cancelSeason([seasonId, "x"]));
      const p1 = await fx.arenaAs(1);
      await viem.assertions.emitWithArgs(p1.write.refund([seasonId, 1n]), fx.arena, "EntrantRefunded", [
        seasonId,
        1n,
        fx.address(1),
        params.entryFee,
      ]);
      await viem.assertions.balancesHaveChanged((await fx.arenaAs(2)).write.refund([seasonId, 2n]), [
        { address: fx.address(2), amount: params.entryFee },
        { address: fx.arena.address, amount: -params.entryFee },
      ]);
      assert.equal((await fx.arena.read.getEntrant([seasonId, 1n])).status, EntrantStatus.Refunded);
      assert.equal((await fx.arena.read.getSeason([seasonId])).refundedCount, 2n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p1.write.refund([seasonId, 1n]),
        fx.arena,
        "EntrantNotActive",
        [seasonId, 1n, EntrantStatus.Refunded],
      );
    });

    it("pays back after a void, in tokens, even while the arena is paused", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params, maxPayout } = await seasonWithEntrants(fx, {
        asset: fx.token.address,
        entryFee: 10n ** 18n,
      });
      await fx.finalize(seasonId, params, digest("r"), maxPayout);
      await fx.waitFor(fx.asGuardian.write.voidSeason([seasonId, "x"]));
      await fx.waitFor(fx.asGuardian.write.pause());
      for (const i of [0, 1, 2]) await fx.waitFor((await fx.arenaAs(i)).write.refund([seasonId, BigInt(i)]));
      assert.equal(await fx.token.read.balanceOf([fx.arena.address]), 0n);
      assert.equal(await fx.token.read.balanceOf([fx.address(2)]), params.entryFee);
    });

    it("switches a season whose finalization deadline passed to refunding on the first refund", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await seasonWithEntrants(fx);
      await fx.increaseTo(params.finalizationDeadline + 1n);
      const p0 = await fx.arenaAs(0);
      await viem.assertions.emitWithArgs(p0.write.refund([seasonId, 0n]), fx.arena, "FinalizationMissed", [
        seasonId,
        params.finalizationDeadline,
      ]);
      // Recorded once: the next refund only refunds.
      const receipt = await fx.waitFor((await fx.arenaAs(1)).write.refund([seasonId, 1n]));
      const missedTopic = (await import("viem")).toEventSelector("FinalizationMissed(uint256,uint256)");
      assert.equal(receipt.logs.filter((log) => log.topics[0] === missedTopic).length, 0);
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.FinalizationMissed);
    });

    it("refuses refunds while the season is alive or paying out, and for others' or withdrawn entries", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await seasonWithEntrants(fx);
      const p0 = await fx.arenaAs(0);
      await viem.assertions.revertWithCustomErrorWithArgs(p0.write.refund([seasonId, 0n]), fx.arena, "NotRefundable", [
        seasonId,
        Status.EntryOpen,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(p0.write.refund([9n, 0n]), fx.arena, "NotRefundable", [
        9n,
        Status.None,
      ]);
      await fx.enter(0, seasonId, params, "second");
      await fx.waitFor(p0.write.withdrawEntry([seasonId, 3n]));
      await fx.waitFor(fx.asOperator.write.cancelSeason([seasonId, "x"]));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.refund([seasonId, 1n]),
        fx.arena,
        "NotEntrantWallet",
        [seasonId, 1n, fx.address(1), fx.address(0)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.refund([seasonId, 3n]),
        fx.arena,
        "EntrantNotActive",
        [seasonId, 3n, EntrantStatus.Withdrawn],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p0.write.refund([seasonId, 8n]),
        fx.arena,
        "EntrantNotFound",
        [seasonId, 8n],
      );
    });
  });

  describe("markFinalizationMissed", () => {
    it("lets anyone record the missed deadline, once", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params } = await fx.createSeason();
      const anyone = await fx.arenaAs(5);
      await viem.assertions.revertWithCustomErrorWithArgs(
        anyone.write.markFinalizationMissed([seasonId]),
        fx.arena,
        "InvalidSeasonStatus",
        [seasonId, Status.Upcoming, Status.FinalizationMissed],
      );
      await fx.increaseTo(params.finalizationDeadline + 1n);
      await viem.assertions.emitWithArgs(
        anyone.write.markFinalizationMissed([seasonId]),
        fx.arena,
        "FinalizationMissed",
        [seasonId, params.finalizationDeadline],
      );
      const receipt = await fx.waitFor(anyone.write.markFinalizationMissed([seasonId]));
      assert.equal(receipt.logs.length, 0);
    });
  });

  describe("sweep", () => {
    it("sends the protocol fee and the unclaimed rewards to the treasury after the claim deadline, and nothing is left", async () => {
      const { fx, seasonId, params, protocolFee, maxPayout } = await awaitingFinalization();
      // Players 0 and 1 share the payout; only player 0 claims.
      const claimed = maxPayout / 3n;
      const entries: ResultEntry[] = [
        { entrantIndex: 0n, wallet: fx.address(0), rank: 1n, score: 2n, reward: claimed },
        { entrantIndex: 1n, wallet: fx.address(1), rank: 2n, score: 1n, reward: maxPayout - claimed },
      ];
      const tree = buildOzResultTree({ chainId: fx.chainId, arena: fx.arena.address, seasonId }, entries);
      const payout = await fx.finalize(seasonId, params, tree.root, maxPayout);
      await viem.assertions.revertWithCustomErrorWithArgs(
        fx.arena.write.sweep([seasonId]),
        fx.arena,
        "InvalidSeasonStatus",
        [seasonId, Status.DisputeWindow, Status.ClaimsClosed],
      );
      await fx.increaseTo(await payout.read.CLAIMS_OPEN_AT());
      const asPlayer0 = await viem.getContractAt("SeasonPayout", payout.address, { client: { wallet: fx.player(0) } });
      await fx.waitFor(asPlayer0.write.claim([0n, 1n, 2n, claimed, tree.proof(0)]));
      await fx.increaseTo(params.claimDeadline + 1n);
      const unclaimed = maxPayout - claimed;
      const sweeper = await fx.arenaAs(4);
      await viem.assertions.balancesHaveChanged(sweeper.write.sweep([seasonId]), [
        { address: fx.treasury.account.address, amount: protocolFee + unclaimed },
        { address: fx.arena.address, amount: -protocolFee },
        { address: payout.address, amount: -unclaimed },
      ]);
      // The arena held this season only: every fee went to a player or, as fee or unclaimed, the treasury.
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, fx.arena.address), 0n);
      assert.equal(await fx.balanceOf(ZERO_ADDRESS, payout.address), 0n);
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.Swept);
      await viem.assertions.revertWithCustomErrorWithArgs(
        sweeper.write.sweep([seasonId]),
        fx.arena,
        "InvalidSeasonStatus",
        [seasonId, Status.Swept, Status.ClaimsClosed],
      );
    });

    it("fails as a whole when the treasury refuses ETH, and succeeds once the admin fixes it", async () => {
      const { fx, seasonId, params, maxPayout } = await awaitingFinalization();
      const payout = await fx.finalize(seasonId, params, digest("r"), maxPayout);
      await fx.increaseTo(params.claimDeadline + 1n);
      // A contract without receive() or fallback: the pot's ETH transfer to it fails.
      await fx.waitFor(fx.arena.write.setTreasury([fx.plainToken.address]));
      await viem.assertions.revertWithCustomErrorWithArgs(fx.arena.write.sweep([seasonId]), payout, "PayoutFailed", [
        ZERO_ADDRESS,
        getAddress(fx.plainToken.address),
        maxPayout,
      ]);
      await fx.waitFor(fx.arena.write.setTreasury([fx.treasury.account.address]));
      await fx.waitFor(fx.arena.write.sweep([seasonId]));
      assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.Swept);
    });

    it("emits what went where, for tokens, even while paused", async () => {
      const fx = await networkHelpers.loadFixture(setup);
      const { seasonId, params, protocolFee, maxPayout } = await seasonWithEntrants(fx, {
        asset: fx.token.address,
        entryFee: 10n ** 18n,
      });
      const payout = await fx.finalize(seasonId, params, digest("r"), maxPayout);
      await fx.increaseTo(params.claimDeadline + 1n);
      await fx.waitFor(fx.asGuardian.write.pause());
      const hash = fx.arena.write.sweep([seasonId]);
      await viem.assertions.emitWithArgs(hash, fx.arena, "SeasonSwept", [
        seasonId,
        fx.treasury.account.address,
        protocolFee,
        maxPayout,
      ]);
      assert.equal(await fx.token.read.balanceOf([fx.treasury.account.address]), protocolFee + maxPayout);
      assert.equal(await fx.token.read.balanceOf([payout.address]), 0n);
      assert.equal(await fx.token.read.balanceOf([fx.arena.address]), 0n);
    });
  });
});
