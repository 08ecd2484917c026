import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  arenaWithTokens,
  assertSameAddress,
  MAX_CLAIM_PERIOD,
  MAX_DISPUTE_WINDOW,
  MAX_ENDS_AT,
  MAX_ENTRANTS,
  MAX_ENTRIES_PER_WALLET,
  MAX_FINALIZATION_DELAY,
  MAX_PROTOCOL_FEE_BPS,
  MAX_ROUNDS,
  MAX_SEASON_AMOUNT,
  MIN_CLAIM_PERIOD,
  MIN_DISPUTE_WINDOW,
  ROUND_COMMIT_GRACE,
  roundChainGenesis,
  type SeasonParams,
  Status,
  seasonParams,
  TEST_NETWORK,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "./helpers/arenaFixture.ts";

describe("PodiumArena.createSeason", async () => {
  const { viem, networkHelpers } = await network.create(TEST_NETWORK);
  const setup = () => arenaWithTokens(viem, networkHelpers);

  it("stores every parameter, starts the rounds chain and emits SeasonCreated with the metadata URI", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const params = seasonParams(await fx.now(), { asset: fx.token.address });
    const uri = "ipfs://bafy-season-1";
    await viem.assertions.emitWithArgs(fx.asOperator.write.createSeason([params, uri]), fx.arena, "SeasonCreated", [
      1n,
      fx.token.address,
      params,
      uri,
    ]);
    assert.equal(await fx.arena.read.seasonCount(), 1n);
    const season = await fx.arena.read.getSeason([1n]);
    assertSameAddress(season.params.asset, params.asset);
    assert.deepEqual({ ...season.params, asset: params.asset }, params);
    assert.equal(season.status, Status.Upcoming);
    assert.equal(season.entrantCount, 0n);
    assert.equal(season.activeEntrants, 0n);
    assert.equal(season.roundsCommitted, 0n);
    assert.equal(season.resultsRoot, ZERO_HASH);
    assert.equal(season.payout, ZERO_ADDRESS);
    assert.equal(season.roundsHead, roundChainGenesis(fx.chainId, fx.arena.address, 1n, params.rulesHash));
    assert.equal(await fx.arena.read.roundChainGenesis([1n]), season.roundsHead);
  });

  it("numbers seasons from 1 and keeps them apart", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const first = await fx.createSeason({ entryFee: 1n });
    const second = await fx.createSeason({ entryFee: 2n, asset: fx.token.address });
    assert.deepEqual([first.seasonId, second.seasonId], [1n, 2n]);
    assert.equal((await fx.arena.read.getSeason([1n])).params.entryFee, 1n);
    assert.equal((await fx.arena.read.getSeason([2n])).params.entryFee, 2n);
  });

  it("accepts the extreme values of every bound", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const now = await fx.now();
    // Each field at its inclusive limit (SeasonParamsValidation.sol), in a block one second after `now`.
    const params = seasonParams(now, {
      entryOpensAt: now + 1n, // opens in the very block that creates it
      entryClosesAt: now + 2n,
      startsAt: now + 2n,
      endsAt: now + 3n,
      roundCount: MAX_ROUNDS,
      maxEntrants: MAX_ENTRANTS,
      maxEntriesPerWallet: MAX_ENTRIES_PER_WALLET,
      // entryFee * maxEntrants <= 2^96 - 1: the largest fee for MAX_ENTRANTS.
      entryFee: MAX_SEASON_AMOUNT / MAX_ENTRANTS,
      protocolFeeBps: MAX_PROTOCOL_FEE_BPS,
      disputeWindow: MAX_DISPUTE_WINDOW,
      finalizationDeadline: now + 3n + MAX_FINALIZATION_DELAY,
      claimDeadline: now + 3n + MAX_FINALIZATION_DELAY + MAX_DISPUTE_WINDOW + MAX_CLAIM_PERIOD,
    });
    await networkHelpers.time.setNextBlockTimestamp(now + 1n);
    await fx.waitFor(fx.asOperator.write.createSeason([params, ""]));
    const latest = seasonParams(now, {
      startsAt: MAX_ENDS_AT - 1n,
      endsAt: MAX_ENDS_AT,
      disputeWindow: MIN_DISPUTE_WINDOW,
      entryFee: 0n,
      protocolFeeBps: 0n,
      roundCount: 1n,
      maxEntrants: 1n,
      maxEntriesPerWallet: 1n,
      finalizationDeadline: MAX_ENDS_AT + ROUND_COMMIT_GRACE,
      claimDeadline: MAX_ENDS_AT + ROUND_COMMIT_GRACE + MIN_DISPUTE_WINDOW + MIN_CLAIM_PERIOD,
    });
    await fx.waitFor(fx.asOperator.write.createSeason([latest, ""]));
    assert.equal(await fx.arena.read.seasonCount(), 2n);
    assert.deepEqual({ ...(await fx.arena.read.getSeason([2n])).params, asset: ZERO_ADDRESS }, latest);
  });

  it("lets only the operator create seasons", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const params = seasonParams(await fx.now());
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asGuardian.write.createSeason([params, ""]),
      fx.arena,
      "AccessControlUnauthorizedAccount",
      [fx.guardian.account.address, await fx.arena.read.OPERATOR_ROLE()],
    );
  });

  describe("refuses each bad parameter with the offending values", () => {
    type Case = {
      name: string;
      error: string;
      change: (p: SeasonParams, now: bigint, asset: { noCode: `0x${string}` }) => Partial<SeasonParams>;
      args: (p: SeasonParams, now: bigint) => readonly unknown[];
    };
    const cases: Case[] = [
      {
        name: "an asset address without code",
        error: "InvalidAsset",
        change: (_p, _now, { noCode }) => ({ asset: noCode }),
        args: (p) => [p.asset],
      },
      {
        name: "an entry window opening in the past",
        error: "InvalidEntryWindow",
        change: (_p, now) => ({ entryOpensAt: now - 1n }),
        // The transaction's block is one second after `now`.
        args: (p, now) => [p.entryOpensAt, p.entryClosesAt, now + 1n],
      },
      {
        name: "an empty entry window",
        error: "InvalidEntryWindow",
        change: (p) => ({ entryClosesAt: p.entryOpensAt }),
        args: (p, now) => [p.entryOpensAt, p.entryClosesAt, now + 1n],
      },
      {
        name: "a start before the entry window closes",
        error: "InvalidSeasonWindow",
        change: (p) => ({ startsAt: p.entryClosesAt - 1n }),
        args: (p) => [p.entryClosesAt, p.startsAt, p.endsAt],
      },
      {
        name: "an end not after the start",
        error: "InvalidSeasonWindow",
        change: (p) => ({ endsAt: p.startsAt }),
        args: (p) => [p.entryClosesAt, p.startsAt, p.endsAt],
      },
      {
        name: "an end beyond the 40-bit timestamps",
        error: "InvalidSeasonWindow",
        change: () => ({ endsAt: MAX_ENDS_AT + 1n }),
        args: (p) => [p.entryClosesAt, p.startsAt, p.endsAt],
      },
      {
        name: "zero rounds",
        error: "InvalidRoundCount",
        change: () => ({ roundCount: 0n }),
        args: (p) => [p.roundCount, MAX_ROUNDS],
      },
      {
        name: "more rounds than 16 bits hold",
        error: "InvalidRoundCount",
        change: () => ({ roundCount: MAX_ROUNDS + 1n }),
        args: (p) => [p.roundCount, MAX_ROUNDS],
      },
      {
        name: "zero entrants",
        error: "InvalidMaxEntrants",
        change: () => ({ maxEntrants: 0n }),
        args: (p) => [p.maxEntrants, MAX_ENTRANTS],
      },
      {
        name: "more entrants than 24 bits hold",
        error: "InvalidMaxEntrants",
        change: () => ({ maxEntrants: MAX_ENTRANTS + 1n }),
        args: (p) => [p.maxEntrants, MAX_ENTRANTS],
      },
      {
        name: "zero entries per wallet",
        error: "InvalidMaxEntriesPerWallet",
        change: () => ({ maxEntriesPerWallet: 0n }),
        args: (p) => [p.maxEntriesPerWallet, p.maxEntrants, MAX_ENTRIES_PER_WALLET],
      },
      {
        name: "more entries per wallet than entrants",
        error: "InvalidMaxEntriesPerWallet",
        change: () => ({ maxEntrants: 2n, maxEntriesPerWallet: 3n }),
        args: (p) => [p.maxEntriesPerWallet, p.maxEntrants, MAX_ENTRIES_PER_WALLET],
      },
      {
        name: "more entries per wallet than the packed list holds",
        error: "InvalidMaxEntriesPerWallet",
        // maxEntrants above 256 so that only the 255-entry bound is broken.
        change: () => ({ maxEntrants: 1_000n, maxEntriesPerWallet: MAX_ENTRIES_PER_WALLET + 1n }),
        args: (p) => [p.maxEntriesPerWallet, p.maxEntrants, MAX_ENTRIES_PER_WALLET],
      },
      {
        name: "an entry fee beyond 96 bits",
        error: "EntryFeeTooLarge",
        change: () => ({ entryFee: MAX_SEASON_AMOUNT + 1n, maxEntrants: 1n, maxEntriesPerWallet: 1n }),
        args: (p) => [p.entryFee, p.maxEntrants, MAX_SEASON_AMOUNT],
      },
      {
        name: "fees of all entrants beyond 96 bits",
        error: "EntryFeeTooLarge",
        // 2^95 * 2 = 2^96 > 2^96 - 1
        change: () => ({ entryFee: 2n ** 95n, maxEntrants: 2n, maxEntriesPerWallet: 1n }),
        args: (p) => [p.entryFee, p.maxEntrants, MAX_SEASON_AMOUNT],
      },
      {
        name: "a protocol fee above the cap",
        error: "ProtocolFeeTooHigh",
        change: () => ({ protocolFeeBps: MAX_PROTOCOL_FEE_BPS + 1n }),
        args: (p) => [p.protocolFeeBps, MAX_PROTOCOL_FEE_BPS],
      },
      {
        name: "a dispute window under an hour",
        error: "InvalidDisputeWindow",
        change: () => ({ disputeWindow: MIN_DISPUTE_WINDOW - 1n }),
        args: (p) => [p.disputeWindow, MIN_DISPUTE_WINDOW, MAX_DISPUTE_WINDOW],
      },
      {
        name: "a dispute window over 30 days",
        error: "InvalidDisputeWindow",
        change: () => ({ disputeWindow: MAX_DISPUTE_WINDOW + 1n }),
        args: (p) => [p.disputeWindow, MIN_DISPUTE_WINDOW, MAX_DISPUTE_WINDOW],
      },
      {
        name: "a finalization deadline inside the commit grace period",
        error: "InvalidFinalizationDeadline",
        change: (p) => ({ finalizationDeadline: p.endsAt + ROUND_COMMIT_GRACE - 1n }),
        args: (p) => [p.finalizationDeadline, p.endsAt + ROUND_COMMIT_GRACE, p.endsAt + MAX_FINALIZATION_DELAY],
      },
      {
        name: "a finalization deadline more than 30 days after the end",
        error: "InvalidFinalizationDeadline",
        change: (p) => ({ finalizationDeadline: p.endsAt + MAX_FINALIZATION_DELAY + 1n }),
        args: (p) => [p.finalizationDeadline, p.endsAt + ROUND_COMMIT_GRACE, p.endsAt + MAX_FINALIZATION_DELAY],
      },
      {
        name: "a claim period shorter than 7 days",
        error: "InvalidClaimDeadline",
        change: (p) => ({ claimDeadline: p.finalizationDeadline + p.disputeWindow + MIN_CLAIM_PERIOD - 1n }),
        args: (p) => [
          p.claimDeadline,
          p.finalizationDeadline + p.disputeWindow + MIN_CLAIM_PERIOD,
          p.finalizationDeadline + p.disputeWindow + MAX_CLAIM_PERIOD,
        ],
      },
      {
        name: "a claim period longer than a year",
        error: "InvalidClaimDeadline",
        change: (p) => ({ claimDeadline: p.finalizationDeadline + p.disputeWindow + MAX_CLAIM_PERIOD + 1n }),
        args: (p) => [
          p.claimDeadline,
          p.finalizationDeadline + p.disputeWindow + MIN_CLAIM_PERIOD,
          p.finalizationDeadline + p.disputeWindow + MAX_CLAIM_PERIOD,
        ],
      },
      {
        name: "a zero rules hash",
        error: "ZeroRulesHash",
        change: () => ({ rulesHash: ZERO_HASH }),
        args: () => [],
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const fx = await networkHelpers.loadFixture(setup);
        const now = await fx.now();
        const base = seasonParams(now);
        const params = { ...base, ...c.change(base, now, { noCode: fx.address(7) }) };
        await networkHelpers.time.setNextBlockTimestamp(now + 1n);
        await viem.assertions.revertWithCustomErrorWithArgs(
          fx.asOperator.write.createSeason([params, ""]),
          fx.arena,
          c.error as never,
          c.args(params, now) as never,
        );
      });
    }
  });

  it("reports None for a season that does not exist", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    assert.equal(await fx.arena.read.seasonStatus([1n]), Status.None);
    assert.equal((await fx.arena.read.getSeason([1n])).status, Status.None);
  });
});
